using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace BitcoinEvents.Infrastructure.Auth;

/// <summary>
/// Signing keys straight from the issuer's JWKS (<c>{issuer}/.well-known/jwks.json</c>), as API
/// Gateway's JWT authorizer reads them, without the discovery document (cognito-local's always names
/// port 9229). Keys are kept for an hour; an unknown <c>kid</c> asks for a refresh at most every 30 s.
/// </summary>
internal sealed class JwksConfigurationManager : IConfigurationManager<OpenIdConnectConfiguration>, IDisposable
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromHours(1);
    private static readonly TimeSpan MinimumRefreshInterval = TimeSpan.FromSeconds(30);

    private readonly Uri _jwksUri;
    private readonly string _issuer;
    private readonly HttpClient _http;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private OpenIdConnectConfiguration? _current;
    private DateTimeOffset _fetchedAt;
    private volatile bool _refreshRequested;

    public JwksConfigurationManager(string issuer, TimeProvider clock)
    {
        _issuer = issuer;
        _jwksUri = new Uri(issuer.TrimEnd('/') + "/.well-known/jwks.json");
        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        _clock = clock;
    }

    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        if (IsFresh(_current) is { } fresh)
        {
            return fresh;
        }

        await _lock.WaitAsync(cancel);
        try
        {
            if (IsFresh(_current) is { } fetchedMeanwhile)
            {
                return fetchedMeanwhile;
            }

            try
            {
                var json = await _http.GetStringAsync(_jwksUri, cancel);
                var keys = new JsonWebKeySet(json);
                var configuration = new OpenIdConnectConfiguration { Issuer = _issuer, JwksUri = _jwksUri.ToString(), JsonWebKeySet = keys };
                foreach (var key in keys.GetSigningKeys())
                {
                    configuration.SigningKeys.Add(key);
                }

                _current = configuration;
                _fetchedAt = _clock.GetUtcNow();
                _refreshRequested = false;
                return configuration;
            }
            catch (HttpRequestException) when (_current is not null)
            {
                // Keep the keys we have while the issuer can't be reached.
                return _current;
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    public void RequestRefresh()
    {
        if (_clock.GetUtcNow() - _fetchedAt >= MinimumRefreshInterval)
        {
            _refreshRequested = true;
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _lock.Dispose();
    }

    private OpenIdConnectConfiguration? IsFresh(OpenIdConnectConfiguration? configuration) =>
        configuration is not null && !_refreshRequested && _clock.GetUtcNow() - _fetchedAt < RefreshInterval
            ? configuration
            : null;
}
