using System.Globalization;
using System.Xml.Linq;
using Amazon;
using Amazon.Runtime.Signing;

namespace BitcoinEvents.LocalAws;

/// <summary>
/// The SNS calls provisioning and tests make against fauxqs (query API, form-encoded, SigV4-signed
/// with the local dummy credentials): CreateTopic, Subscribe, Publish. No AWSSDK package for SNS
/// exists here; the platform's own client (Infrastructure/Messaging/SnsClient) only publishes.
/// </summary>
public sealed class LocalSns : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _endpoint;

    public LocalSns(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        _endpoint = new Uri(LocalAwsServers.Endpoint(endpoint) + "/");
        _http = new HttpClient(new SigV4SigningHandler(LocalAwsServers.Credentials, RegionEndpoint.GetBySystemName(LocalAwsServers.Region), "sns", new SocketsHttpHandler()))
        {
            Timeout = TimeSpan.FromSeconds(10),
        };
    }

    public void Dispose() => _http.Dispose();

    /// <summary>Creates the topic (or finds it, same attributes) and returns its ARN.</summary>
    public async Task<string> CreateTopicAsync(string name, IReadOnlyDictionary<string, string>? attributes = null, CancellationToken cancellationToken = default)
    {
        var form = new List<KeyValuePair<string, string>> { new("Name", name) };
        AddAttributes(form, attributes);
        var result = await CallAsync("CreateTopic", form, cancellationToken);
        return Text(result, "TopicArn") ?? throw new InvalidOperationException("CreateTopic answered without a TopicArn.");
    }

    /// <summary>Subscribes an endpoint (for sqs: a queue ARN) with subscription attributes (RawMessageDelivery, FilterPolicy, ...); returns the subscription's ARN.</summary>
    public async Task<string> SubscribeAsync(string topicArn, string protocol, string endpoint, IReadOnlyDictionary<string, string>? attributes = null, CancellationToken cancellationToken = default)
    {
        var form = new List<KeyValuePair<string, string>> { new("TopicArn", topicArn), new("Protocol", protocol), new("Endpoint", endpoint), new("ReturnSubscriptionArn", "true") };
        AddAttributes(form, attributes);
        var result = await CallAsync("Subscribe", form, cancellationToken);
        return Text(result, "SubscriptionArn") ?? throw new InvalidOperationException("Subscribe answered without a SubscriptionArn.");
    }

    /// <summary>Publishes a message with String (or, for numbers, Number) message attributes; returns the message id.</summary>
    public async Task<string> PublishAsync(string topicArn, string message, IReadOnlyDictionary<string, string>? stringAttributes = null, CancellationToken cancellationToken = default)
    {
        var form = new List<KeyValuePair<string, string>> { new("TopicArn", topicArn), new("Message", message) };
        var n = 0;
        foreach (var (name, value) in stringAttributes ?? new Dictionary<string, string>())
        {
            var prefix = $"MessageAttributes.entry.{(++n).ToString(CultureInfo.InvariantCulture)}.";
            form.Add(new(prefix + "Name", name));
            form.Add(new(prefix + "Value.DataType", "String"));
            form.Add(new(prefix + "Value.StringValue", value));
        }

        var result = await CallAsync("Publish", form, cancellationToken);
        return Text(result, "MessageId") ?? throw new InvalidOperationException("Publish answered without a MessageId.");
    }

    private static void AddAttributes(List<KeyValuePair<string, string>> form, IReadOnlyDictionary<string, string>? attributes)
    {
        var n = 0;
        foreach (var (key, value) in attributes ?? new Dictionary<string, string>())
        {
            var prefix = $"Attributes.entry.{(++n).ToString(CultureInfo.InvariantCulture)}.";
            form.Add(new(prefix + "key", key));
            form.Add(new(prefix + "value", value));
        }
    }

    private async Task<XElement> CallAsync(string action, List<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken)
    {
        parameters.Insert(0, new("Action", action));
        parameters.Insert(1, new("Version", "2010-03-31"));
        using var content = new FormUrlEncodedContent(parameters);
        using var response = await _http.PostAsync(_endpoint, content, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var root = XDocument.Parse(body).Root!;
        if (!response.IsSuccessStatusCode || root.Name.LocalName == "ErrorResponse")
        {
            var error = Child(root, "Error");
            throw new InvalidOperationException($"SNS {action} failed ({(int)response.StatusCode}): {Text(error, "Code")}: {Text(error, "Message")}");
        }

        return Child(root, action + "Result") ?? root;
    }

    private static XElement? Child(XElement? parent, string name) => parent?.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    private static string? Text(XElement? parent, string name) => Child(parent, name)?.Value;
}
