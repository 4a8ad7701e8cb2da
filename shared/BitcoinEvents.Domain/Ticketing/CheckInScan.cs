using BitcoinEvents.Domain.Results;

namespace BitcoinEvents.Domain.Ticketing;

/// <summary>One scan as a door scanner sends it (online, or later in a batch of offline scans).</summary>
public sealed record ScanInput
{
    /// <summary>The scanner's own id for this scan: a retry with the same id gets the first answer.</summary>
    public string? ScanId { get; init; }

    /// <summary>What the QR code held: the ticket's compact JWS.</summary>
    public string? Token { get; init; }

    /// <summary>The session whose door this is; none for an event without sessions.</summary>
    public string? SessionId { get; init; }

    /// <summary>Which scanner (device) made the scan.</summary>
    public string? DeviceId { get; init; }

    /// <summary>When it was scanned; required for offline scans, the server's time otherwise.</summary>
    public DateTimeOffset? ScannedAt { get; init; }
}

/// <summary>
/// A scan that passed validation: the door's rules decide on it. <see cref="Offline"/>: made
/// without a connection and uploaded later, so an earlier scan may arrive after a later one.
/// </summary>
public sealed record Scan(string ScanId, string Token, string? SessionId, string DeviceId, DateTimeOffset ScannedAt, bool Offline = false);

/// <summary>What the door answered to a scan; <see cref="Code"/> is stable for scanner apps.</summary>
public enum ScanResult
{
    /// <summary>Let them in: this scan is the ticket's check-in at this door.</summary>
    Admitted,

    /// <summary>The ticket was checked in at this door before (the answer says when, where, by whom).</summary>
    AlreadyCheckedIn,

    /// <summary>Not a ticket that admits anyone here (forged, void, replaced, another event or session).</summary>
    Refused,
}

/// <summary>The rules of a scan's input: ids, sizes, and a time that is neither in the future nor too old.</summary>
public static class CheckInScans
{
    public const int ScanIdMaxLength = 64;
    public const int DeviceIdMaxLength = 64;

    /// <summary>Longer than any token the platform signs (and than a QR code holds).</summary>
    public const int TokenMaxLength = 4096;

    /// <summary>The most scans one batch upload carries.</summary>
    public const int MaxBatchSize = 100;

    /// <summary>How far ahead of the server's clock a scanner's clock may run.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>The oldest scan accepted (scan records, which answer retries, are kept 30 days).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(7);

    /// <summary>
    /// The scan, or null with the reasons in <paramref name="errors"/> (fields prefixed with
    /// <paramref name="path"/>, such as <c>scans[3].</c>). <paramref name="offline"/> scans must say
    /// when they were made; an online scan without a time was made <paramref name="now"/>.
    /// </summary>
    public static Scan? Validate(ScanInput? input, string path, DateTimeOffset now, bool offline, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        if (input is null)
        {
            errors.Add(new(path.Length == 0 ? "body" : path.TrimEnd('.'), "must be a scan: an object with scanId, token and deviceId."));
            return null;
        }

        var scanId = Identifier(input.ScanId, path + "scanId", ScanIdMaxLength, errors);
        var deviceId = Identifier(input.DeviceId, path + "deviceId", DeviceIdMaxLength, errors);

        if (string.IsNullOrEmpty(input.Token))
        {
            errors.Add(new(path + "token", TicketingErrors.Required));
        }
        else if (input.Token.Length > TokenMaxLength)
        {
            errors.Add(new(path + "token", $"must be at most {TokenMaxLength} characters: no ticket's QR code holds more."));
        }

        if (input.SessionId is not null && !TicketingIds.IsWellFormed(input.SessionId))
        {
            errors.Add(new(path + "sessionId", "is not a session id (32 lower-case hex digits)."));
        }

        var scannedAt = input.ScannedAt ?? now;
        if (input.ScannedAt is null && offline)
        {
            errors.Add(new(path + "scannedAt", "is required for a scan uploaded later: when was it scanned?"));
        }
        else if (scannedAt > now + MaxClockSkew)
        {
            errors.Add(new(path + "scannedAt", "is in the future: check the scanner's clock."));
        }
        else if (scannedAt < now - MaxAge)
        {
            errors.Add(new(path + "scannedAt", $"is more than {MaxAge.TotalDays:0} days ago: scans are accepted for {MaxAge.TotalDays:0} days."));
        }

        return errors.Count > before ? null : new Scan(scanId!, input.Token!, input.SessionId, deviceId!, scannedAt.ToUniversalTime(), offline);
    }

    // Ids the scanner makes up: 1 to max visible ASCII characters, no spaces (a UUID fits).
    private static string? Identifier(string? value, string field, int maxLength, List<FieldError> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            errors.Add(new(field, TicketingErrors.Required));
            return null;
        }

        if (value.Length > maxLength || value.Any(c => c is < '!' or > '~'))
        {
            errors.Add(new(field, $"must be 1 to {maxLength} visible ASCII characters without spaces (a UUID, for example)."));
            return null;
        }

        return value;
    }
}

/// <summary>The ticket a scan was about, as the door shows it (no token: the door list is not a set of QR codes).</summary>
public sealed record ScannedTicket(string Id, string HolderName, string TypeName, IReadOnlyList<string> SessionIds, int Revision, TicketStatus Status)
{
    public static ScannedTicket Of(Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return new(ticket.Id, ticket.HolderName, ticket.TypeName, ticket.SessionIds, ticket.Revision, ticket.Status);
    }
}

/// <summary>
/// The door's answer to one scan, kept under the scan's id so that a retry gets it again:
/// <see cref="CheckIn"/> is this scan's check-in when admitted, the first one when already checked
/// in; <see cref="Displaced"/> the later check-in an earlier (offline) scan took the place of.
/// <see cref="Fingerprint"/> tells a retry from another scan that reused the id.
/// </summary>
public sealed record ScanAnswer(
    string ScanId,
    string Fingerprint,
    string StaffId,
    ScanResult Result,
    string Code,
    string Message,
    ScannedTicket? Ticket,
    CheckIn? CheckIn,
    CheckIn? Displaced,
    DateTimeOffset AnsweredAt)
{
    public const string AdmittedCode = "admitted";
    public const string AlreadyCheckedInCode = "already_checked_in";

    /// <summary>The answer to <paramref name="scan"/> under <paramref name="decision"/>, for <paramref name="ticket"/> (when the token named one of this event).</summary>
    public static ScanAnswer For(Scan scan, string fingerprint, string staffId, CheckInDecision decision, Ticket? ticket, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(scan);
        ArgumentNullException.ThrowIfNull(decision);
        var shown = ticket is null ? null : ScannedTicket.Of(ticket);
        return decision switch
        {
            CheckInDecision.Admit admit => new(scan.ScanId, fingerprint, staffId, ScanResult.Admitted, AdmittedCode, "Checked in.", shown,
                new CheckIn(admit.SessionKey, scan.ScannedAt, scan.DeviceId, staffId, scan.ScanId), null, now),
            CheckInDecision.AdmitEarlier earlier => new(scan.ScanId, fingerprint, staffId, ScanResult.Admitted, AdmittedCode,
                "Checked in: this scan was earlier than the check-in recorded before, which it replaces.", shown,
                new CheckIn(earlier.SessionKey, scan.ScannedAt, scan.DeviceId, staffId, scan.ScanId), earlier.Later, now),
            CheckInDecision.AlreadyCheckedIn already => new(scan.ScanId, fingerprint, staffId, ScanResult.AlreadyCheckedIn, AlreadyCheckedInCode,
                $"Already checked in at {already.First.At:u} by device {already.First.DeviceId}.", shown, already.First, null, now),
            CheckInDecision.Refuse refuse => Refused(scan, fingerprint, staffId, refuse.Code, refuse.Reason, shown, now),
            _ => throw new ArgumentOutOfRangeException(nameof(decision), decision, "Unknown check-in decision."),
        };
    }

    /// <summary>A refusal before any ticket was read (the token did not verify): <paramref name="code"/> as the verifier said.</summary>
    public static ScanAnswer Refused(Scan scan, string fingerprint, string staffId, string code, string message, ScannedTicket? ticket, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(scan);
        return new(scan.ScanId, fingerprint, staffId, ScanResult.Refused, code, message, ticket, null, null, now);
    }
}
