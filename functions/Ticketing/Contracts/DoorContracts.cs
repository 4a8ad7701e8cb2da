using BitcoinEvents.Domain.Ticketing;

namespace BitcoinEvents.Ticketing.Contracts;

// Tickets after they are issued (voiding, the door list) and the door: staff, check-ins, counts.
// A single scan's body is the domain's ScanInput as sent.

/// <summary>Body of POST /events/{eventId}/tickets/{ticketId}/void.</summary>
public sealed record VoidTicketRequest
{
    public string? Reason { get; init; }
}

/// <summary>Body of POST /events/{eventId}/check-ins/batch: scans made offline, uploaded together.</summary>
public sealed record CheckInBatchRequest
{
    [Infrastructure.Http.ItemCount(1, CheckInScans.MaxBatchSize)]
    public IReadOnlyList<ScanInput?>? Scans { get; init; }
}

/// <summary>The ticket a scan was about, as the door shows it: who, what, which revision; never its token.</summary>
public sealed record ScannedTicketResponse(string Id, string HolderName, string TypeName, IReadOnlyList<string> SessionIds, int Revision, string Status)
{
    public static ScannedTicketResponse From(ScannedTicket t) => new(t.Id, t.HolderName, t.TypeName, t.SessionIds, t.Revision, Names.Of(t.Status));
}

/// <summary>A check-in: at which door (<c>event</c> or a session id), when, which device, which staff member, which scan.</summary>
public sealed record CheckInRecordResponse(string Session, DateTimeOffset At, string DeviceId, string StaffId, string ScanId)
{
    public static CheckInRecordResponse From(CheckIn c) => new(c.SessionKey, c.At, c.DeviceId, c.StaffId, c.ScanId);
}

/// <summary>
/// The door's answer to one scan. <c>result</c>: <c>admitted</c>, <c>already_checked_in</c> (with
/// the first check-in), <c>refused</c>, or — in a batch only — <c>not_recorded</c> (the scan id
/// was reused, or the ticket kept changing: nothing was written, fix or retry it). <c>code</c> is
/// stable for scanner apps: <c>admitted</c>, <c>already_checked_in</c>, the door's refusals
/// (<c>wrong_event</c>, <c>unknown_ticket</c>, <c>void</c>, <c>superseded</c>, <c>session_required</c>,
/// <c>wrong_session</c>), the token's (<c>malformed_token</c>, <c>unsupported_algorithm</c>,
/// <c>unknown_key</c>, <c>bad_signature</c>, <c>invalid_claims</c>), or a problem code.
/// </summary>
public sealed record CheckInResultResponse(
    string ScanId,
    string Result,
    string Code,
    string Message,
    ScannedTicketResponse? Ticket,
    CheckInRecordResponse? CheckIn,
    CheckInRecordResponse? Displaced,
    bool Replayed)
{
    public const string NotRecorded = "not_recorded";

    public static CheckInResultResponse From(ScanAnswer a, bool replayed) => new(
        a.ScanId,
        Names.Of(a.Result),
        a.Code,
        a.Message,
        a.Ticket is null ? null : ScannedTicketResponse.From(a.Ticket),
        a.CheckIn is null ? null : CheckInRecordResponse.From(a.CheckIn),
        a.Displaced is null ? null : CheckInRecordResponse.From(a.Displaced),
        replayed);
}

/// <summary>The answers to a batch, one per scan in the order sent, and how many of each.</summary>
public sealed record CheckInBatchResponse(IReadOnlyList<CheckInResultResponse> Results, int Admitted, int AlreadyCheckedIn, int Refused, int NotRecorded);

/// <summary>One door's count: valid tickets that admit there, and check-ins there.</summary>
public sealed record DoorCountResponse(string Session, string? Name, int Issued, long CheckedIn);

/// <summary>
/// Live check-in counts: for the whole event (valid tickets, tickets checked in at least once) and
/// per door (<c>event</c> for tickets to the whole event, else each session).
/// </summary>
public sealed record CheckInCountsResponse(string EventId, int Issued, long CheckedIn, IReadOnlyList<DoorCountResponse> Sessions, DateTimeOffset CountedAt);

public sealed record StaffMemberResponse(string EventId, string UserId, DateTimeOffset AssignedAt);

public sealed record StaffListResponse(string EventId, IReadOnlyList<StaffMemberResponse> Items);

/// <summary>A ticket on the door list an offline scanner downloads: what a signature cannot say (void, replaced, already in).</summary>
public sealed record DoorTicketResponse(
    string Id,
    string TicketTypeId,
    string TypeName,
    IReadOnlyList<string> SessionIds,
    string HolderName,
    string Status,
    int Revision,
    IReadOnlyList<CheckInRecordResponse> CheckIns)
{
    public static DoorTicketResponse From(Ticket t) => new(
        t.Id, t.TicketTypeId, t.TypeName, t.SessionIds, t.HolderName, Names.Of(t.Status), t.Revision, [.. t.CheckIns.Select(CheckInRecordResponse.From)]);
}

public sealed record DoorTicketPageResponse(IReadOnlyList<DoorTicketResponse> Items, string? NextCursor);
