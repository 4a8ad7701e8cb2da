using System.Net;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace Events.Tests.Auth;

/// <summary>
/// A 401 of the local validation path says why the token was refused: an RFC 9457 problem with the
/// stable code "unauthenticated", a reason a client can act on and a detail in words, and an RFC 6750
/// challenge. Tokens come from cognito-local where one can be had; the others are signed by a key
/// the test makes.
/// </summary>
public sealed class UnauthenticatedProblemTests(CognitoIssuer cognito) : IClassFixture<CognitoIssuer>
{
    [Fact]
    public async Task ValidAccessToken_IsAccepted()
    {
        await using var app = await AuthApp.StartAsync(cognito.Issuer, cognito.Audience);

        using var response = await app.GetMeWithTokenAsync(cognito.AccessToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task NoAuthorizationHeader_AsksForAToken_WithABareChallenge()
    {
        await using var app = await AuthApp.StartAsync(cognito.Issuer, cognito.Audience);

        using var response = await app.GetMeAsync(null);

        var problem = await ReadUnauthenticatedAsync(response, "missing_token");
        Assert.Contains("Authorization: Bearer", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        // RFC 6750 §3.1: a request without credentials gets no error code.
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).ToString());
    }

    [Fact]
    public async Task EmptyBearerToken_SaysTheTokenIsEmpty()
    {
        await using var app = await AuthApp.StartAsync(cognito.Issuer, cognito.Audience);

        // What `-H "Authorization: Bearer $TOKEN"` sends when the sign-in left TOKEN empty.
        using var response = await app.GetMeAsync("Bearer ");

        var problem = await ReadUnauthenticatedAsync(response, "missing_token");
        Assert.Contains("empty", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherScheme_SaysToUseBearer()
    {
        await using var app = await AuthApp.StartAsync(cognito.Issuer, cognito.Audience);

        using var response = await app.GetMeAsync("Basic b3JnYW5pemVyOnNlY3JldA==");

        var problem = await ReadUnauthenticatedAsync(response, "missing_token");
        Assert.Contains("Bearer scheme", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("a.b.c")]
    // What `TOKEN=$(curl ... | sed ...)` holds when Cognito answered an error instead of tokens.
    [InlineData("{\"__type\":\"NotAuthorizedException\",\"message\":\"Incorrect username or password.\"}")]
    public async Task MalformedToken_SaysItIsNotAJwt(string token)
    {
        await using var app = await AuthApp.StartAsync(cognito.Issuer, cognito.Audience);

        using var response = await app.GetMeAsync("Bearer " + token);

        var problem = await ReadUnauthenticatedAsync(response, "malformed_token", token);
        Assert.Contains("not a well-formed JWT", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AlteredSignature_SaysTheSignatureDoesNotVerify()
    {
        await using var app = await AuthApp.StartAsync(cognito.Issuer, cognito.Audience);
        var token = cognito.AccessToken;
        var altered = token[..^4] + (token[^4] == 'A' ? "BBBB" : "AAAA");

        using var response = await app.GetMeWithTokenAsync(altered);

        await ReadUnauthenticatedAsync(response, "invalid_signature", altered);
    }

    [Fact]
    public async Task AlteredClaims_SaysTheSignatureDoesNotVerify()
    {
        await using var app = await AuthApp.StartAsync(cognito.Issuer, cognito.Audience);
        // Same header and signature, a payload that claims the admin group.
        var parts = cognito.AccessToken.Split('.');
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!.AsObject();
        payload["cognito:groups"] = new JsonArray("admin");
        var forged = $"{parts[0]}.{Base64UrlEncoder.Encode(payload.ToJsonString())}.{parts[2]}";

        using var response = await app.GetMeWithTokenAsync(forged);

        await ReadUnauthenticatedAsync(response, "invalid_signature", forged);
    }

    [Fact]
    public async Task SignedWithAKeyTheIssuerDoesNotPublish_SaysTheKeyIsUnknown()
    {
        await using var app = await AuthApp.StartAsync(cognito.Issuer, cognito.Audience);
        var forged = TestTokens.AccessToken(cognito.Issuer, cognito.Audience, TestIssuer.NewKey("not-in-the-jwks"));

        using var response = await app.GetMeWithTokenAsync(forged);

        await ReadUnauthenticatedAsync(response, "unknown_signing_key", forged);
    }

    [Fact]
    public async Task SignedWithAnotherKeyUnderTheIssuersKid_SaysTheSignatureDoesNotVerify()
    {
        await using var app = await AuthApp.StartAsync(cognito.Issuer, cognito.Audience);
        var forged = TestTokens.AccessToken(cognito.Issuer, cognito.Audience, TestIssuer.NewKey(KidOf(cognito.AccessToken)));

        using var response = await app.GetMeWithTokenAsync(forged);

        await ReadUnauthenticatedAsync(response, "invalid_signature", forged);
    }

    [Fact]
    public async Task SignedWithHmacUnderTheIssuersKid_SaysTheSignatureDoesNotVerify()
    {
        await using var app = await AuthApp.StartAsync(cognito.Issuer, cognito.Audience);
        var hmacKey = new SymmetricSecurityKey(new byte[32]) { KeyId = KidOf(cognito.AccessToken) };
        var forged = TestTokens.AccessToken(cognito.Issuer, cognito.Audience, hmacKey, SecurityAlgorithms.HmacSha256);

        using var response = await app.GetMeWithTokenAsync(forged);

        await ReadUnauthenticatedAsync(response, "invalid_signature", forged);
    }

    [Fact]
    public async Task TokenOfAnotherAppClient_SaysTheAudienceIsWrong()
    {
        await using var app = await AuthApp.StartAsync(cognito.Issuer, cognito.Audience);

        using var response = await app.GetMeWithTokenAsync(cognito.OtherClientAccessToken);

        var problem = await ReadUnauthenticatedAsync(response, "wrong_audience", cognito.OtherClientAccessToken);
        Assert.Contains("another app client", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenOfAnotherUserPool_IsRefused()
    {
        await using var app = await AuthApp.StartAsync(cognito.Issuer, cognito.Audience);

        using var response = await app.GetMeWithTokenAsync(cognito.OtherPoolAccessToken);

        // Its issuer and its client are both another pool's; the client is checked first.
        await ReadUnauthenticatedAsync(response, "wrong_audience", cognito.OtherPoolAccessToken);
    }

    [Fact]
    public async Task HostWithoutIssuer_SaysItValidatesNoTokens()
    {
        await using var app = await AuthApp.StartAsync(issuer: null, audience: null);

        using var response = await app.GetMeWithTokenAsync(cognito.AccessToken);

        var problem = await ReadUnauthenticatedAsync(response, "token_validation_not_configured", cognito.AccessToken);
        Assert.Contains("AUTH_ISSUER", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static string KidOf(string token) =>
        JsonNode.Parse(Base64UrlEncoder.Decode(token.Split('.')[0]))!["kid"]!.GetValue<string>();

    /// <summary>
    /// Asserts a 401 problem with code "unauthenticated" and <paramref name="reason"/>, its
    /// RFC 6750 challenge (invalid_token with the same description, unless no token was sent), and
    /// that neither the body nor the challenge repeats <paramref name="token"/>.
    /// </summary>
    internal static async Task<JsonObject> ReadUnauthenticatedAsync(HttpResponseMessage response, string reason, string? token = null)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"Expected 401, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(401, problem["status"]!.GetValue<int>());
        Assert.Equal("unauthenticated", problem["code"]!.GetValue<string>());
        Assert.Equal(reason, problem["reason"]!.GetValue<string>());

        var detail = problem["detail"]!.GetValue<string>();
        Assert.False(string.IsNullOrWhiteSpace(detail));
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        if (token is not null && problem["reason"]!.GetValue<string>() != "token_validation_not_configured")
        {
            Assert.Equal($"error=\"invalid_token\", error_description=\"{detail}\"", challenge.Parameter);
        }

        if (token is not null)
        {
            foreach (var part in token.Split('.').Where(p => p.Length >= 8).Append(token))
            {
                Assert.DoesNotContain(part, text, StringComparison.Ordinal);
                Assert.DoesNotContain(part, challenge.ToString(), StringComparison.Ordinal);
            }
        }

        return problem;
    }
}
