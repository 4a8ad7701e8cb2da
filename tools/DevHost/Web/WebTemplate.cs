using System.Text.Json.Nodes;
using BitcoinEvents.LocalAws;

namespace BitcoinEvents.DevHost.Web;

/// <summary>
/// What template.yaml says about the web app, applied locally: the HTTP API's CORS rules
/// (<c>HttpApi.CorsConfiguration</c>) and the security headers CloudFront adds
/// (<c>WebSecurityHeaders</c>), with this machine's origins in place of AWS's.
/// </summary>
internal sealed record WebTemplate(
    IReadOnlyList<string> CorsMethods,
    IReadOnlyList<string> CorsRequestHeaders,
    IReadOnlyList<string> CorsExposedHeaders,
    int MaxAgeSeconds,
    string TemplateCsp,
    IReadOnlyDictionary<string, string> Headers)
{
    public const string ApiLogicalId = "HttpApi";
    public const string HeadersLogicalId = "WebSecurityHeaders";

    /// <exception cref="InvalidOperationException">The template lacks the resources or properties read here.</exception>
    public static WebTemplate From(SamTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var cors = Resource(template, ApiLogicalId)["CorsConfiguration"] as JsonObject
            ?? throw new InvalidOperationException($"template.yaml: {ApiLogicalId} has no CorsConfiguration.");
        var config = Resource(template, HeadersLogicalId)["ResponseHeadersPolicyConfig"] as JsonObject
            ?? throw new InvalidOperationException($"template.yaml: {HeadersLogicalId} has no ResponseHeadersPolicyConfig.");
        var security = config["SecurityHeadersConfig"] as JsonObject ?? [];
        var csp = Text(security["ContentSecurityPolicy"]?["ContentSecurityPolicy"])
            ?? throw new InvalidOperationException($"template.yaml: {HeadersLogicalId} has no ContentSecurityPolicy.");

        // HSTS is for HTTPS only: DevHost serves plain HTTP on 127.0.0.1.
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (security["ContentTypeOptions"] is not null)
        {
            headers["X-Content-Type-Options"] = "nosniff";
        }

        if (Text(security["FrameOptions"]?["FrameOption"]) is { } frame)
        {
            headers["X-Frame-Options"] = frame;
        }

        if (Text(security["ReferrerPolicy"]?["ReferrerPolicy"]) is { } referrer)
        {
            headers["Referrer-Policy"] = referrer;
        }

        foreach (var item in (config["CustomHeadersConfig"]?["Items"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (Text(item["Header"]) is { } name && Text(item["Value"]) is { } value)
            {
                headers[name] = value;
            }
        }

        return new WebTemplate(
            Strings(cors["AllowMethods"]),
            Strings(cors["AllowHeaders"]),
            Strings(cors["ExposeHeaders"]),
            cors["MaxAge"] is JsonValue maxAge && maxAge.TryGetValue<long>(out var seconds) ? (int)seconds : 0,
            csp,
            headers);
    }

    /// <summary>
    /// The template's CSP with <c>connect-src</c> naming <paramref name="connectTo"/> (the local
    /// API and cognito-local) and without <c>upgrade-insecure-requests</c> (plain HTTP here).
    /// Every other directive is the template's, so a page that breaks the CSP breaks locally too.
    /// </summary>
    /// <exception cref="InvalidOperationException">A directive other than connect-src depends on the AWS deployment.</exception>
    public string LocalContentSecurityPolicy(IEnumerable<Uri> connectTo)
    {
        var directives = new List<string>();
        foreach (var raw in TemplateCsp.Split(';'))
        {
            var directive = string.Join(' ', raw.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
            if (directive.Length == 0 || directive == "upgrade-insecure-requests")
            {
                continue;
            }

            if (directive.StartsWith("connect-src ", StringComparison.Ordinal))
            {
                directive = "connect-src 'self' " + string.Join(' ', connectTo.Select(Origin).Distinct(StringComparer.Ordinal));
            }
            else if (directive.Contains("${", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"template.yaml: {HeadersLogicalId}'s CSP directive '{directive}' names AWS resources; DevHost localizes connect-src only.");
            }

            directives.Add(directive);
        }

        return string.Join("; ", directives);
    }

    public static string Origin(Uri uri) => uri.GetLeftPart(UriPartial.Authority);

    private static JsonObject Resource(SamTemplate template, string logicalId) =>
        template.Resources.TryGetValue(logicalId, out var resource)
            ? resource.Properties
            : throw new InvalidOperationException($"template.yaml has no {logicalId}.");

    /// <summary>A plain string, or the text of a <c>!Sub</c> (its variables left as they are).</summary>
    private static string? Text(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonObject sub when sub["Fn::Sub"] is JsonValue inner && inner.TryGetValue<string>(out var text) => text,
        _ => null,
    };

    private static List<string> Strings(JsonNode? node) =>
        [.. (node as JsonArray ?? []).Select(Text).OfType<string>()];
}
