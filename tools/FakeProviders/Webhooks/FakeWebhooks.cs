using System.Collections.Concurrent;
using System.Net.Http.Headers;

namespace BitcoinEvents.FakeProviders.Webhooks;

/// <summary>
/// A webhook a fake sends: the provider's event id and type, and how to sign it at the moment it is
/// sent (Stripe signs a timestamp: a resend is signed again, as Stripe does).
/// </summary>
public sealed record FakeWebhookEvent(string EventId, string Type, Func<DateTimeOffset, SignedWebhook> Sign);

/// <summary>A webhook as sent: the body bytes and the headers the provider adds (its signature).</summary>
public sealed record SignedWebhook(byte[] Body, IReadOnlyList<KeyValuePair<string, string>> Headers);

/// <summary>How a fake's webhooks go out.</summary>
public enum FakeDeliveryMode
{
    /// <summary>Sent as soon as they happen (control actions wait for the answer).</summary>
    Immediate,

    /// <summary>Kept until released (<c>POST /control/{provider}/webhooks/release</c>): to send them late, twice or out of order.</summary>
    Hold,
}

/// <summary>A webhook's record: sent how often, with which answers.</summary>
public sealed class FakeDelivery(string provider, FakeWebhookEvent webhook)
{
    private readonly List<int> _statuses = [];

    public string Provider { get; } = provider;

    public FakeWebhookEvent Webhook { get; } = webhook;

    public string EventId => Webhook.EventId;

    public string Type => Webhook.Type;

    /// <summary>The HTTP status of each attempt (0: no answer).</summary>
    public IReadOnlyList<int> Statuses
    {
        get
        {
            lock (_statuses)
            {
                return [.. _statuses];
            }
        }
    }

    public bool Held { get; set; }

    internal void Record(int status)
    {
        lock (_statuses)
        {
            _statuses.Add(status);
        }
    }
}

/// <summary>What one send got back.</summary>
public sealed record FakeSendResult(string EventId, string Type, int Status);

/// <summary>
/// Sends the fakes' webhooks to the platform (<see cref="Target"/> + <c>/webhooks/{provider}</c>), now
/// or when released, as often and in the order the control API asks, and keeps each one's record.
/// </summary>
public sealed class FakeWebhooks(HttpClient http, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, FakeDeliveryMode> _modes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, List<FakeDelivery>> _deliveries = new(StringComparer.Ordinal);

    /// <summary>The platform's base URL (DevHost's); null: webhooks are kept, as if held, until a target is set.</summary>
    public Uri? Target { get; set; }

    public FakeDeliveryMode ModeOf(string provider) => _modes.GetValueOrDefault(provider, FakeDeliveryMode.Immediate);

    public void SetMode(string provider, FakeDeliveryMode mode) => _modes[provider] = mode;

    /// <summary>Every webhook of <paramref name="provider"/>, oldest first.</summary>
    public IReadOnlyList<FakeDelivery> Of(string provider)
    {
        var list = _deliveries.GetOrAdd(provider, _ => []);
        lock (list)
        {
            return [.. list];
        }
    }

    /// <summary>
    /// Records <paramref name="webhooks"/> and, in <see cref="FakeDeliveryMode.Immediate"/> with a target,
    /// sends each <paramref name="times"/> times in order; returns the answers (none when held).
    /// </summary>
    public async Task<IReadOnlyList<FakeSendResult>> EmitAsync(string provider, IReadOnlyList<FakeWebhookEvent> webhooks, int times = 1, CancellationToken ct = default)
    {
        var hold = ModeOf(provider) == FakeDeliveryMode.Hold || Target is null;
        var records = webhooks.Select(w => new FakeDelivery(provider, w) { Held = hold }).ToList();
        var list = _deliveries.GetOrAdd(provider, _ => []);
        lock (list)
        {
            list.AddRange(records);
        }

        if (hold)
        {
            return [];
        }

        var results = new List<FakeSendResult>();
        for (var round = 0; round < times; round++)
        {
            foreach (var record in records)
            {
                results.Add(await SendAsync(record, ct));
            }
        }

        return results;
    }

    /// <summary>Sends a webhook the provider sent from its API (a refund's): in the background, as the provider would.</summary>
    public void EmitInBackground(string provider, IReadOnlyList<FakeWebhookEvent> webhooks) =>
        _ = Task.Run(() => EmitAsync(provider, webhooks));

    /// <summary>
    /// Sends every held webhook of <paramref name="provider"/> (or those of <paramref name="eventIds"/>)
    /// <paramref name="times"/> times, in <paramref name="order"/> (<c>as-is</c>, <c>reverse</c>, or
    /// <c>shuffle</c> with <paramref name="seed"/>: all the sends shuffled together), then marks them sent.
    /// </summary>
    public async Task<IReadOnlyList<FakeSendResult>> ReleaseAsync(string provider, string order, int times, int seed, IReadOnlyCollection<string>? eventIds, CancellationToken ct)
    {
        var held = Of(provider).Where(d => d.Held && (eventIds is null || eventIds.Contains(d.EventId))).ToList();
        foreach (var delivery in held)
        {
            delivery.Held = false;
        }

        var random = new Random(seed);
        var sends = new List<FakeDelivery>();
        for (var round = 0; round < times; round++)
        {
            var batch = order switch
            {
                "reverse" => Enumerable.Reverse(held).ToList(),
                "shuffle" => [.. held.OrderBy(_ => random.Next())],
                _ => held,
            };
            sends.AddRange(batch);
        }

        if (order == "shuffle")
        {
            sends = [.. sends.OrderBy(_ => random.Next())];
        }

        var results = new List<FakeSendResult>();
        foreach (var delivery in sends)
        {
            results.Add(await SendAsync(delivery, ct));
        }

        return results;
    }

    /// <summary>Sends one recorded webhook again (signed anew).</summary>
    public Task<FakeSendResult> ResendAsync(FakeDelivery delivery, CancellationToken ct) => SendAsync(delivery, ct);

    private async Task<FakeSendResult> SendAsync(FakeDelivery delivery, CancellationToken ct)
    {
        var target = Target ?? throw new InvalidOperationException("No webhook target: PUT /control/webhook-target first.");
        var signed = delivery.Webhook.Sign(clock.GetUtcNow());
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(target, $"webhooks/{delivery.Provider}"))
        {
            Content = new ByteArrayContent(signed.Body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        foreach (var (name, value) in signed.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        int status;
        try
        {
            using var response = await http.SendAsync(request, ct);
            status = (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            status = 0;
        }

        delivery.Record(status);
        return new FakeSendResult(delivery.EventId, delivery.Type, status);
    }
}
