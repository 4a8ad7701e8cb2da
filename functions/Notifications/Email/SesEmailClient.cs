using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using BitcoinEvents.Notifications.Delivery;
using Microsoft.Extensions.Configuration;

namespace BitcoinEvents.Notifications.Email;

/// <summary>
/// A small client of Amazon SES v2's <c>SendEmail</c> (<c>POST /v2/email/outbound-emails</c>, a JSON
/// body, SigV4-signed for service <c>ses</c> by AWSSDK.Core's signer): AWSSDK.SimpleEmailV2 is not
/// available here. Sends simple content (subject, text, HTML, extra headers such as
/// List-Unsubscribe) or a raw MIME message (inline images), in a configuration set, tagged.
/// </summary>
internal sealed class SesEmailClient : IDisposable
{
    /// <summary>The local endpoint override (aws-ses-v2-local); without it, <c>https://email.{region}.amazonaws.com</c>.</summary>
    public const string EndpointSetting = "AWS_ENDPOINT_URL_SESV2";

    public const string SendEmailPath = "v2/email/outbound-emails";

    private readonly HttpClient _http;
    private readonly Uri _endpoint;

    public SesEmailClient(HttpClient http, Uri endpoint)
    {
        _http = http;
        _endpoint = endpoint;
    }

    public static SesEmailClient Create(IConfiguration configuration)
    {
        var (http, endpoint) = AwsAccess.SignedClient(configuration, configuration[EndpointSetting], "ses", "email", TimeSpan.FromSeconds(10));
        return new SesEmailClient(http, endpoint);
    }

    /// <summary>Sends one email; returns SES's message id. <see cref="SesException"/> when SES refuses it.</summary>
    public async Task<string> SendAsync(SendEmailRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(request, SesJsonContext.Default.SendEmailRequest));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _http.PostAsync(new Uri(_endpoint, SendEmailPath), content, ct);
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw SesException.From(response);
        }

        SendEmailResponse? answer;
        try
        {
            answer = JsonSerializer.Deserialize(body, SesJsonContext.Default.SendEmailResponse);
        }
        catch (JsonException exception)
        {
            throw new SesException("InvalidResponse", "SendEmail answered with a body that is not JSON.", response.StatusCode, exception);
        }

        return answer?.MessageId is { Length: > 0 } id
            ? id
            : throw new SesException("InvalidResponse", "SendEmail answered without a MessageId.", response.StatusCode);
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>The SendEmail request body (SES v2 API reference, SendEmail): member names as AWS spells them.</summary>
internal sealed record SendEmailRequest(
    string FromEmailAddress,
    SesDestination Destination,
    SesContent Content,
    string? ConfigurationSetName,
    IReadOnlyList<SesMessageTag>? EmailTags);

internal sealed record SesDestination(IReadOnlyList<string> ToAddresses);

/// <summary>Exactly one of <see cref="Simple"/> and <see cref="Raw"/>.</summary>
internal sealed record SesContent(SesSimpleMessage? Simple = null, SesRawMessage? Raw = null);

internal sealed record SesSimpleMessage(SesText Subject, SesBody Body, IReadOnlyList<SesHeader>? Headers);

internal sealed record SesBody(SesText? Text, SesText? Html);

internal sealed record SesText(string Data, string Charset = "UTF-8");

/// <summary>A whole MIME message, base64 (the JSON form of a blob).</summary>
internal sealed record SesRawMessage(string Data);

internal sealed record SesHeader(string Name, string Value);

/// <summary>A message tag: SES puts it in every event it publishes about the message (send, delivery, bounce, complaint).</summary>
internal sealed record SesMessageTag(string Name, string Value);

internal sealed record SendEmailResponse(string? MessageId);

/// <summary>SES refused a call: its error type (<c>x-amzn-ErrorType</c>), message and status.</summary>
internal sealed class SesException : Exception
{
    public SesException()
        : this("Unknown", "SES failed.", HttpStatusCode.InternalServerError)
    {
    }

    public SesException(string message)
        : this("Unknown", message, HttpStatusCode.InternalServerError)
    {
    }

    public SesException(string message, Exception innerException)
        : this("Unknown", message, HttpStatusCode.InternalServerError, innerException)
    {
    }

    public SesException(string code, string message, HttpStatusCode statusCode, Exception? innerException = null)
        : base($"SES {code} ({(int)statusCode}): {message}", innerException)
    {
        Code = code;
        StatusCode = statusCode;
    }

    /// <summary>SES's error type, e.g. MessageRejected, TooManyRequestsException, AccountSuspendedException.</summary>
    public string Code { get; }

    public HttpStatusCode StatusCode { get; }

    /// <remarks>
    /// Only the error type and status are kept: SES's message text can quote the request (in the
    /// sandbox it names the unverified recipient), and exceptions are logged.
    /// </remarks>
    internal static SesException From(HttpResponseMessage response)
    {
        var type = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.FirstOrDefault() : null;
        var code = type?.Split(':')[0] is { Length: > 0 } named ? named : response.StatusCode.ToString();
        return new SesException(code, "SendEmail was refused.", response.StatusCode);
    }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SendEmailRequest))]
[JsonSerializable(typeof(SendEmailResponse))]
internal sealed partial class SesJsonContext : JsonSerializerContext;
