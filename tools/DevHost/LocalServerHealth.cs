namespace BitcoinEvents.DevHost;

/// <summary>One local server's state, as <c>GET /health</c> reports it.</summary>
internal sealed record ServerStatus(string Name, string Url, bool Up);

/// <summary>Asks each local server for any HTTP answer: one that answers is up.</summary>
internal sealed class LocalServerHealth(IReadOnlyList<KeyValuePair<string, Uri>> servers) : IDisposable
{
    private readonly HttpClient _http = new();

    public IReadOnlyList<KeyValuePair<string, Uri>> Servers => servers;

    public void Dispose() => _http.Dispose();

    public async Task<IReadOnlyList<ServerStatus>> CheckAsync(CancellationToken cancellationToken)
    {
        var checks = servers.Select(async server =>
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            try
            {
                using var response = await _http.GetAsync(server.Value, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                return new ServerStatus(server.Key, server.Value.ToString(), Up: true);
            }
            catch (HttpRequestException)
            {
                return new ServerStatus(server.Key, server.Value.ToString(), Up: false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return new ServerStatus(server.Key, server.Value.ToString(), Up: false);
            }
        });
        return await Task.WhenAll(checks);
    }
}
