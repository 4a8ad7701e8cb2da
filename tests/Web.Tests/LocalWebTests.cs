using BitcoinEvents.DevHost.Web;
using BitcoinEvents.LocalAws;

namespace Web.Tests;

/// <summary>What DevHost takes from template.yaml for the web app: the API's CORS rules and the CSP, localized.</summary>
public sealed class LocalWebTests
{
    [Fact]
    public void LocalCsp_IsTheTemplates_WithLocalOriginsInConnectSrc_AndNoHttpsUpgrade()
    {
        var rules = WebTemplate.From(SamTemplate.LoadDefault());

        var csp = rules.LocalContentSecurityPolicy([new Uri("http://127.0.0.1:5080/"), new Uri("http://127.0.0.1:9229/")]);

        Assert.Contains("connect-src 'self' http://127.0.0.1:5080 http://127.0.0.1:9229", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("upgrade-insecure-requests", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("amazonaws", csp, StringComparison.Ordinal);
        Assert.Equal("DENY", rules.Headers["X-Frame-Options"]);
        Assert.Contains("camera=(self)", rules.Headers["Permissions-Policy"], StringComparison.Ordinal);
    }

    [Fact]
    public void Cors_IsTheTemplatesHttpApiConfiguration()
    {
        var rules = WebTemplate.From(SamTemplate.LoadDefault());

        Assert.Contains("Idempotency-Key", rules.CorsRequestHeaders);
        Assert.Contains("Authorization", rules.CorsRequestHeaders);
        Assert.Contains("PATCH", rules.CorsMethods);
        Assert.Contains("ETag", rules.CorsExposedHeaders);
        Assert.Equal(600, rules.MaxAgeSeconds);
    }
}
