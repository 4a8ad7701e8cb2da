namespace BitcoinEvents.Domain.Ticketing;

/// <summary>What a scanned QR says, once its signature is verified.</summary>
public sealed record TicketToken(string TicketId, string EventId, IReadOnlyList<string> SessionIds, int Revision);

/// <summary>The answer to one scan at the door.</summary>
public abstract record CheckInDecision
{
    private CheckInDecision()
    {
    }

    /// <summary>Let them in: record the check-in at <paramref name="SessionKey"/>.</summary>
    public sealed record Admit(string SessionKey) : CheckInDecision;

    /// <summary>Already in: when, where and by whom the first scan was.</summary>
    public sealed record AlreadyCheckedIn(CheckIn First) : CheckInDecision;

    /// <summary>
    /// Let them in, and record this scan in place of <paramref name="Later"/>: the check-in recorded
    /// at <paramref name="SessionKey"/> was scanned after this one (an offline scan uploaded late).
    /// The earliest scan is the entry; the count does not change.
    /// </summary>
    public sealed record AdmitEarlier(string SessionKey, CheckIn Later) : CheckInDecision;

    /// <summary>Not admitted; <see cref="Code"/> is stable for scanner apps.</summary>
    public sealed record Refuse(string Code, string Reason) : CheckInDecision;
}

/// <summary>The door's rules: one check-in per ticket per session, and only a current, valid ticket of this event.</summary>
public static class CheckInRules
{
    public static CheckInDecision Decide(Ticket? ticket, TicketToken token, string eventId, string? sessionId)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.EventId != eventId)
        {
            return new CheckInDecision.Refuse("wrong_event", "This ticket is for another event.");
        }

        if (ticket is null || ticket.EventId != eventId)
        {
            return new CheckInDecision.Refuse("unknown_ticket", "No such ticket for this event.");
        }

        if (ticket.Status == TicketStatus.Void)
        {
            return new CheckInDecision.Refuse("void", "This ticket has been voided" + (ticket.VoidReason is null ? "." : $": {ticket.VoidReason}"));
        }

        if (token.Revision != ticket.Revision)
        {
            return new CheckInDecision.Refuse("superseded", "This QR code was replaced: the ticket was reassigned. Ask for the current one.");
        }

        string key;
        if (ticket.SessionIds.Count == 0)
        {
            key = Ticket.WholeEvent;
        }
        else if (sessionId is null)
        {
            if (ticket.SessionIds.Count != 1)
            {
                return new CheckInDecision.Refuse("session_required", "This ticket admits to several sessions: choose the session being checked in.");
            }

            key = ticket.SessionIds[0];
        }
        else if (!ticket.SessionIds.Contains(sessionId))
        {
            return new CheckInDecision.Refuse("wrong_session", "This ticket does not admit to this session.");
        }
        else
        {
            key = sessionId;
        }

        var first = ticket.CheckIns.FirstOrDefault(c => c.SessionKey == key);
        return first is null ? new CheckInDecision.Admit(key) : new CheckInDecision.AlreadyCheckedIn(first);
    }

    /// <summary>
    /// The answer to an offline scan made at <paramref name="scannedAt"/> and uploaded after others:
    /// the earliest scan of a door is its check-in, so a scan earlier than the one recorded there
    /// takes its place (<see cref="CheckInDecision.AdmitEarlier"/>) and every later one is told
    /// "already checked in" with the earliest. (Online scans are decided as they come: first in wins.)
    /// </summary>
    public static CheckInDecision Decide(Ticket? ticket, TicketToken token, string eventId, string? sessionId, DateTimeOffset scannedAt)
    {
        var decision = Decide(ticket, token, eventId, sessionId);
        return decision is CheckInDecision.AlreadyCheckedIn already && already.First.At > scannedAt
            ? new CheckInDecision.AdmitEarlier(already.First.SessionKey, already.First)
            : decision;
    }
}
