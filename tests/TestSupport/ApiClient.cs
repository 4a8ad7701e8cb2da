using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BitcoinEvents.TestSupport;

/// <summary>An area's HTTP API as a client sees it: plain requests, and readers for problems.</summary>
public class ApiClient(HttpClient client) : IDisposable
{
    public const string ProblemContentType = "application/problem+json";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public HttpClient Client => client;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static string NewKey() => Guid.NewGuid().ToString();

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, JsonNode? body = null, string? idempotencyKey = null, string? ifMatch = null) =>
        SendRawAsync(method, path, body?.ToJsonString(), idempotencyKey, ifMatch);

    public async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, string? body, string? idempotencyKey = null, string? ifMatch = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            // Sent exactly as given, even when it is no valid media type.
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.Remove("Content-Type");
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request, Ct);
    }

    public Task<HttpResponseMessage> GetAsync(string path) => client.GetAsync(path, Ct);

    /// <summary>Asserts a problem-details answer with <paramref name="status"/> and returns its JSON.</summary>
    public static async Task<JsonObject> ReadProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal(ProblemContentType, response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!.AsObject();
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        return problem;
    }

    /// <summary>Asserts a 400 whose <c>errors</c> name <paramref name="field"/>, and returns the field names.</summary>
    public static async Task<IReadOnlyList<string>> AssertValidationErrorAsync(HttpResponseMessage response, string field)
    {
        var problem = await ReadProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem["errors"]?.AsObject() ?? throw new Xunit.Sdk.XunitException($"No errors in {problem}");
        var fields = errors.Select(e => e.Key).ToList();
        Assert.True(fields.Contains(field), $"Expected an error naming '{field}', got: {problem}");
        return fields;
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            client.Dispose();
        }
    }
}
