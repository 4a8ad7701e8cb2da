using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Domain.Results;

namespace BitcoinEvents.Domain.Ticketing;

/// <summary>What a complimentary order takes: its lines (one per ticket type, holder names per seat) and the seats from each quota.</summary>
public sealed record ComplimentaryPlan(string BuyerId, IReadOnlyList<OrderLine> Lines, IReadOnlyDictionary<string, int> QuotaDemand)
{
    public int Quantity => Lines.Sum(l => l.Quantity);
}

/// <summary>
/// Checks an organizer's complimentary order: who gets it (a user id, or by default the organizer,
/// who then hands the tickets to the named holders), one attendee per seat naming its ticket type.
/// The organizer may issue any type of the event that is not archived — hidden ones and outside
/// the sales window too — but never more seats than the quotas have: the seats are taken like a hold's.
/// </summary>
public static class ComplimentaryPlanner
{
    public const string BuyerField = "buyerId";

    public static Result<ComplimentaryPlan> Plan(
        string? buyerId, IReadOnlyList<AttendeeInput>? attendees, IReadOnlyDictionary<string, TicketType> types, string eventTotalQuotaId, string organizerId)
    {
        ArgumentNullException.ThrowIfNull(types);
        var errors = new List<FieldError>();
        if (buyerId is not null && !CallerIds.IsWellFormed(buyerId))
        {
            errors.Add(new(BuyerField, "must be a user id (the subject of their sign-in), or left out to issue the tickets to yourself."));
        }

        var given = attendees ?? [];
        if (given.Count == 0)
        {
            errors.Add(new(HolderNames.Field, "needs at least one attendee: a ticket type and the holder's name."));
        }
        else if (given.Count > TicketingRules.MaxTicketsPerHold)
        {
            errors.Add(new(HolderNames.Field, $"names {given.Count} attendees; one order holds at most {TicketingRules.MaxTicketsPerHold}."));
        }

        var byType = new List<(TicketType Type, List<string> Names)>();
        for (var i = 0; i < Math.Min(given.Count, TicketingRules.MaxTicketsPerHold); i++)
        {
            var attendee = given[i];
            var field = $"{HolderNames.Field}[{i}]";
            if (attendee is null)
            {
                errors.Add(new(field, TicketingErrors.Required));
                continue;
            }

            if (attendee.TicketTypeId is null || !types.TryGetValue(attendee.TicketTypeId, out var type) || type.Archived)
            {
                errors.Add(new($"{field}.ticketTypeId", "is not a ticket type of this event."));
                continue;
            }

            var name = Text.Required(attendee.Name, $"{field}.name", TicketingRules.HolderNameMaxLength, errors);
            if (name is null)
            {
                continue;
            }

            var line = byType.FindIndex(l => l.Type.Id == type.Id);
            if (line < 0)
            {
                byType.Add((type, [name]));
            }
            else
            {
                byType[line].Names.Add(name);
            }
        }

        if (byType.Count > TicketingRules.MaxLinesPerHold)
        {
            errors.Add(new(HolderNames.Field, $"names {byType.Count} ticket types; one order holds at most {TicketingRules.MaxLinesPerHold}."));
        }

        if (errors.Count > 0)
        {
            return new ValidationFailed(errors);
        }

        var lines = byType.Select(l =>
        {
            var zero = Money.Money.Zero(l.Type.Price.Currency);
            return new OrderLine(OrderLine.TicketKind, l.Type.Id, l.Type.Name, l.Names.Count, zero, zero, l.Names);
        }).ToList();
        var demand = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (type, names) in byType)
        {
            foreach (var quota in type.AllQuotaIds(eventTotalQuotaId))
            {
                demand[quota] = demand.GetValueOrDefault(quota) + names.Count;
            }
        }

        return new ComplimentaryPlan(buyerId ?? organizerId, lines, demand);
    }
}
