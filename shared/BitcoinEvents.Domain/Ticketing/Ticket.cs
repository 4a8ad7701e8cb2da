using BitcoinEvents.Domain.Results;

namespace BitcoinEvents.Domain.Ticketing;

public enum TicketStatus
{
    Valid,

    /// <summary>Cancelled, refunded or voided by the organizer: it no longer admits anyone.</summary>
    Void,
}

/// <summary>A check-in of a ticket at one door (a session, or the whole event).</summary>
public sealed record CheckIn(string SessionKey, DateTimeOffset At, string DeviceId, string StaffId, string ScanId);

/// <summary>
/// One seat of a paid order, in its holder's name. Its QR code carries a signed token with its id,
/// event, sessions and <see cref="Revision"/>; reassigning it raises the revision, so the old QR
/// stops scanning. One check-in per session (or one for the whole event when it has no sessions).
/// </summary>
public sealed record Ticket
{
    /// <summary>The check-in key of a ticket that admits to the whole event.</summary>
    public const string WholeEvent = "event";

    public const int VoidReasonMaxLength = 200;

    public required string Id { get; init; }

    public required string EventId { get; init; }

    public required string OrderId { get; init; }

    public required string OwnerId { get; init; }

    public required string TicketTypeId { get; init; }

    public required string TypeName { get; init; }

    public IReadOnlyList<string> SessionIds { get; init; } = [];

    public required string HolderName { get; init; }

    public required TicketStatus Status { get; init; }

    public required int Revision { get; init; }

    public required DateTimeOffset IssuedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public string? VoidReason { get; init; }

    public IReadOnlyList<CheckIn> CheckIns { get; init; } = [];

    /// <summary>
    /// The signed compact JWS of the current revision, which the QR code carries
    /// (docs/ticket-signing.md): signed once when the ticket is issued or reassigned and kept, so
    /// the e-mail, the app and the image always show the same code. Null until signed.
    /// </summary>
    public string? QrToken { get; init; }

    public required long Version { get; init; }

    /// <summary>The doors it opens: its sessions, or the whole event.</summary>
    public IReadOnlyList<string> SessionKeys => SessionIds.Count == 0 ? [WholeEvent] : SessionIds;

    /// <summary>One ticket per seat of a paid order's ticket lines, ids derived from the order and seat.</summary>
    public static IReadOnlyList<Ticket> IssueFor(Order order, IReadOnlyDictionary<string, TicketType> types, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(types);
        var tickets = new List<Ticket>();
        for (var line = 0; line < order.Lines.Count; line++)
        {
            var l = order.Lines[line];
            if (l.Kind != OrderLine.TicketKind)
            {
                continue;
            }

            var sessions = types.TryGetValue(l.ItemId, out var type) ? type.SessionIds : [];
            for (var seat = 0; seat < l.Quantity; seat++)
            {
                tickets.Add(new Ticket
                {
                    Id = TicketingIds.Derive("ticket", order.Id, line.ToString(System.Globalization.CultureInfo.InvariantCulture), seat.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    EventId = order.EventId,
                    OrderId = order.Id,
                    OwnerId = order.BuyerId,
                    TicketTypeId = l.ItemId,
                    TypeName = l.Description,
                    SessionIds = sessions,
                    HolderName = l.HolderNames.Count > seat ? l.HolderNames[seat] : string.Empty,
                    Status = TicketStatus.Valid,
                    Revision = 1,
                    IssuedAt = now,
                    UpdatedAt = now,
                    Version = 1,
                });
            }
        }

        return tickets;
    }

    /// <summary>A new holder: a new revision, so the QR issued before stops admitting anyone.</summary>
    public Result<Ticket> Reassign(string? holderName, DateTimeOffset now)
    {
        if (Status != TicketStatus.Valid)
        {
            return new InvalidStateTransition("void", "reassign the ticket");
        }

        if (CheckIns.Count > 0)
        {
            return new InvalidStateTransition("already checked in", "reassign the ticket");
        }

        var errors = new List<FieldError>();
        var name = Text.Required(holderName, "holderName", TicketingRules.HolderNameMaxLength, errors);
        return errors.Count > 0
            ? new ValidationFailed(errors)
            : this with { HolderName = name!, Revision = Revision + 1, QrToken = null, UpdatedAt = now, Version = Version + 1 };
    }

    /// <summary>The organizer voids the ticket for <paramref name="reason"/> (required, one line): it stops admitting anyone.</summary>
    public Result<Ticket> VoidByOrganizer(string? reason, DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        var text = Text.Required(reason, "reason", VoidReasonMaxLength, errors);
        return errors.Count > 0 ? new ValidationFailed(errors) : Void(text!, now);
    }

    /// <summary>
    /// The ticket with <paramref name="checkIn"/> as the check-in at its door: added, or replacing a
    /// later one recorded there (an offline scan uploaded late that was the real entry).
    /// </summary>
    public Ticket WithCheckIn(CheckIn checkIn, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(checkIn);
        return this with
        {
            CheckIns = [.. CheckIns.Where(c => c.SessionKey != checkIn.SessionKey), checkIn],
            UpdatedAt = now,
            Version = Version + 1,
        };
    }

    public Result<Ticket> Void(string reason, DateTimeOffset now) =>
        Status == TicketStatus.Void
            ? new InvalidStateTransition("void", "void the ticket")
            : this with { Status = TicketStatus.Void, VoidReason = reason, UpdatedAt = now, Version = Version + 1 };
}
