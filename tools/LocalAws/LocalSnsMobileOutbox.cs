using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace BitcoinEvents.LocalAws;

/// <summary>One SMS or push message the SNS fake accepted.</summary>
/// <param name="MessageId">The id it answered.</param>
/// <param name="PhoneNumber">The SMS's number (E.164), or null for push.</param>
/// <param name="TargetArn">The push endpoint, or null for SMS.</param>
/// <param name="Message">The message as published (JSON per platform when <paramref name="MessageStructure"/> is "json").</param>
/// <param name="MessageStructure">"json" or null.</param>
/// <param name="Attributes">Message attributes: name → (data type, value).</param>
public sealed record MobileMessage(
    string MessageId, string? PhoneNumber, string? TargetArn, string Message, string? MessageStructure, IReadOnlyDictionary<string, (string DataType, string Value)> Attributes);

/// <summary>Reads, clears and injects failures into the SNS fake for SMS and push (tools/LocalAws/sns-mobile-fake.mjs).</summary>
public sealed class LocalSnsMobileOutbox : IDisposable
{
    private readonly HttpClient _http;

    public LocalSnsMobileOutbox(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        _http = new HttpClient { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Every message published since the last clear.</summary>
    public async Task<IReadOnlyList<MobileMessage>> GetMessagesAsync(CancellationToken cancellationToken = default)
    {
        var store = await _http.GetFromJsonAsync<JsonObject>("messages", cancellationToken) ?? [];
        var messages = new List<MobileMessage>();
        foreach (var node in store["messages"]?.AsArray() ?? [])
        {
            if (node is not JsonObject m)
            {
                continue;
            }

            var attributes = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
            foreach (var (name, value) in m["attributes"]?.AsObject() ?? [])
            {
                attributes[name] = (value?["dataType"]?.GetValue<string>() ?? "", value?["value"]?.GetValue<string>() ?? "");
            }

            messages.Add(new MobileMessage(
                m["messageId"]?.GetValue<string>() ?? "",
                m["phoneNumber"]?.GetValue<string>(),
                m["targetArn"]?.GetValue<string>(),
                m["message"]?.GetValue<string>() ?? "",
                m["messageStructure"]?.GetValue<string>(),
                attributes));
        }

        return messages;
    }

    /// <summary>Forgets every message and endpoint.</summary>
    public async Task ClearAsync(CancellationToken cancellationToken = default)
    {
        using var response = await _http.PostAsync("clear", content: null, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The next Publish answers this SNS error (e.g. Throttling, 400; InternalError, 500).</summary>
    public async Task FailNextPublishAsync(string code, int status, CancellationToken cancellationToken = default)
    {
        using var response = await _http.PostAsync(
            $"fail-next?code={Uri.EscapeDataString(code)}&status={status.ToString(CultureInfo.InvariantCulture)}", content: null, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public void Dispose() => _http.Dispose();
}
