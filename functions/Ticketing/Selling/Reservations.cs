using BitcoinEvents.Domain.Results;
using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.Ticketing.Storage;
using Microsoft.Extensions.Logging;

namespace BitcoinEvents.Ticketing.Selling;

/// <summary>
/// Takes seats for a reservation: reads what each bucket of each quota has left, plans which
/// buckets to take from (<see cref="QuotaBuckets.Plan"/>), and writes the hold in ONE transaction
/// whose bucket decrements are conditional on the seats still being there. When someone took them
/// first, it reads again and re-plans (a few times); when fewer seats are left than asked for, it
/// says how many of each type are left.
/// </summary>
internal sealed partial class Reservations(SetupStore setups, HoldStore holds, TimeProvider clock, ILogger<Reservations> logger)
{
    public const int MaxAttempts = 8;

    private readonly Random _random = new();

    /// <summary>A hold for <paramref name="plan"/>, or why not (not enough seats, voucher used up, contention).</summary>
    public async Task<Result<Hold>> ReserveAsync(EventSetup setup, HoldPlan plan, string ownerId, HoldKind kind, CancellationToken ct)
    {
        var quotas = plan.QuotaDemand.Keys.Select(id => setup.Quotas.TryGetValue(id, out var q) ? q : null).ToList();
        if (quotas.Any(q => q is null))
        {
            return new Conflict("A quota of these ticket types is missing; the organizer must set it up again.");
        }

        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var availability = await setups.ReadAvailabilityAsync(quotas!, ct);
            var allocations = new List<QuotaTake>();
            foreach (var (quotaId, demand) in plan.QuotaDemand)
            {
                var takes = QuotaBuckets.Plan(availability[quotaId], demand, _random);
                if (takes is null)
                {
                    return NotEnough(setup, plan, availability);
                }

                allocations.AddRange(takes.Select(t => new QuotaTake(quotaId, t.Bucket, t.Count)));
            }

            var now = clock.GetUtcNow();
            var hold = new Hold
            {
                Id = TicketingIds.New(clock),
                EventId = setup.EventId,
                OwnerId = ownerId,
                Lines = plan.Lines,
                Subtotal = plan.Subtotal,
                Discount = plan.Discount,
                Total = plan.Total,
                VoucherCode = plan.Voucher?.Code,
                Allocations = allocations,
                CreatedAt = now,
                ExpiresAt = now.AddMinutes(setup.Settings.HoldMinutes),
                Status = HoldStatus.Active,
                Kind = kind,
                Version = 1,
            };
            switch (await holds.CreateAsync(hold, ct))
            {
                case HoldWrite.Created:
                    return hold;
                case HoldWrite.VoucherUsedUp:
                    return new ValidationFailed(HoldPlanner.VoucherField, "has been used up.");
                default:
                    LogContention(logger, setup.EventId, attempt);
                    await Task.Delay(TimeSpan.FromMilliseconds(_random.Next(5, 20 * attempt)), clock, ct);
                    break;
            }
        }

        return new Conflict("Too many buyers are reserving these seats at this moment; try again in a second.");
    }

    /// <summary>What is left of each type asked for: the least over the quotas it draws from.</summary>
    private static NotEnoughSeats NotEnough(EventSetup setup, HoldPlan plan, IReadOnlyDictionary<string, int[]> availability)
    {
        var left = plan.Lines.Select(line =>
        {
            var type = setup.Types[line.TicketTypeId];
            var available = type.AllQuotaIds(setup.TotalQuotaId).Min(q => availability.TryGetValue(q, out var b) ? b.Sum() : 0);
            return new SeatsLeft(type.Id, type.Name, Math.Max(available, 0));
        }).ToList();
        return new NotEnoughSeats(left);
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Seats of event {EventId} taken by someone else first (attempt {Attempt}); planning again")]
    private static partial void LogContention(ILogger logger, string eventId, int attempt);
}
