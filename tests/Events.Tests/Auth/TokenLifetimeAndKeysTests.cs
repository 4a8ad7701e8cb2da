using System.Net;
using Microsoft.IdentityModel.Tokens;

namespace Events.Tests.Auth;

/// <summary>
/// Against an issuer the test controls: tokens outside their lifetime get a 401 that says so, and the
/// issuer's keys are fetched once, refreshed when a token names a key not yet seen, and kept while
/// the issuer is unreachable.
/// </summary>
public sealed class TokenLifetimeAndKeysTests
{
    private static readonly TimeSpan PollDeadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task ExpiredToken_SaysWhenItExpired()
    {
        await using var issuer = await TestIssuer.StartAsync();
        var key = TestIssuer.NewKey("key-1");
        issuer.Publish(key);
        await using var app = await AuthApp.StartAsync(issuer.Issuer, TestIssuer.Audience);
        var expiredAt = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        var token = issuer.AccessToken(key, notBefore: expiredAt.AddHours(-1), expires: expiredAt);

        using var response = await app.GetMeWithTokenAsync(token);

        var problem = await UnauthenticatedProblemTests.ReadUnauthenticatedAsync(response, "token_expired", token);
        Assert.Contains("expired at 2026-01-02T03:04:05Z", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenNotYetValid_SaysFromWhen()
    {
        await using var issuer = await TestIssuer.StartAsync();
        var key = TestIssuer.NewKey("key-1");
        issuer.Publish(key);
        await using var app = await AuthApp.StartAsync(issuer.Issuer, TestIssuer.Audience);
        var validFrom = DateTime.UtcNow.AddHours(2);
        var token = issuer.AccessToken(key, notBefore: validFrom, expires: validFrom.AddHours(1));

        using var response = await app.GetMeWithTokenAsync(token);

        var problem = await UnauthenticatedProblemTests.ReadUnauthenticatedAsync(response, "token_not_yet_valid", token);
        Assert.Contains($"not valid before {validFrom:yyyy-MM-dd'T'HH:mm:ss'Z'}", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenOfAnotherIssuer_SaysTheIssuerIsWrong()
    {
        await using var issuer = await TestIssuer.StartAsync();
        var key = TestIssuer.NewKey("key-1");
        issuer.Publish(key);
        await using var app = await AuthApp.StartAsync(issuer.Issuer, TestIssuer.Audience);
        // Signed with a key the JWKS holds, for this client, but naming another user pool as issuer.
        var token = TestTokens.AccessToken("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other", TestIssuer.Audience, key);

        using var response = await app.GetMeWithTokenAsync(token);

        await UnauthenticatedProblemTests.ReadUnauthenticatedAsync(response, "wrong_issuer", token);
    }

    [Fact]
    public async Task TokenSignedByTheIssuersKeyWithRs384_IsRefused()
    {
        await using var issuer = await TestIssuer.StartAsync();
        var key = TestIssuer.NewKey("key-1");
        issuer.Publish(key);
        await using var app = await AuthApp.StartAsync(issuer.Issuer, TestIssuer.Audience);
        // The issuer's own key and a signature that verifies, but RS384: only RS256 is accepted, as Cognito signs.
        var token = TestTokens.AccessToken(issuer.Issuer, TestIssuer.Audience, key, SecurityAlgorithms.RsaSha384);

        using var response = await app.GetMeWithTokenAsync(token);

        await UnauthenticatedProblemTests.ReadUnauthenticatedAsync(response, "invalid_signature", token);
    }

    [Fact]
    public async Task TokenWithoutExpiry_IsMalformed()
    {
        await using var issuer = await TestIssuer.StartAsync();
        var key = TestIssuer.NewKey("key-1");
        issuer.Publish(key);
        await using var app = await AuthApp.StartAsync(issuer.Issuer, TestIssuer.Audience);
        var token = TestTokens.AccessToken(issuer.Issuer, TestIssuer.Audience, key, withExpiry: false);

        using var response = await app.GetMeWithTokenAsync(token);

        var problem = await UnauthenticatedProblemTests.ReadUnauthenticatedAsync(response, "malformed_token", token);
        Assert.Contains("no expiry", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_AreFetchedOnce_ForManyRequests()
    {
        await using var issuer = await TestIssuer.StartAsync();
        var key = TestIssuer.NewKey("key-1");
        issuer.Publish(key);
        await using var app = await AuthApp.StartAsync(issuer.Issuer, TestIssuer.Audience);
        var token = issuer.AccessToken(key);

        for (var i = 0; i < 5; i++)
        {
            using var response = await app.GetMeWithTokenAsync(token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(1, issuer.Fetches);
    }

    [Fact]
    public async Task TokenSignedWithANewlyPublishedKey_RefreshesTheKeys_AndIsThenAccepted()
    {
        await using var issuer = await TestIssuer.StartAsync();
        var oldKey = TestIssuer.NewKey("key-1");
        issuer.Publish(oldKey);
        await using var app = await AuthApp.StartAsync(issuer.Issuer, TestIssuer.Audience);
        using (var first = await app.GetMeWithTokenAsync(issuer.AccessToken(oldKey)))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        // The issuer rotates its key; the app has the old set cached.
        var newKey = TestIssuer.NewKey("key-2");
        issuer.Publish(oldKey, newKey);
        var token = issuer.AccessToken(newKey);

        var status = await PollAsync(async () =>
        {
            using var response = await app.GetMeWithTokenAsync(token);
            return response.StatusCode == HttpStatusCode.OK ? response.StatusCode : (HttpStatusCode?)null;
        });

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task IssuerUnreachable_KeepsTheKeysItHas()
    {
        await using var issuer = await TestIssuer.StartAsync();
        var key = TestIssuer.NewKey("key-1");
        issuer.Publish(key);
        await using var app = await AuthApp.StartAsync(issuer.Issuer, TestIssuer.Audience);
        var token = issuer.AccessToken(key);
        using (var first = await app.GetMeWithTokenAsync(token))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        // The issuer goes down; a token with an unknown kid makes the app try to refresh.
        issuer.Unreachable = true;
        using (var unknown = await app.GetMeWithTokenAsync(issuer.AccessToken(TestIssuer.NewKey("key-unknown"))))
        {
            await UnauthenticatedProblemTests.ReadUnauthenticatedAsync(unknown, "unknown_signing_key");
        }

        var tried = await PollAsync(() => Task.FromResult(issuer.Fetches >= 2 ? (int?)issuer.Fetches : null));
        Assert.NotNull(tried);

        using var afterFailedRefresh = await app.GetMeWithTokenAsync(token);
        Assert.Equal(HttpStatusCode.OK, afterFailedRefresh.StatusCode);
    }

    /// <summary>Calls <paramref name="attempt"/> until it returns a value or the deadline passes (then null).</summary>
    private static async Task<T?> PollAsync<T>(Func<Task<T?>> attempt)
        where T : struct
    {
        var deadline = DateTime.UtcNow + PollDeadline;
        while (true)
        {
            if (await attempt() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                return null;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
