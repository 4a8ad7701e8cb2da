using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace BitcoinEvents.Infrastructure.Auth;

/// <summary>
/// The signing keys of the local validation path: IdentityModel's <see cref="ConfigurationManager{T}"/>
/// caches them (about an hour), refreshes them when a token names an unknown <c>kid</c> (at most every
/// 30 s) and keeps the keys it has while the issuer can't be reached. It reads the issuer's JWKS
/// (<c>{issuer}/.well-known/jwks.json</c>) directly, as API Gateway's JWT authorizer does, instead of
/// the discovery document: cognito-local's always names port 9229, whatever port it listens on.
/// </summary>
internal static class JwksConfigurationManager
{
    /// <summary>How long fetched keys are used before they are fetched again (IdentityModel adds up to 5% jitter).</summary>
    public static readonly TimeSpan KeyLifetime = TimeSpan.FromHours(1);

    /// <summary>The shortest time between two refreshes asked for by tokens with an unknown <c>kid</c>.</summary>
    public static readonly TimeSpan MinimumRefreshInterval = TimeSpan.FromSeconds(30);

    public static ConfigurationManager<OpenIdConnectConfiguration> Create(string issuer)
    {
        var issuerUri = new Uri(issuer.TrimEnd('/') + "/");
        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        // Plain HTTP only for an issuer on this machine (cognito-local); anywhere else the keys
        // must come over HTTPS, or anyone on the path could hand us theirs.
        var documents = new HttpDocumentRetriever(http) { RequireHttps = !issuerUri.IsLoopback };
        return new ConfigurationManager<OpenIdConnectConfiguration>(
            new Uri(issuerUri, ".well-known/jwks.json").ToString(), new JwksRetriever(issuer), documents)
        {
            AutomaticRefreshInterval = KeyLifetime,
            RefreshInterval = MinimumRefreshInterval,
        };
    }

    /// <summary>A configuration holding only the issuer and the keys of its JWKS document.</summary>
    private sealed class JwksRetriever(string issuer) : IConfigurationRetriever<OpenIdConnectConfiguration>
    {
        public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
        {
            var keys = new JsonWebKeySet(await retriever.GetDocumentAsync(address, cancel));
            var configuration = new OpenIdConnectConfiguration { Issuer = issuer, JwksUri = address, JsonWebKeySet = keys };
            foreach (var key in keys.GetSigningKeys())
            {
                configuration.SigningKeys.Add(key);
            }

            return configuration;
        }
    }
}
