using BitcoinEvents.Notifications.Contracts;
using BitcoinEvents.Notifications.Storage;

namespace BitcoinEvents.Notifications.Delivery;

/// <summary>
/// One notice per holder of an event (an owner of valid tickets, however many), queued for
/// delivery. Large events fan out through the deliveries queue, so each send is its own message,
/// retried on its own. Safe to run again: the notices are deduplicated when sent.
/// </summary>
internal sealed class HolderNotices(Projections projections, DeliveriesQueue deliveries)
{
    /// <summary>Queues <paramref name="notice"/>(owner, tickets held) for every holder; returns how many holders.</summary>
    public async Task<int> NotifyAsync(string eventId, Func<string, int, NotificationRequestV1> notice, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var page in projections.HoldingsAsync(eventId, ct))
        {
            foreach (var holding in page)
            {
                counts[holding.OwnerId] = counts.GetValueOrDefault(holding.OwnerId) + 1;
            }
        }

        var notices = counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => notice(c.Key, c.Value)).ToList();
        await deliveries.EnqueueAsync(notices, ct);
        return notices.Count;
    }
}
