using Amazon.DynamoDBv2.Model;
using BitcoinEvents.Domain.Ticketing;

namespace BitcoinEvents.Ticketing.Selling;

/// <summary>Where freed seats go: some offered to waiting attendees (their writes), the rest back to the buckets.</summary>
internal sealed record FreedSeats(IReadOnlyList<QuotaTake> SeatsBack, IReadOnlyList<TransactWriteItem> Writes);

/// <summary>
/// The waiting list's claim on freed seats. Capacity a hold, order or offer lets go goes first to
/// the head of each sold-out type's line as a timed offer (a hold only they can check out).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "The waiting list fills these in with its store.")]
internal sealed class WaitingListOffers
{
    /// <summary>How the seats of <paramref name="lines"/> (taken as <paramref name="allocations"/>) are freed.</summary>
    public Task<FreedSeats> PlanAsync(string eventId, IReadOnlyList<(string TicketTypeId, int Quantity)> lines, IReadOnlyList<QuotaTake> allocations, DateTimeOffset now, CancellationToken ct) =>
        Task.FromResult(new FreedSeats(allocations, []));

    /// <summary>The writes marking a waiting entry's offer as lapsed when its offer hold expires.</summary>
    public Task<IReadOnlyList<TransactWriteItem>> LapseAsync(Hold offer, string entryId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<TransactWriteItem>>([]);
}
