using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace Events.Tests.Auth;

/// <summary>
/// An issuer this test controls, on 127.0.0.1: it publishes the keys it is told to at
/// <c>{Issuer}/.well-known/jwks.json</c> (or answers 503 while <see cref="Unreachable"/>), counts
/// the fetches, and makes access tokens with any key, published or not.
/// </summary>
public sealed class TestIssuer : IAsyncDisposable
{
    public const string Audience = "test-app-client";

    private readonly WebApplication _server;
    private volatile IReadOnlyList<RsaSecurityKey> _published = [];
    private int _fetches;

    private TestIssuer(WebApplication server, string issuer)
    {
        _server = server;
        Issuer = issuer;
    }

    public string Issuer { get; }

    /// <summary>How many times the JWKS was asked for (answered or not).</summary>
    public int Fetches => Volatile.Read(ref _fetches);

    /// <summary>While true, the JWKS answers 503.</summary>
    public bool Unreachable { get; set; }

    public static async Task<TestIssuer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = builder.Build();
        TestIssuer? issuer = null;
        server.MapGet("/pool/.well-known/jwks.json", () => issuer!.Jwks());
        await server.StartAsync(TestContext.Current.CancellationToken);
        var address = server.Urls.First();
        issuer = new TestIssuer(server, address.TrimEnd('/') + "/pool");
        return issuer;
    }

    public static RsaSecurityKey NewKey(string kid) => new(RSA.Create(2048)) { KeyId = kid };

    /// <summary>The keys the JWKS holds from now on.</summary>
    public void Publish(params RsaSecurityKey[] keys) => _published = keys;

    /// <summary>An access token of this issuer (see <see cref="TestTokens.AccessToken"/>).</summary>
    public string AccessToken(SecurityKey key, DateTime? notBefore = null, DateTime? expires = null) =>
        TestTokens.AccessToken(Issuer, Audience, key, notBefore: notBefore, expires: expires);

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync();
        await _server.DisposeAsync();
    }

    private IResult Jwks()
    {
        Interlocked.Increment(ref _fetches);
        if (Unreachable)
        {
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        var keys = new JsonArray();
        foreach (var key in _published)
        {
            var parameters = key.Rsa.ExportParameters(includePrivateParameters: false);
            keys.Add(new JsonObject
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["alg"] = "RS256",
                ["kid"] = key.KeyId,
                ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
            });
        }

        return Results.Text(new JsonObject { ["keys"] = keys }.ToJsonString(), "application/json");
    }
}
