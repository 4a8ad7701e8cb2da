using BitcoinEvents.Domain.Money;
using BitcoinEvents.Domain.Results;
using MoneyAmount = BitcoinEvents.Domain.Money.Money;

namespace BitcoinEvents.Domain.Ticketing;

/// <summary>A ticket type's fields once every rule holds.</summary>
internal sealed record ValidTicketType(
    string Name,
    string? Description,
    MoneyAmount Price,
    long? SatsPrice,
    DateTimeOffset? SalesStartAt,
    DateTimeOffset? SalesEndAt,
    int MinPerOrder,
    int MaxPerOrder,
    bool Hidden,
    IReadOnlyList<string> SessionIds,
    IReadOnlyList<string> QuotaIds,
    bool Archived);

internal static class TicketTypeValidation
{
    public static Result<ValidTicketType> Validate(
        TicketTypeInput input, TicketType? current, IReadOnlySet<string> sessions, IReadOnlySet<string> quotas, string? eventCurrency)
    {
        var errors = new List<FieldError>();
        var name = Text.Required(input.Name ?? current?.Name, "name", TicketingRules.NameMaxLength, errors);
        var description = Text.Optional(input.Description ?? current?.Description, "description", TicketingRules.DescriptionMaxLength, errors, multiline: true);

        MoneyAmount price = default;
        var amount = input.Price?.Amount ?? current?.Price.Minor;
        var currency = input.Price?.Currency ?? current?.Price.Currency;
        if (input.Price is null && current is null)
        {
            errors.Add(new("price", TicketingErrors.Required));
        }
        else if (amount is null)
        {
            errors.Add(new("price.amount", TicketingErrors.Required));
        }
        else if (amount is < 0 or > TicketingRules.MaxPriceMinor)
        {
            errors.Add(new("price.amount", $"must be a whole number of minor units from 0 to {TicketingRules.MaxPriceMinor:N0}."));
        }
        else if (string.IsNullOrEmpty(currency))
        {
            errors.Add(new("price.currency", TicketingErrors.Required));
        }
        else if (!Currencies.IsKnown(currency) || currency == Currencies.Bitcoin)
        {
            errors.Add(new("price.currency", "must be an ISO 4217 currency code in upper case, such as EUR (a price in bitcoin goes in satsPrice)."));
        }
        else if (current is not null && currency != current.Price.Currency)
        {
            errors.Add(new("price.currency", $"can't change once the type is sold in {current.Price.Currency}."));
        }
        else if (eventCurrency is not null && currency != eventCurrency)
        {
            errors.Add(new("price.currency", $"must be {eventCurrency}, the currency of the event's other ticket types (an order has one currency)."));
        }
        else
        {
            price = new MoneyAmount(amount.Value, currency);
        }

        var satsPrice = input.SatsPrice ?? current?.SatsPrice;
        if (satsPrice is < 1 or > 2_100_000_000_000_000)
        {
            errors.Add(new("satsPrice", "must be a whole number of satoshis, at least 1."));
        }

        var start = input.SalesStartAt ?? current?.SalesStartAt;
        var end = input.SalesEndAt ?? current?.SalesEndAt;
        if (start is not null && end is not null && end <= start)
        {
            errors.Add(new("salesEndAt", "must be after salesStartAt."));
        }

        var min = input.MinPerOrder ?? current?.MinPerOrder ?? 1;
        var max = input.MaxPerOrder ?? current?.MaxPerOrder ?? 10;
        if (min < 1 || min > TicketingRules.MaxPerOrderLimit)
        {
            errors.Add(new("minPerOrder", $"must be from 1 to {TicketingRules.MaxPerOrderLimit}."));
        }

        if (max < 1 || max > TicketingRules.MaxPerOrderLimit)
        {
            errors.Add(new("maxPerOrder", $"must be from 1 to {TicketingRules.MaxPerOrderLimit}."));
        }
        else if (max < min)
        {
            errors.Add(new("maxPerOrder", "must be at least minPerOrder."));
        }

        var sessionIds = Ids(input.SessionIds, current?.SessionIds, "sessionIds", sessions, "a session of this event", TicketingRules.MaxSessionsPerEvent, errors);
        var quotaIds = Ids(input.QuotaIds, current?.QuotaIds, "quotaIds", quotas, "a quota of this event", TicketingRules.MaxQuotasPerType, errors);

        return errors.Count > 0
            ? new ValidationFailed(errors)
            : new ValidTicketType(name!, description, price, satsPrice, start?.ToUniversalTime(), end?.ToUniversalTime(), min, max,
                input.Hidden ?? current?.Hidden ?? false, sessionIds, quotaIds, input.Archived ?? current?.Archived ?? false);
    }

    private static IReadOnlyList<string> Ids(
        IReadOnlyList<string>? given, IReadOnlyList<string>? current, string field, IReadOnlySet<string> known, string what, int max, List<FieldError> errors)
    {
        var ids = given ?? current ?? [];
        if (ids.Count > max)
        {
            errors.Add(new(field, $"may name at most {max}."));
            return [];
        }

        for (var i = 0; i < ids.Count; i++)
        {
            if (ids[i] is null || !known.Contains(ids[i]))
            {
                errors.Add(new($"{field}[{i}]", $"is not {what}."));
            }
            else if (ids.Take(i).Contains(ids[i]))
            {
                errors.Add(new($"{field}[{i}]", "is named twice."));
            }
        }

        return [.. ids];
    }
}
