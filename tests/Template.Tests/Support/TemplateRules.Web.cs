using System.Text.Json.Nodes;

namespace Template.Tests.Support;

/// <summary>The rules of the web app's hosting: private bucket, CloudFront only, HTTPS, security headers, CORS.</summary>
internal static partial class TemplateRules
{
    /// <summary>
    /// Every S3 bucket blocks public access and encrypts; every CloudFront distribution redirects
    /// HTTP to HTTPS on every behaviour, reads its S3 origins through origin access control (no
    /// public website endpoint, no legacy OAI), answers with a response headers policy carrying a
    /// CSP, HSTS, nosniff and frame options, and maps deep links with a viewer-request function;
    /// a bucket a distribution reads is readable by that distribution alone (policy conditioned on
    /// its ARN); the HTTP API's CORS allows the distribution's origin.
    /// </summary>
    public static IReadOnlyList<string> WebHosting(TemplateDocument template)
    {
        var problems = new List<string>();
        var resources = template.Resources;
        JsonObject? Properties(string id) => resources[id]?["Properties"] as JsonObject;

        foreach (var (id, resource) in resources.Where(r => Type(r.Value) == "AWS::S3::Bucket"))
        {
            var block = resource!["Properties"]?["PublicAccessBlockConfiguration"] as JsonObject;
            foreach (var flag in new[] { "BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets" })
            {
                if (block?[flag]?.GetValue<bool>() != true)
                {
                    problems.Add($"{id}: PublicAccessBlockConfiguration.{flag} must be true.");
                }
            }

            if (resource["Properties"]?["BucketEncryption"] is null)
            {
                problems.Add($"{id}: no BucketEncryption.");
            }

            if (resource["Properties"]?["WebsiteConfiguration"] is not null)
            {
                problems.Add($"{id}: a website endpoint is public HTTP; serve through CloudFront instead.");
            }
        }

        var distributions = resources.Where(r => Type(r.Value) == "AWS::CloudFront::Distribution").ToList();
        foreach (var (id, resource) in distributions)
        {
            var config = resource!["Properties"]?["DistributionConfig"] as JsonObject ?? [];
            var behaviours = new List<JsonObject>();
            if (config["DefaultCacheBehavior"] is JsonObject main)
            {
                behaviours.Add(main);
            }

            behaviours.AddRange((config["CacheBehaviors"] as JsonArray ?? []).OfType<JsonObject>());
            foreach (var behaviour in behaviours)
            {
                var policy = behaviour["ViewerProtocolPolicy"]?.GetValue<string>();
                if (policy is not ("redirect-to-https" or "https-only"))
                {
                    problems.Add($"{id}: a cache behaviour allows plain HTTP (ViewerProtocolPolicy {policy ?? "missing"}).");
                }

                if (RefTarget(behaviour["ResponseHeadersPolicyId"]) is not { } headersId || Properties(headersId) is not { } headers)
                {
                    problems.Add($"{id}: a cache behaviour has no response headers policy of this template.");
                }
                else
                {
                    problems.AddRange(SecurityHeaders(headersId, headers));
                }
            }

            if (config["DefaultCacheBehavior"]?["FunctionAssociations"] is not JsonArray functions
                || !functions.OfType<JsonObject>().Any(f => f["EventType"]?.GetValue<string>() == "viewer-request"))
            {
                problems.Add($"{id}: no viewer-request function on the default behaviour: deep links to pages would be 404s.");
            }

            foreach (var origin in (config["Origins"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (origin["S3OriginConfig"] is not JsonObject s3)
                {
                    continue;
                }

                if (origin["OriginAccessControlId"] is null || s3["OriginAccessIdentity"]?.GetValue<string>() is { Length: > 0 })
                {
                    problems.Add($"{id}: S3 origin {origin["Id"]} must be read through origin access control (OriginAccessControlId, no OriginAccessIdentity).");
                }

                var bucket = GetAttTarget(origin["DomainName"]);
                var policies = resources.Where(r => Type(r.Value) == "AWS::S3::BucketPolicy" && RefTarget(r.Value!["Properties"]?["Bucket"]) == bucket).ToList();
                var allows = policies.SelectMany(p => p.Value!["Properties"]?["PolicyDocument"]?["Statement"] as JsonArray ?? []).OfType<JsonObject>()
                    .Where(s => s["Effect"]?.GetValue<string>() == "Allow").ToList();
                if (bucket is null || allows.Count == 0)
                {
                    problems.Add($"{id}: origin {origin["Id"]}'s bucket has no policy letting the distribution read it.");
                }

                foreach (var statement in allows)
                {
                    var service = (statement["Principal"] as JsonObject)?["Service"]?.ToString();
                    var sourceArn = TextOf(statement["Condition"]?["StringEquals"]?["AWS:SourceArn"]);
                    if (service != "cloudfront.amazonaws.com" || !sourceArn.Contains("${" + id + "}", StringComparison.Ordinal))
                    {
                        problems.Add($"{id}: bucket {bucket} grants reads to someone other than this distribution ({statement.ToJsonString()}).");
                    }
                }
            }

            var origins = Properties("HttpApi")?["CorsConfiguration"]?["AllowOrigins"]?.ToJsonString() ?? string.Empty;
            if (!origins.Contains("${" + id + ".DomainName}", StringComparison.Ordinal))
            {
                problems.Add($"HttpApi: CORS does not allow {id}'s origin (https://${{{id}.DomainName}}).");
            }
        }

        return problems;
    }

    private static IEnumerable<string> SecurityHeaders(string id, JsonObject properties)
    {
        var security = properties["ResponseHeadersPolicyConfig"]?["SecurityHeadersConfig"] as JsonObject ?? [];
        var csp = TextOf(security["ContentSecurityPolicy"]?["ContentSecurityPolicy"]);
        if (csp.Length == 0)
        {
            yield return $"{id}: no Content-Security-Policy.";
            yield break;
        }

        foreach (var required in new[] { "default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'self'", "https://cognito-idp.${AWS::Region}.amazonaws.com", "execute-api.${AWS::Region}.amazonaws.com" })
        {
            if (!csp.Contains(required, StringComparison.Ordinal))
            {
                yield return $"{id}: the CSP lacks {required}.";
            }
        }

        foreach (var weak in new[] { "'unsafe-inline'", "'unsafe-eval'", "* ", "http:" })
        {
            if (csp.Contains(weak, StringComparison.Ordinal))
            {
                yield return $"{id}: the CSP allows {weak.Trim()}.";
            }
        }

        if (security["StrictTransportSecurity"]?["AccessControlMaxAgeSec"]?.GetValue<long>() is not >= 31536000)
        {
            yield return $"{id}: HSTS must last at least a year.";
        }

        if (security["ContentTypeOptions"] is null || security["FrameOptions"] is null || security["ReferrerPolicy"] is null)
        {
            yield return $"{id}: ContentTypeOptions, FrameOptions and ReferrerPolicy are required.";
        }
    }

    /// <summary>A string, or the text of a Sub.</summary>
    private static string TextOf(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonObject sub when sub["Fn::Sub"] is JsonValue inner && inner.TryGetValue<string>(out var text) => text,
        _ => string.Empty,
    };

    private static string? Type(JsonNode? resource) => resource?["Type"]?.GetValue<string>();

    private static string? RefTarget(JsonNode? node) => node?["Ref"]?.GetValue<string>();

    private static string? GetAttTarget(JsonNode? node) => node?["Fn::GetAtt"] is JsonArray { Count: > 0 } att ? att[0]!.GetValue<string>() : null;
}
