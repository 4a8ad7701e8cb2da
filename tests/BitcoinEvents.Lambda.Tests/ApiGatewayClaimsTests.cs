using System.Security.Claims;
using System.Text.Json;

namespace BitcoinEvents.Lambda.Tests;

public sealed class ApiGatewayClaimsTests
{
    [Fact]
    public void ToPrincipal_WithoutJwtAuthorizer_GivesNoUser()
    {
        Assert.Null(ApiGatewayClaims.ToPrincipal(null));
        Assert.Null(ApiGatewayClaims.ToPrincipal(new HttpApiJwtAuthorizer()));
    }

    [Fact]
    public void ToPrincipal_WithJsonTypedClaims_MakesOneStringClaimPerValue()
    {
        var user = ApiGatewayClaims.ToPrincipal(Jwt("""
            {"sub":"u-1","iss":"https://issuer.example","groups":["a","b"],"count":5,"verified":true,"empty":"[]"}
            """))!;

        Assert.Equal(["a", "b"], Values(user, "groups"));
        Assert.Equal(["5"], Values(user, "count"));
        Assert.Equal(["true"], Values(user, "verified"));
        Assert.Empty(Values(user, "empty"));
        Assert.All(user.Claims, claim => Assert.Equal("https://issuer.example", claim.Issuer));
        Assert.Equal("u-1", user.Identity!.Name);
    }

    [Fact]
    public void ToPrincipal_WithArrayAsString_SplitsItIntoOneClaimPerElement()
    {
        var user = ApiGatewayClaims.ToPrincipal(Jwt("""{"sub":"u-1","cognito:groups":"[organizer staff admin]"}"""))!;

        Assert.Equal(["organizer", "staff", "admin"], Values(user, "cognito:groups"));
        Assert.True(user.IsInRole("staff"));
    }

    [Fact]
    public void ToPrincipal_WithoutScopesArray_KeepsTheScopeClaimAsSent()
    {
        var user = ApiGatewayClaims.ToPrincipal(Jwt("""{"sub":"u-1","scope":"openid email"}"""))!;

        Assert.Equal(["openid email"], Values(user, "scope"));
    }

    private static HttpApiJwtAuthorizer Jwt(string claimsJson) => new()
    {
        Claims = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(claimsJson),
    };

    private static string[] Values(ClaimsPrincipal user, string type) =>
        [.. user.FindAll(type).Select(claim => claim.Value)];
}
