using System.Security.Cryptography;
using System.Text;
using BitcoinEvents.Domain.Results;
using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.Ticketing.Storage;
using BitcoinEvents.Tickets;
using Microsoft.Extensions.Logging;

namespace BitcoinEvents.Ticketing.CheckingIn;

/// <summary>The door's answer to a scan, and whether it is an answer given before (a retry).</summary>
internal sealed record ScanReply(ScanAnswer Answer, bool Replayed);

/// <summary>
/// Answers scans at an event's door, once each: the QR token's signature is checked first (a
/// forgery is refused without a read), then the door's rules (<see cref="CheckInRules"/>) decide on
/// the stored ticket, and the answer is written under the scan's id in the same transaction as the
/// check-in and its counters, conditional on the ticket's version. Two scans of one ticket racing:
/// one transaction wins, the other decides again and finds it checked in. A retry of a scan gets
/// the stored answer.
/// </summary>
internal sealed partial class Door(OrderStore orders, DoorStore doors, TicketVerifier verifier, TimeProvider clock, ILogger<Door> logger)
{
    public const int MaxAttempts = 5;

    /// <summary>The answer to <paramref name="scan"/> at <paramref name="eventId"/>'s door, made by <paramref name="staffId"/>.</summary>
    public async Task<Result<ScanReply>> AnswerAsync(string eventId, Scan scan, string staffId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scan);
        var fingerprint = Fingerprint(scan, staffId);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var stored = await doors.GetScanAsync(eventId, scan.ScanId, ct);
            if (stored is not null)
            {
                return stored.Fingerprint == fingerprint
                    ? new ScanReply(stored, Replayed: true)
                    : new Unprocessable($"Scan id '{scan.ScanId}' was used for another scan (another token, door, device or staff member): give each scan its own id.");
            }

            var now = clock.GetUtcNow();
            var verification = await verifier.VerifyAsync(scan.Token, ct);
            if (verification is TicketVerification.Invalid invalid)
            {
                var refused = ScanAnswer.Refused(scan, fingerprint, staffId, invalid.Code, invalid.Reason, null, now);
                if (await doors.RecordAsync(eventId, refused, null, 0, [], ct) == ScanWrite.Written)
                {
                    LogAnswered(logger, eventId, scan.ScanId, refused.Code);
                    return new ScanReply(refused, Replayed: false);
                }

                continue;
            }

            var token = ((TicketVerification.Valid)verification).Token;
            var ticket = token.EventId == eventId ? await orders.GetTicketAsync(token.TicketId, consistent: true, ct) : null;
            // Online, the door decides as it scans: first come, first in. An offline scan uploaded
            // late may be earlier than the check-in recorded since, and then it is the entry.
            var decision = scan.Offline
                ? CheckInRules.Decide(ticket, token, eventId, scan.SessionId, scan.ScannedAt)
                : CheckInRules.Decide(ticket, token, eventId, scan.SessionId);
            var answer = ScanAnswer.For(scan, fingerprint, staffId, decision, ticket?.EventId == eventId ? ticket : null, now);
            Ticket? next = null;
            List<string> counters = [];
            if (decision is CheckInDecision.Admit or CheckInDecision.AdmitEarlier)
            {
                next = ticket!.WithCheckIn(answer.CheckIn!, now);
                if (decision is CheckInDecision.Admit admit)
                {
                    counters.Add(admit.SessionKey);
                    if (ticket.CheckIns.Count == 0)
                    {
                        counters.Add(DoorStore.TicketsCounter);
                    }
                }
            }

            switch (await doors.RecordAsync(eventId, answer, next, ticket?.Version ?? 0, counters, ct))
            {
                case ScanWrite.Written:
                    LogAnswered(logger, eventId, scan.ScanId, answer.Code);
                    return new ScanReply(answer, Replayed: false);
                case ScanWrite.TicketChanged:
                    // Another scan (or a reassignment, a void) changed the ticket first: decide again on what it is now.
                    await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * attempt)), clock, ct);
                    break;
                default:
                    break; // stored meanwhile: read it
            }
        }

        return new Conflict($"The ticket of scan '{scan.ScanId}' kept changing while it was checked in; retry the scan with the same scanId.");
    }

    /// <summary>What tells a retry of a scan from another scan that reused its id (the time is not in it: an online retry has a new one).</summary>
    internal static string Fingerprint(Scan scan, string staffId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', scan.Token, scan.SessionId ?? string.Empty, scan.DeviceId, staffId))));

    [LoggerMessage(EventId = 3301, Level = LogLevel.Information, Message = "Scan {ScanId} at event {EventId}: {Code}")]
    private static partial void LogAnswered(ILogger logger, string eventId, string scanId, string code);
}
