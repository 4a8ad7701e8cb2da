using System.Globalization;
using System.Net;
using System.Xml;
using System.Xml.Linq;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.Runtime.Signing;
using Microsoft.Extensions.Configuration;

namespace BitcoinEvents.Infrastructure.Messaging;

/// <summary>
/// A small client of SNS's query API (<c>Action=Publish</c> and <c>PublishBatch</c>, form-encoded,
/// SigV4-signed by AWSSDK.Core's public <see cref="SigV4SigningHandler"/>; XML answers read with
/// <see cref="XDocument"/>): no AWSSDK.SimpleNotificationService package exists here, and this is
/// AOT-clean. Publishes to topics (domain events), to phone numbers (SMS) and to mobile push
/// endpoints, and registers a device as a platform endpoint.
/// </summary>
public sealed class SnsClient : IDisposable
{
    /// <summary>The local endpoint override (fauxqs); without it, <c>https://sns.{region}.amazonaws.com</c>.</summary>
    public const string EndpointSetting = "AWS_ENDPOINT_URL_SNS";

    /// <summary>The SNS query API version.</summary>
    public const string ApiVersion = "2010-03-31";

    /// <summary>SNS accepts at most ten entries per PublishBatch.</summary>
    public const int MaxBatchEntries = 10;

    private readonly HttpClient _http;
    private readonly Uri _endpoint;

    /// <param name="http">A client whose handler signs for service "sns" (e.g. a <see cref="SigV4SigningHandler"/>).</param>
    /// <param name="endpoint">The SNS endpoint.</param>
    public SnsClient(HttpClient http, Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(endpoint);
        _http = http;
        _endpoint = endpoint;
    }

    /// <summary>
    /// A client configured as the AWS clients are (<c>AwsClients</c>): with <c>AWS_ENDPOINT_URL_SNS</c>
    /// set, that endpoint and the local dummy credentials; otherwise SNS in <c>AWS_REGION</c> with the
    /// SDK's default credential chain (the function's role in Lambda).
    /// </summary>
    public static SnsClient Create(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var region = RegionEndpoint.GetBySystemName(configuration["AWS_REGION"] is { Length: > 0 } name ? name : "us-east-1");
        var local = configuration[EndpointSetting];
        AWSCredentials credentials = string.IsNullOrEmpty(local)
            ? DefaultAWSCredentialsIdentityResolver.GetCredentials()
            : new BasicAWSCredentials("local", "local");
        var endpoint = string.IsNullOrEmpty(local)
            ? new Uri($"https://sns.{region.SystemName}.{region.PartitionDnsSuffix}/")
            : new Uri(local.TrimEnd('/') + "/");
        var http = new HttpClient(new SigV4SigningHandler(credentials, region, "sns", new SocketsHttpHandler()))
        {
            Timeout = TimeSpan.FromSeconds(10),
        };
        return new SnsClient(http, endpoint);
    }

    /// <summary>The endpoint requests go to.</summary>
    public Uri Endpoint => _endpoint;

    /// <summary>Publishes one message; returns SNS's message id. <see cref="SnsException"/> when SNS refuses it.</summary>
    public async Task<string> PublishAsync(SnsPublishRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var form = Form("Publish");
        request.AddTo(form, prefix: "");
        var result = await SendAsync("Publish", form, ct);
        return Text(result, "MessageId") ?? throw new SnsException("InvalidResponse", "Publish answered without a MessageId.", HttpStatusCode.OK);
    }

    /// <summary>
    /// Registers a device token with a platform application (<c>CreatePlatformEndpoint</c>); returns
    /// the endpoint's ARN, the <see cref="SnsPublishRequest.TargetArn"/> of its push messages. SNS
    /// answers the same ARN for a token it already knows with the same attributes.
    /// </summary>
    public async Task<string> CreatePlatformEndpointAsync(string platformApplicationArn, string token, string? customUserData, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(platformApplicationArn);
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        var form = Form("CreatePlatformEndpoint");
        form.Add(new("PlatformApplicationArn", platformApplicationArn));
        form.Add(new("Token", token));
        if (customUserData is not null)
        {
            form.Add(new("CustomUserData", customUserData));
        }

        var result = await SendAsync("CreatePlatformEndpoint", form, ct);
        return Text(result, "EndpointArn") ?? throw new SnsException("InvalidResponse", "CreatePlatformEndpoint answered without an EndpointArn.", HttpStatusCode.OK);
    }

    /// <summary>
    /// Publishes up to ten messages to one topic in one call. SNS answers per entry: the result
    /// lists which ids succeeded and which failed (and why); only a refused call throws.
    /// </summary>
    public async Task<SnsPublishBatchResult> PublishBatchAsync(string topicArn, IReadOnlyList<SnsPublishBatchEntry> entries, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topicArn);
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count is 0 or > MaxBatchEntries)
        {
            throw new ArgumentException($"A batch holds 1 to {MaxBatchEntries} entries (has {entries.Count}).", nameof(entries));
        }

        var form = Form("PublishBatch");
        form.Add(new("TopicArn", topicArn));
        for (var i = 0; i < entries.Count; i++)
        {
            var prefix = $"PublishBatchRequestEntries.member.{(i + 1).ToString(CultureInfo.InvariantCulture)}.";
            form.Add(new(prefix + "Id", entries[i].Id));
            entries[i].Request.AddTo(form, prefix);
        }

        var result = await SendAsync("PublishBatch", form, ct);
        var successful = Members(result, "Successful")
            .Select(m => new SnsBatchSuccess(Text(m, "Id") ?? "", Text(m, "MessageId") ?? ""))
            .ToList();
        var failed = Members(result, "Failed")
            .Select(m => new SnsBatchFailure(Text(m, "Id") ?? "", Text(m, "Code") ?? "", Text(m, "Message") ?? "", string.Equals(Text(m, "SenderFault"), "true", StringComparison.OrdinalIgnoreCase)))
            .ToList();
        return new SnsPublishBatchResult(successful, failed);
    }

    public void Dispose() => _http.Dispose();

    private static List<KeyValuePair<string, string>> Form(string action) =>
        [new("Action", action), new("Version", ApiVersion)];

    private async Task<XElement> SendAsync(string action, List<KeyValuePair<string, string>> form, CancellationToken ct)
    {
        using var content = new FormUrlEncodedContent(form);
        using var response = await _http.PostAsync(_endpoint, content, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        XElement root;
        try
        {
            root = XDocument.Parse(body).Root ?? throw new XmlException("The document is empty.");
        }
        catch (XmlException exception)
        {
            throw new SnsException("InvalidResponse", $"{action} answered {(int)response.StatusCode} with a body that is not XML.", response.StatusCode, exception);
        }

        if (!response.IsSuccessStatusCode || root.Name.LocalName == "ErrorResponse")
        {
            var error = Child(root, "Error");
            throw new SnsException(
                Text(error, "Code") ?? response.StatusCode.ToString(),
                Text(error, "Message") ?? $"{action} failed with status {(int)response.StatusCode}.",
                response.StatusCode);
        }

        return Child(root, action + "Result") ?? throw new SnsException("InvalidResponse", $"{action} answered without a {action}Result.", response.StatusCode);
    }

    private static XElement? Child(XElement? parent, string localName) =>
        parent?.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

    private static string? Text(XElement? parent, string localName) => Child(parent, localName)?.Value;

    private static IEnumerable<XElement> Members(XElement result, string list) =>
        Child(result, list)?.Elements().Where(e => e.Name.LocalName == "member") ?? [];
}

/// <summary>What to publish: to a topic (<see cref="TopicArn"/>), as an SMS (<see cref="PhoneNumber"/>) or to a push endpoint (<see cref="TargetArn"/>).</summary>
public sealed record SnsPublishRequest
{
    /// <summary>The topic; or null with <see cref="PhoneNumber"/> set. Not used in a batch entry (the batch names the topic).</summary>
    public string? TopicArn { get; init; }

    /// <summary>An E.164 number to send an SMS to, instead of a topic.</summary>
    public string? PhoneNumber { get; init; }

    /// <summary>A mobile platform endpoint (<see cref="SnsClient.CreatePlatformEndpointAsync"/>) to push to, instead of a topic.</summary>
    public string? TargetArn { get; init; }

    /// <summary>
    /// <c>json</c>: <see cref="Message"/> is a JSON object with one message per protocol or platform
    /// (<c>default</c>, <c>GCM</c>, <c>APNS</c>…), as push needs; null: the same text everywhere.
    /// </summary>
    public string? MessageStructure { get; init; }

    public required string Message { get; init; }

    public string? Subject { get; init; }

    /// <summary>Message attributes (subscribers' filter policies match on them).</summary>
    public IReadOnlyDictionary<string, SnsAttributeValue> MessageAttributes { get; init; } = new Dictionary<string, SnsAttributeValue>();

    /// <summary>FIFO topics only.</summary>
    public string? MessageGroupId { get; init; }

    /// <summary>FIFO topics only.</summary>
    public string? MessageDeduplicationId { get; init; }

    internal void AddTo(List<KeyValuePair<string, string>> form, string prefix)
    {
        var inBatch = prefix.Length > 0;
        if (!inBatch)
        {
            if ((TopicArn is null ? 0 : 1) + (PhoneNumber is null ? 0 : 1) + (TargetArn is null ? 0 : 1) != 1)
            {
                throw new ArgumentException("Publish to exactly one of TopicArn, PhoneNumber or TargetArn.");
            }

            Add("TopicArn", TopicArn);
            Add("PhoneNumber", PhoneNumber);
            Add("TargetArn", TargetArn);
        }

        ArgumentException.ThrowIfNullOrEmpty(Message);
        Add("Message", Message);
        Add("Subject", Subject);
        Add("MessageStructure", MessageStructure);
        Add("MessageGroupId", MessageGroupId);
        Add("MessageDeduplicationId", MessageDeduplicationId);
        var n = 0;
        foreach (var (name, attribute) in MessageAttributes.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            var entry = $"MessageAttributes.entry.{(++n).ToString(CultureInfo.InvariantCulture)}.";
            Add(entry + "Name", name);
            Add(entry + "Value.DataType", attribute.DataType);
            Add(entry + "Value.StringValue", attribute.Value);
        }

        void Add(string name, string? value)
        {
            if (value is not null)
            {
                form.Add(new(prefix + name, value));
            }
        }
    }
}

/// <summary>A message attribute: a data type (String, Number, String.Array) and its value as text.</summary>
public sealed record SnsAttributeValue(string DataType, string Value)
{
    public static SnsAttributeValue Text(string value) => new("String", value);

    public static SnsAttributeValue Number(long value) => new("Number", value.ToString(CultureInfo.InvariantCulture));
}

/// <summary>One entry of a PublishBatch: an id unique within the batch and what to publish.</summary>
public sealed record SnsPublishBatchEntry(string Id, SnsPublishRequest Request);

/// <summary>What PublishBatch answered, per entry.</summary>
public sealed record SnsPublishBatchResult(IReadOnlyList<SnsBatchSuccess> Successful, IReadOnlyList<SnsBatchFailure> Failed);

/// <summary>An entry SNS accepted.</summary>
public sealed record SnsBatchSuccess(string Id, string MessageId);

/// <summary>An entry SNS refused.</summary>
public sealed record SnsBatchFailure(string Id, string Code, string Message, bool SenderFault);

/// <summary>SNS refused a call (its error code and message), or answered something that is not SNS's answer.</summary>
public sealed class SnsException : Exception
{
    public SnsException()
        : this("Unknown", "SNS failed.", HttpStatusCode.InternalServerError)
    {
    }

    public SnsException(string message)
        : this("Unknown", message, HttpStatusCode.InternalServerError)
    {
    }

    public SnsException(string message, Exception innerException)
        : this("Unknown", message, HttpStatusCode.InternalServerError, innerException)
    {
    }

    public SnsException(string code, string message, HttpStatusCode statusCode, Exception? innerException = null)
        : base($"SNS {code}: {message}", innerException)
    {
        Code = code;
        StatusCode = statusCode;
    }

    /// <summary>SNS's error code, e.g. NotFound, InvalidParameter, Throttling.</summary>
    public string Code { get; }

    public HttpStatusCode StatusCode { get; }
}
