using BitcoinEvents.Domain.Payments;
using BitcoinEvents.Lambda;
using BitcoinEvents.Payments.Processing;
using BitcoinEvents.Payments.Providers;
using BitcoinEvents.Payments.Storage;
using Microsoft.Extensions.Logging;

namespace BitcoinEvents.Payments.Operations;

/// <summary>
/// Scheduled (every 5 minutes): webhooks get lost, so every payment still open past its deadline is
/// asked about at its provider, and the answer applied as a webhook would be. One still unpaid well
/// past its deadline is closed at the provider and expires. Runs twice for one tick harmlessly; one
/// payment's failure does not stop the others (they are logged, and asked again next time).
/// </summary>
internal sealed partial class ReconcilePayments(
    PaymentStore store,
    PaymentProviderRegistry registry,
    PaymentUpdates updates,
    TimeProvider clock,
    ILogger<ReconcilePayments> logger) : IScheduledJob
{
    public const string Name = nameof(ReconcilePayments);

    /// <summary>How long after its deadline a payment is first asked about (webhooks are usually there by then).</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(2);

    /// <summary>How long after its deadline an unpaid payment is closed.</summary>
    public static readonly TimeSpan CloseAfter = TimeSpan.FromMinutes(10);

    /// <summary>How many days back open payments are looked for.</summary>
    public const int Days = 2;

    public async Task RunAsync(ScheduledEvent scheduledEvent, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var ids = await store.OpenBeforeAsync(now - Grace, Days, ct);
        var failed = 0;
        foreach (var id in ids)
        {
            try
            {
                await ReconcileAsync(id, now, ct);
            }
            catch (Exception exception) when (exception is HttpRequestException or InvalidOperationException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                failed++;
                LogFailed(logger, id, exception.GetType().Name, exception.Message);
            }
        }

        LogRun(logger, ids.Count, failed);
    }

    internal async Task ReconcileAsync(string paymentId, DateTimeOffset now, CancellationToken ct)
    {
        var stored = await store.GetAsync(paymentId, consistent: true, ct);
        if (stored is null || !PaymentStatuses.IsOpen(stored.Payment.Status))
        {
            return;
        }

        var provider = registry.Get(stored.Payment.Provider);
        var observed = stored.Payment.ProviderReference is null ? [] : await provider.FetchAsync(stored.Payment, ct);
        var payment = await updates.ApplyAsync(paymentId, observed, [], ct) ?? stored.Payment;
        if (PaymentStatuses.IsOpen(payment.Status) && now - payment.Deadline >= CloseAfter)
        {
            var closed = payment.ProviderReference is null ? [] : await provider.CloseAsync(payment, ct);
            await updates.ApplyAsync(paymentId, [.. closed, new PaymentObservation.Expired(now)], [], ct);
        }
    }

    [LoggerMessage(EventId = 4501, Level = LogLevel.Information, Message = "Reconciled {Count} open payments past their deadline ({Failed} failed)")]
    private static partial void LogRun(ILogger logger, int count, int failed);

    [LoggerMessage(EventId = 4502, Level = LogLevel.Warning, Message = "Reconciling payment {PaymentId} failed: {Error}: {Message}")]
    private static partial void LogFailed(ILogger logger, string paymentId, string error, string message);
}
