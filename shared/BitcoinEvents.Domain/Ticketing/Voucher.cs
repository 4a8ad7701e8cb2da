using BitcoinEvents.Domain.Money;
using BitcoinEvents.Domain.Results;
using MoneyAmount = BitcoinEvents.Domain.Money.Money;

namespace BitcoinEvents.Domain.Ticketing;

/// <summary>
/// A code a buyer enters at reservation: a percentage or fixed discount on the ticket types it is
/// scoped to (none: all), usable a limited number of times (each use is taken atomically with the
/// hold and given back if the hold lapses), valid in a window, and possibly unlocking hidden types.
/// </summary>
public sealed record Voucher
{
    public required string Code { get; init; }

    public required string EventId { get; init; }

    /// <summary>1–100 % off each seat of a scoped type; or null.</summary>
    public int? PercentOff { get; init; }

    /// <summary>An amount off the scoped seats of one order; or null.</summary>
    public MoneyAmount? AmountOff { get; init; }

    /// <summary>How many holds may use it; null: no limit.</summary>
    public int? UsageLimit { get; init; }

    public DateTimeOffset? ValidFrom { get; init; }

    public DateTimeOffset? ValidUntil { get; init; }

    /// <summary>The types it discounts; empty: every type.</summary>
    public IReadOnlyList<string> TicketTypeIds { get; init; } = [];

    /// <summary>Hidden types it lets the buyer reserve.</summary>
    public IReadOnlyList<string> UnlocksTicketTypeIds { get; init; } = [];

    public bool Disabled { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required long Version { get; init; }

    /// <summary>Codes are compared without case and stored upper case ("early-bird" = "EARLY-BIRD").</summary>
    public static string? Normalize(string? code) => VisibleText.Trim(code)?.ToUpperInvariant();

    public bool IsValidAt(DateTimeOffset now) =>
        !Disabled && (ValidFrom is null || now >= ValidFrom) && (ValidUntil is null || now < ValidUntil);

    public bool Discounts(string ticketTypeId) => TicketTypeIds.Count == 0 || TicketTypeIds.Contains(ticketTypeId);

    public static Result<Voucher> Create(string eventId, VoucherInput input, IReadOnlySet<string> ticketTypes, string? currency, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<FieldError>();
        var code = Normalize(input.Code);
        if (string.IsNullOrEmpty(code))
        {
            errors.Add(new("code", TicketingErrors.Required));
        }
        else if (code.Length is < TicketingRules.VoucherCodeMinLength or > TicketingRules.VoucherCodeMaxLength
            || !code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            errors.Add(new("code", $"must be {TicketingRules.VoucherCodeMinLength} to {TicketingRules.VoucherCodeMaxLength} letters, digits, '-' or '_'."));
        }

        MoneyAmount? amountOff = null;
        if (input.PercentOff is null == (input.AmountOff is null))
        {
            errors.Add(new("percentOff", "give exactly one of percentOff and amountOff."));
        }
        else if (input.PercentOff is { } percent && percent is < 1 or > 100)
        {
            errors.Add(new("percentOff", "must be from 1 to 100."));
        }
        else if (input.AmountOff is { } amount)
        {
            if (amount.Amount is not ({ } minor and >= 1 and <= TicketingRules.MaxPriceMinor))
            {
                errors.Add(new("amountOff.amount", "must be a whole number of minor units, at least 1."));
            }
            else if (amount.Currency is null || !Currencies.IsKnown(amount.Currency) || amount.Currency == Currencies.Bitcoin)
            {
                errors.Add(new("amountOff.currency", "must be an ISO 4217 currency code in upper case, such as EUR."));
            }
            else if (currency is not null && amount.Currency != currency)
            {
                errors.Add(new("amountOff.currency", $"must be {currency}, the currency of the event's ticket types."));
            }
            else
            {
                amountOff = new MoneyAmount(minor, amount.Currency);
            }
        }

        if (input.UsageLimit is < 1 or > 1_000_000)
        {
            errors.Add(new("usageLimit", "must be from 1 to 1,000,000 (leave it out for no limit)."));
        }

        if (input.ValidFrom is not null && input.ValidUntil is not null && input.ValidUntil <= input.ValidFrom)
        {
            errors.Add(new("validUntil", "must be after validFrom."));
        }

        CheckTypes(input.TicketTypeIds, "ticketTypeIds", ticketTypes, errors);
        CheckTypes(input.UnlocksTicketTypeIds, "unlocksTicketTypeIds", ticketTypes, errors);

        return errors.Count > 0
            ? new ValidationFailed(errors)
            : new Voucher
            {
                Code = code!,
                EventId = eventId,
                PercentOff = input.PercentOff,
                AmountOff = amountOff,
                UsageLimit = input.UsageLimit,
                ValidFrom = input.ValidFrom?.ToUniversalTime(),
                ValidUntil = input.ValidUntil?.ToUniversalTime(),
                TicketTypeIds = [.. input.TicketTypeIds ?? []],
                UnlocksTicketTypeIds = [.. input.UnlocksTicketTypeIds ?? []],
                CreatedAt = now,
                Version = 1,
            };
    }

    /// <summary>Enables or disables it, or moves its window or limit (its discount stays what buyers were promised).</summary>
    public Result<Voucher> Update(VoucherUpdate patch, int used)
    {
        ArgumentNullException.ThrowIfNull(patch);
        var errors = new List<FieldError>();
        var limit = patch.RemoveUsageLimit == true ? null : patch.UsageLimit ?? UsageLimit;
        if (patch.UsageLimit is { } l && (l < 1 || l > 1_000_000))
        {
            errors.Add(new("usageLimit", "must be from 1 to 1,000,000."));
        }
        else if (limit is { } newLimit && newLimit < used)
        {
            errors.Add(new("usageLimit", $"must be at least {used}, the uses already taken."));
        }

        var from = patch.ValidFrom ?? ValidFrom;
        var until = patch.ValidUntil ?? ValidUntil;
        if (from is not null && until is not null && until <= from)
        {
            errors.Add(new("validUntil", "must be after validFrom."));
        }

        return errors.Count > 0
            ? new ValidationFailed(errors)
            : this with { Disabled = patch.Disabled ?? Disabled, UsageLimit = limit, ValidFrom = from, ValidUntil = until, Version = Version + 1 };
    }

    private static void CheckTypes(IReadOnlyList<string>? ids, string field, IReadOnlySet<string> known, List<FieldError> errors)
    {
        for (var i = 0; i < (ids?.Count ?? 0); i++)
        {
            if (ids![i] is null || !known.Contains(ids[i]))
            {
                errors.Add(new($"{field}[{i}]", "is not a ticket type of this event."));
            }
        }
    }
}

/// <summary>A voucher as the client sent it.</summary>
public sealed record VoucherInput
{
    public string? Code { get; init; }

    public int? PercentOff { get; init; }

    public PriceInput? AmountOff { get; init; }

    public int? UsageLimit { get; init; }

    public DateTimeOffset? ValidFrom { get; init; }

    public DateTimeOffset? ValidUntil { get; init; }

    public IReadOnlyList<string>? TicketTypeIds { get; init; }

    public IReadOnlyList<string>? UnlocksTicketTypeIds { get; init; }
}

/// <summary>What an organizer may change on a voucher.</summary>
public sealed record VoucherUpdate
{
    public bool? Disabled { get; init; }

    public int? UsageLimit { get; init; }

    public bool? RemoveUsageLimit { get; init; }

    public DateTimeOffset? ValidFrom { get; init; }

    public DateTimeOffset? ValidUntil { get; init; }
}
