using Amazon.DynamoDBv2.Model;
using BitcoinEvents.Domain.Events;
using BitcoinEvents.Domain.Messages;
using BitcoinEvents.Infrastructure.Messaging;

namespace BitcoinEvents.Events.Changes;

/// <summary>
/// The domain events a change of an event causes, as outbox Puts for the change's own transaction
/// (written together or not at all):
/// <list type="bullet">
/// <item>a published event cancelled → <see cref="EventCancelledV1"/> (Ticketing cancels its orders,
/// Notifications tells ticket holders); a draft has no buyers, so its cancellation tells no one;</item>
/// <item>a published event moved in time or to another venue → <see cref="EventChangedV1"/> naming
/// what changed (Notifications tells ticket holders).</item>
/// </list>
/// Ids derive from the event (and its new version), so a retried write can't record one twice.
/// </summary>
internal sealed class EventMessages(Outbox outbox)
{
    public const string Source = "events";

    public IReadOnlyList<TransactWriteItem> For(Event before, Event after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (before.Status == EventStatus.Published && after.Status == EventStatus.Cancelled)
        {
            var cancelledAt = after.CancelledAt ?? after.UpdatedAt;
            return [Put(new EventCancelledV1(after.Id, after.OrganizerId, after.CancellationReason ?? string.Empty, cancelledAt), MessagesJsonContext.Default.EventCancelledV1, after, cancelledAt, "EventCancelled", after.Id)];
        }

        if (before.Status == EventStatus.Published && after.Status == EventStatus.Published)
        {
            var changed = new List<string>();
            if (before.StartsAt != after.StartsAt)
            {
                changed.Add("startsAt");
            }

            if (before.EndsAt != after.EndsAt)
            {
                changed.Add("endsAt");
            }

            if (before.Venue != after.Venue)
            {
                changed.Add("venue");
            }

            if (changed.Count > 0)
            {
                var message = new EventChangedV1(after.Id, after.StartsAt, after.EndsAt, after.Venue.Name, after.Venue.City, after.Venue.TimeZone, changed, after.UpdatedAt);
                return [Put(message, MessagesJsonContext.Default.EventChangedV1, after, after.UpdatedAt, "EventChanged", after.Id, after.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))];
            }
        }

        return [];
    }

    private TransactWriteItem Put<T>(T message, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, Event e, DateTimeOffset at, params string[] idParts)
        where T : IDomainEvent =>
        outbox.Put(DomainEventEnvelope.Create(message, type, DomainEventIds.From([Source, .. idParts]), Source, e.Id, at));
}
