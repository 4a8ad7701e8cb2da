using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace BitcoinEvents.LocalAws;

/// <summary>One email aws-ses-v2-local received.</summary>
/// <param name="MessageId">The message id SES answered.</param>
/// <param name="From">Sender.</param>
/// <param name="To">To recipients.</param>
/// <param name="Subject">Subject.</param>
/// <param name="Text">Plain-text body, if any.</param>
/// <param name="Html">HTML body, if any.</param>
/// <param name="At">When it was received (Unix seconds).</param>
/// <param name="Raw">The whole stored record.</param>
public sealed record SentEmail(string MessageId, string From, IReadOnlyList<string> To, string Subject, string? Text, string? Html, long At, JsonObject Raw);

/// <summary>Reads (and clears) the mail aws-ses-v2-local has received: <c>GET /store</c>, <c>POST /clear-store</c>.</summary>
public sealed class LocalSesMailbox : IDisposable
{
    private readonly HttpClient _http;

    /// <summary>Creates a reader of the aws-ses-v2-local at <paramref name="endpoint"/>.</summary>
    public LocalSesMailbox(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        _http = new HttpClient { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Every email received (since <paramref name="sinceUnixSeconds"/> if given).</summary>
    public async Task<IReadOnlyList<SentEmail>> GetEmailsAsync(long? sinceUnixSeconds = null, CancellationToken cancellationToken = default)
    {
        var path = sinceUnixSeconds is null ? "store" : "store?since=" + sinceUnixSeconds.Value.ToString(CultureInfo.InvariantCulture);
        var store = await _http.GetFromJsonAsync<JsonObject>(path, cancellationToken) ?? [];
        var emails = new List<SentEmail>();
        foreach (var node in store["emails"]?.AsArray() ?? [])
        {
            if (node is not JsonObject email)
            {
                continue;
            }

            emails.Add(new SentEmail(
                email["messageId"]?.GetValue<string>() ?? string.Empty,
                email["from"]?.GetValue<string>() ?? string.Empty,
                (email["destination"]?["to"]?.AsArray() ?? []).Select(t => t?.GetValue<string>() ?? string.Empty).ToList(),
                email["subject"]?.GetValue<string>() ?? string.Empty,
                email["body"]?["text"]?.GetValue<string>(),
                email["body"]?["html"]?.GetValue<string>(),
                email["at"]?.GetValue<long>() ?? 0,
                email));
        }

        return emails;
    }

    /// <summary>Forgets every email and template.</summary>
    public async Task ClearAsync(CancellationToken cancellationToken = default)
    {
        using var response = await _http.PostAsync("clear-store", content: null, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
