using System.Text.Json.Nodes;
using Template.Tests.Support;

namespace Template.Tests;

/// <summary>The web app's hosting: a private bucket read by CloudFront alone, HTTPS, security headers, deep links, CORS.</summary>
public sealed class WebHostingTests
{
    [Fact]
    public void TheWebApp_IsServedPrivatelyOverHttps_WithSecurityHeaders()
    {
        var problems = TemplateRules.WebHosting(TemplateDocument.Load());

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void TheTemplate_HasTheWebResourcesTheDeployScriptReads()
    {
        var template = TemplateDocument.Load();

        Assert.Equal("AWS::CloudFront::Distribution", template.Resources["WebDistribution"]!["Type"]!.GetValue<string>());
        var outputs = template.Root["Outputs"]!.AsObject();
        foreach (var output in new[] { "ApiUrl", "CognitoEndpoint", "UserPoolClientId", "WebBucketName", "WebDistributionId", "WebUrl" })
        {
            Assert.True(outputs.ContainsKey(output), $"tools/deploy-web.sh reads the stack output {output}.");
            Assert.Contains(output, File.ReadAllText(Path.Combine(BitcoinEvents.LocalAws.RepositoryPaths.Root, "tools", "deploy-web.sh")), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void WebHosting_WhenHttpIsAllowedOrTheBucketIsPublic_IsReported()
    {
        var template = TemplateDocument.Load().Clone();
        var behaviour = template.Resources["WebDistribution"]!["Properties"]!["DistributionConfig"]!["DefaultCacheBehavior"]!.AsObject();
        behaviour["ViewerProtocolPolicy"] = "allow-all";
        behaviour.Remove("FunctionAssociations");
        template.Resources["WebBucket"]!["Properties"]!["PublicAccessBlockConfiguration"]!["BlockPublicPolicy"] = false;

        var problems = TemplateRules.WebHosting(template);

        Assert.Contains(problems, p => p.StartsWith("WebDistribution:", StringComparison.Ordinal) && p.Contains("plain HTTP", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("viewer-request", StringComparison.Ordinal));
        Assert.Contains(problems, p => p == "WebBucket: PublicAccessBlockConfiguration.BlockPublicPolicy must be true.");
    }

    [Fact]
    public void WebHosting_WhenTheCspIsWeakenedOrTheBucketIsReadableByAnyone_IsReported()
    {
        var template = TemplateDocument.Load().Clone();
        var csp = template.Resources["WebSecurityHeaders"]!["Properties"]!["ResponseHeadersPolicyConfig"]!["SecurityHeadersConfig"]!["ContentSecurityPolicy"]!.AsObject();
        csp["ContentSecurityPolicy"] = "default-src 'self'; script-src 'self' 'unsafe-inline'";
        var statement = template.Resources["WebBucketPolicy"]!["Properties"]!["PolicyDocument"]!["Statement"]![0]!.AsObject();
        statement["Principal"] = "*";
        statement.Remove("Condition");
        var cors = template.Resources["HttpApi"]!["Properties"]!["CorsConfiguration"]!.AsObject();
        cors["AllowOrigins"] = new JsonArray("https://example.com");

        var problems = TemplateRules.WebHosting(template);

        Assert.Contains(problems, p => p.Contains("allows 'unsafe-inline'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("lacks https://cognito-idp", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("someone other than this distribution", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("HttpApi: CORS", StringComparison.Ordinal));
    }
}
