using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace BitcoinEvents.Lambda;

/// <summary>The wire protocol of the Lambda Runtime API, version 2018-06-01.</summary>
internal sealed class RuntimeApiClient : IDisposable
{
    private const string ErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";

    private readonly HttpClient _http;

    public RuntimeApiClient(string runtimeApi)
    {
        ArgumentException.ThrowIfNullOrEmpty(runtimeApi);
        // No proxy (HTTP_PROXY must not capture the local API) and no timeout: the process may be
        // frozen for a long time inside "next" between invocations.
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false })
        {
            BaseAddress = new Uri($"http://{runtimeApi}/2018-06-01/"),
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public async Task<NextInvocation> GetNextAsync(CancellationToken ct)
    {
        using var response = await _http.GetAsync(new Uri("runtime/invocation/next", UriKind.Relative), ct);
        response.EnsureSuccessStatusCode();
        var eventJson = await response.Content.ReadAsStringAsync(ct);

        var requestId = Header(response.Headers, "Lambda-Runtime-Aws-Request-Id")
            ?? throw new InvalidOperationException("The Runtime API sent an invocation without Lambda-Runtime-Aws-Request-Id.");
        var deadline = long.TryParse(Header(response.Headers, "Lambda-Runtime-Deadline-Ms"), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : DateTimeOffset.MaxValue;
        return new NextInvocation(
            requestId,
            deadline,
            Header(response.Headers, "Lambda-Runtime-Invoked-Function-Arn") ?? "",
            Header(response.Headers, "Lambda-Runtime-Trace-Id"),
            eventJson);
    }

    public Task PostResponseAsync(string requestId, string responseJson, CancellationToken ct) =>
        PostAsync($"runtime/invocation/{Uri.EscapeDataString(requestId)}/response", responseJson, errorType: null, ct);

    public Task PostErrorAsync(string requestId, LambdaError error, CancellationToken ct) =>
        PostAsync($"runtime/invocation/{Uri.EscapeDataString(requestId)}/error", Serialize(error), error.ErrorType, ct);

    public Task PostInitErrorAsync(LambdaError error, CancellationToken ct) =>
        PostAsync("runtime/init/error", Serialize(error), error.ErrorType, ct);

    public void Dispose() => _http.Dispose();

    private async Task PostAsync(string path, string json, string? errorType, CancellationToken ct)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = content };
        if (errorType is not null)
        {
            request.Headers.TryAddWithoutValidation(ErrorTypeHeader, errorType);
        }

        using var response = await _http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
    }

    private static string Serialize(LambdaError error) =>
        JsonSerializer.Serialize(error, LambdaJsonContext.Wire.LambdaError);

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
