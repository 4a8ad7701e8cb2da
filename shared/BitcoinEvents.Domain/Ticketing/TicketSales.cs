using BitcoinEvents.Domain.Events;
using BitcoinEvents.Domain.Results;

namespace BitcoinEvents.Domain.Ticketing;

/// <summary>Whether an event sells tickets now.</summary>
public static class TicketSales
{
    /// <summary>Null when the event sells now (published and not ended); else why not (409).</summary>
    public static DomainError? CheckOnSale(Event e, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Status switch
        {
            EventStatus.Published when e.EndsAt > now => null,
            EventStatus.Published => new InvalidStateTransition("over", "reserve tickets"),
            _ => new InvalidStateTransition(e.Status.ToName(), "reserve tickets"),
        };
    }

    /// <summary>When a buyer may still cancel a paid order for a refund; null: never.</summary>
    public static DateTimeOffset? RefundDeadline(Event e, TicketingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(settings);
        return settings.RefundUntilHoursBeforeStart is { } hours ? e.StartsAt.AddHours(-hours) : null;
    }
}
