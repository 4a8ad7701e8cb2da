using BitcoinEvents.Domain.Results;

namespace BitcoinEvents.Domain.Ticketing;

/// <summary>
/// How an event sells: how long a hold lasts, the refund policy (until when attendees may cancel a
/// paid order, and what share of what they paid comes back), how long a waiting-list offer stays open.
/// </summary>
public sealed record TicketingSettings
{
    public static TicketingSettings Default { get; } = new();

    public int HoldMinutes { get; init; } = TicketingRules.DefaultHoldMinutes;

    /// <summary>Attendees may cancel a paid order until this many hours before the event starts; null: never (organizers still may).</summary>
    public int? RefundUntilHoursBeforeStart { get; init; } = TicketingRules.DefaultRefundHoursBeforeStart;

    /// <summary>The share (0–100 %) of what was paid that an attendee's own cancellation refunds; an organizer's always refunds everything.</summary>
    public int RefundPercent { get; init; } = 100;

    public int OfferMinutes { get; init; } = TicketingRules.DefaultOfferMinutes;

    public long Version { get; init; }

    public Result<TicketingSettings> Update(TicketingSettingsInput patch)
    {
        ArgumentNullException.ThrowIfNull(patch);
        var errors = new List<FieldError>();
        var hold = patch.HoldMinutes ?? HoldMinutes;
        if (hold is < TicketingRules.MinHoldMinutes or > TicketingRules.MaxHoldMinutes)
        {
            errors.Add(new("holdMinutes", $"must be from {TicketingRules.MinHoldMinutes} to {TicketingRules.MaxHoldMinutes}."));
        }

        var offer = patch.OfferMinutes ?? OfferMinutes;
        if (offer is < TicketingRules.MinHoldMinutes or > 24 * 60)
        {
            errors.Add(new("offerMinutes", $"must be from {TicketingRules.MinHoldMinutes} to 1,440."));
        }

        var refund = patch.RefundsDisabled == true ? null : patch.RefundUntilHoursBeforeStart ?? RefundUntilHoursBeforeStart;
        if (patch.RefundsDisabled != true && patch.RefundUntilHoursBeforeStart is { } hours && hours is < 0 or > 24 * 365)
        {
            errors.Add(new("refundUntilHoursBeforeStart", "must be from 0 to 8,760."));
        }

        var percent = patch.RefundPercent ?? RefundPercent;
        if (percent is < 0 or > 100)
        {
            errors.Add(new("refundPercent", "must be from 0 to 100."));
        }

        return errors.Count > 0
            ? new ValidationFailed(errors)
            : this with { HoldMinutes = hold, OfferMinutes = offer, RefundUntilHoursBeforeStart = refund, RefundPercent = percent, Version = Version + 1 };
    }
}

/// <summary>Settings as the client sent them.</summary>
public sealed record TicketingSettingsInput
{
    public int? HoldMinutes { get; init; }

    public int? RefundUntilHoursBeforeStart { get; init; }

    /// <summary>True: attendees can't cancel for a refund at all.</summary>
    public bool? RefundsDisabled { get; init; }

    public int? OfferMinutes { get; init; }

    /// <summary>The share (0–100 %) of what was paid an attendee's cancellation refunds.</summary>
    public int? RefundPercent { get; init; }
}
