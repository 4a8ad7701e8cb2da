using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BitcoinEvents.Domain.Notifications;
using BitcoinEvents.Infrastructure.Catalog;
using BitcoinEvents.Infrastructure.Storage;
using BitcoinEvents.Lambda;
using BitcoinEvents.Notifications.Contracts;
using BitcoinEvents.Notifications.Delivery;
using BitcoinEvents.Notifications.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace BitcoinEvents.Notifications.Operations;

/// <summary>
/// Scheduled (every 15 minutes): each published event that starts between 23 and 24 hours from now
/// gets its reminder queued for every holder, once per start time. The hour-wide window is seen by
/// four runs, so a run that fails or is late is made up by the next; a marker per (event, start)
/// keeps later runs from queueing again, and the sends are deduplicated anyway (notice id =
/// <c>reminder-{eventId}-{start}</c>). An event moved to a new start gets a reminder for that one.
/// Tickets bought within the last 23 hours before the start get none: their confirmation is fresh.
/// </summary>
internal sealed partial class RemindUpcomingEvents(
    IAmazonDynamoDB dynamo, IConfiguration configuration, Projections projections, HolderNotices holders, TimeProvider clock, ILogger<RemindUpcomingEvents> logger)
    : IScheduledJob
{
    public const string Name = nameof(RemindUpcomingEvents);

    /// <summary>Reminders go for events starting this far ahead…</summary>
    public static readonly TimeSpan Earliest = TimeSpan.FromHours(23);

    /// <summary>…and no farther than this.</summary>
    public static readonly TimeSpan Latest = TimeSpan.FromHours(24);

    public Task RunAsync(ScheduledEvent scheduledEvent, CancellationToken ct) => RunAsync(ct);

    /// <summary>Queues what is due; returns how many holders were reminded in this run.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var reminded = 0;
        await foreach (var (eventId, startsAt) in DueAsync(now + Earliest, now + Latest, ct))
        {
            if (await projections.WasRemindedAsync(eventId, startsAt, ct))
            {
                continue;
            }

            var noticeId = "reminder-" + eventId + "-" + startsAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            reminded += await holders.NotifyAsync(eventId, (owner, count) => new NotificationRequestV1(
                noticeId, NotificationKinds.Name(NotificationKind.EventReminder), owner, eventId, now,
                new NoticeDetails { TicketCount = count }), ct);
            await projections.MarkRemindedAsync(eventId, startsAt, now, ct);
        }

        LogRun(logger, reminded);
        return reminded;
    }

    /// <summary>Published, not yet ended events starting in [from, to]: the catalog's ByStart index, by start year.</summary>
    private async IAsyncEnumerable<(string EventId, DateTimeOffset StartsAt)> DueAsync(
        DateTimeOffset from, DateTimeOffset to, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var table = configuration[EventCatalog.TableSetting] is { Length: > 0 } name ? name : throw new InvalidOperationException($"{EventCatalog.TableSetting} is not set.");
        foreach (var year in new[] { from.UtcDateTime.Year, to.UtcDateTime.Year }.Distinct())
        {
            Dictionary<string, AttributeValue>? start = null;
            do
            {
                var response = await dynamo.QueryAsync(new QueryRequest
                {
                    TableName = table,
                    IndexName = EventItems.ByStart,
                    KeyConditionExpression = "#pk = :year AND #sk BETWEEN :from AND :to",
                    ExpressionAttributeNames = new() { ["#pk"] = EventItems.StartPk, ["#sk"] = EventItems.StartSk },
                    ExpressionAttributeValues = new()
                    {
                        [":year"] = Attr.S(EventItems.StartPartition(year)),
                        [":from"] = Attr.S(Attr.Instant(from)),
                        // "~" sorts after every id character: events starting exactly at `to` are in.
                        [":to"] = Attr.S(Attr.Instant(to) + "#~"),
                    },
                    ProjectionExpression = "id, startsAt",
                    ExclusiveStartKey = start,
                }, ct);
                foreach (var item in response.Items ?? [])
                {
                    yield return (Attr.RequireString(item, "id"), Attr.RequireInstant(item, "startsAt"));
                }

                start = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
            }
            while (start is not null);
        }
    }

    [LoggerMessage(EventId = 8301, Level = LogLevel.Information, Message = "Queued reminders for {Count} holders")]
    private static partial void LogRun(ILogger logger, int count);
}
