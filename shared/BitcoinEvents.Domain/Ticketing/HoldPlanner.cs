using BitcoinEvents.Domain.Results;
using MoneyAmount = BitcoinEvents.Domain.Money.Money;

namespace BitcoinEvents.Domain.Ticketing;

/// <summary>
/// What a reservation takes before any write: the priced lines, the voucher's discount, and how
/// many seats from each quota (the event's total, and each type's own).
/// </summary>
public sealed record HoldPlan(
    IReadOnlyList<HoldLine> Lines,
    MoneyAmount Subtotal,
    MoneyAmount Discount,
    MoneyAmount Total,
    Voucher? Voucher,
    IReadOnlyDictionary<string, int> QuotaDemand)
{
    public int Quantity => Lines.Sum(l => l.Quantity);
}

/// <summary>Checks a reservation against the event's ticket types and voucher and prices it.</summary>
public static class HoldPlanner
{
    public const string LinesField = "lines";
    public const string VoucherField = "voucherCode";

    /// <param name="request">What the buyer asked for.</param>
    /// <param name="types">The event's ticket types by id.</param>
    /// <param name="voucher">The voucher the code names, or null when there is no code or no such voucher.</param>
    /// <param name="eventTotalQuotaId">The event's total-capacity quota.</param>
    /// <param name="now">The time of the request.</param>
    public static Result<HoldPlan> Plan(HoldRequest request, IReadOnlyDictionary<string, TicketType> types, Voucher? voucher, string eventTotalQuotaId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(types);
        var errors = new List<FieldError>();
        var code = Voucher.Normalize(request.VoucherCode);
        if (!string.IsNullOrEmpty(code) && (voucher is null || voucher.Code != code || !voucher.IsValidAt(now)))
        {
            errors.Add(new(VoucherField, "is not a valid voucher for this event now."));
            voucher = null;
        }
        else if (string.IsNullOrEmpty(code))
        {
            voucher = null;
        }

        var lines = request.Lines ?? [];
        if (lines.Count == 0)
        {
            errors.Add(new(LinesField, "needs at least one line: a ticket type and how many."));
        }
        else if (lines.Count > TicketingRules.MaxLinesPerHold)
        {
            errors.Add(new(LinesField, $"may have at most {TicketingRules.MaxLinesPerHold} lines."));
        }

        var chosen = new List<(TicketType Type, int Quantity)>();
        for (var i = 0; i < Math.Min(lines.Count, TicketingRules.MaxLinesPerHold); i++)
        {
            var line = lines[i];
            var field = $"{LinesField}[{i}]";
            if (line is null)
            {
                errors.Add(new(field, TicketingErrors.Required));
                continue;
            }

            // A hidden type the voucher doesn't unlock reads exactly like one that doesn't exist.
            if (line.TicketTypeId is null
                || !types.TryGetValue(line.TicketTypeId, out var type)
                || type.Archived
                || (type.Hidden && voucher?.UnlocksTicketTypeIds.Contains(type.Id) != true))
            {
                errors.Add(new($"{field}.ticketTypeId", "is not a ticket type on sale for this event."));
                continue;
            }

            if (chosen.Any(c => c.Type.Id == type.Id))
            {
                errors.Add(new($"{field}.ticketTypeId", "is named on another line too: give each type once."));
                continue;
            }

            if (line.Quantity is not { } quantity)
            {
                errors.Add(new($"{field}.quantity", TicketingErrors.Required));
                continue;
            }

            if (quantity < type.MinPerOrder || quantity > type.MaxPerOrder)
            {
                errors.Add(new($"{field}.quantity", $"must be from {type.MinPerOrder} to {type.MaxPerOrder} for {type.Name}."));
                continue;
            }

            if (!type.IsOnSale(now))
            {
                errors.Add(new($"{field}.ticketTypeId", type.SalesStartAt > now
                    ? $"{type.Name} goes on sale at {type.SalesStartAt:u}."
                    : $"{type.Name} is no longer on sale."));
                continue;
            }

            chosen.Add((type, quantity));
        }

        if (chosen.Select(c => c.Type.Price.Currency).Distinct(StringComparer.Ordinal).Count() > 1)
        {
            errors.Add(new(LinesField, "mixes currencies: an order is in one currency."));
        }

        var total = chosen.Sum(c => c.Quantity);
        if (total > TicketingRules.MaxTicketsPerHold)
        {
            errors.Add(new(LinesField, $"asks for {total} tickets; one order holds at most {TicketingRules.MaxTicketsPerHold}."));
        }

        if (voucher is not null && errors.Count == 0 && !chosen.Any(c => voucher.Discounts(c.Type.Id) || voucher.UnlocksTicketTypeIds.Contains(c.Type.Id)))
        {
            errors.Add(new(VoucherField, "does not apply to any of these ticket types."));
        }

        if (voucher?.AmountOff is { } off && chosen.Count > 0 && off.Currency != chosen[0].Type.Price.Currency)
        {
            errors.Add(new(VoucherField, "is in another currency than these tickets."));
        }

        if (errors.Count > 0)
        {
            return new ValidationFailed(errors);
        }

        return Price(chosen, voucher, eventTotalQuotaId);
    }

    private static HoldPlan Price(List<(TicketType Type, int Quantity)> chosen, Voucher? voucher, string eventTotalQuotaId)
    {
        var currency = chosen[0].Type.Price.Currency;
        var discounts = new MoneyAmount[chosen.Count];
        for (var i = 0; i < chosen.Count; i++)
        {
            var (type, quantity) = chosen[i];
            discounts[i] = voucher?.PercentOff is { } percent && voucher.Discounts(type.Id)
                ? type.Price.Percent(percent).Times(quantity)
                : MoneyAmount.Zero(currency);
        }

        if (voucher?.AmountOff is { } amountOff)
        {
            // A fixed amount comes off the voucher's lines in order, never below zero.
            var left = amountOff;
            for (var i = 0; i < chosen.Count && !left.IsZero; i++)
            {
                if (!voucher.Discounts(chosen[i].Type.Id))
                {
                    continue;
                }

                var lineSubtotal = chosen[i].Type.Price.Times(chosen[i].Quantity);
                var take = new MoneyAmount(Math.Min(left.Minor, lineSubtotal.Minor), currency);
                discounts[i] = take;
                left = left.MinusClamped(take);
            }
        }

        var lines = chosen.Select((c, i) => new HoldLine(c.Type.Id, c.Type.Name, c.Quantity, c.Type.Price, discounts[i], c.Type.SatsPrice)).ToList();
        var subtotal = lines.Aggregate(MoneyAmount.Zero(currency), (sum, l) => sum.Plus(l.Subtotal));
        var discount = lines.Aggregate(MoneyAmount.Zero(currency), (sum, l) => sum.Plus(l.Discount));
        var demand = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (type, quantity) in chosen)
        {
            foreach (var quota in type.AllQuotaIds(eventTotalQuotaId))
            {
                demand[quota] = demand.GetValueOrDefault(quota) + quantity;
            }
        }

        return new HoldPlan(lines, subtotal, discount, subtotal.MinusClamped(discount), voucher, demand);
    }
}
