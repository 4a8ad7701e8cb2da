using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Domain.Results;
using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Ticketing.CheckingIn;
using BitcoinEvents.Ticketing.Contracts;
using BitcoinEvents.Ticketing.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BitcoinEvents.Ticketing.Operations;

/// <summary>
/// POST /events/{eventId}/check-ins/batch with <c>{scans: [...]}</c> (1 to 100 scans made offline,
/// each with its <c>scannedAt</c>): every scan answered as if it had been scanned online at its
/// time, earliest first, each once by its scanId. The answers come back in the order sent, one per
/// scan: admitted; already checked in (a conflict: another scan was first, and the answer says which);
/// refused; or not recorded (its scanId was used for another scan, or it kept colliding: retry it).
/// A malformed scan refuses the whole batch with a 400 naming it (<c>scans[3].scannedAt</c>): nothing is written.
/// </summary>
public static class UploadCheckIns
{
    public const string Name = nameof(UploadCheckIns);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/events/{eventId}/check-ins/batch", HandleAsync)
            .WithName(Name)
            .RequireAuthorization()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<CheckInBatchResponse>, ProblemHttpResult>> HandleAsync(
        string eventId, CheckInBatchRequest? body, Caller caller, DoorAccess access, DoorStore doors, Door door, TimeProvider clock, CancellationToken ct)
    {
        var allowed = await access.ForDoorAsync(eventId, caller, ct);
        if (!allowed.IsSuccess)
        {
            return Problems.For(allowed.Error);
        }

        var errors = new List<FieldError>();
        var inputs = body?.Scans;
        if (inputs is null || inputs.Count == 0 || inputs.Count > CheckInScans.MaxBatchSize)
        {
            return Problems.For(new ValidationFailed("scans", $"must hold 1 to {CheckInScans.MaxBatchSize} scans."));
        }

        var now = clock.GetUtcNow();
        var scans = inputs.Select((input, i) => CheckInScans.Validate(input, $"scans[{i}].", now, offline: true, errors)).ToList();
        foreach (var sessionId in scans.Select(s => s?.SessionId).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            if (!await doors.SessionExistsAsync(eventId, sessionId, ct))
            {
                errors.AddRange(scans.Select((s, i) => (s, i)).Where(x => x.s?.SessionId == sessionId)
                    .Select(x => new FieldError($"scans[{x.i}].sessionId", "is not a session of this event.")));
            }
        }

        if (errors.Count > 0)
        {
            return Problems.For(new ValidationFailed(errors));
        }

        // Earliest first, so that within a batch the first entry through a door is its check-in.
        var results = new CheckInResultResponse[scans.Count];
        foreach (var (scan, index) in scans.Select((s, i) => (s!, i)).OrderBy(x => x.Item1.ScannedAt))
        {
            var reply = await door.AnswerAsync(eventId, scan, caller.Id, ct);
            results[index] = reply.IsSuccess
                ? CheckInResultResponse.From(reply.Value.Answer, reply.Value.Replayed)
                : new CheckInResultResponse(scan.ScanId, CheckInResultResponse.NotRecorded, ProblemKinds.Of(reply.Error).Code, reply.Error.Detail, null, null, null, false);
        }

        return TypedResults.Ok(new CheckInBatchResponse(
            results,
            results.Count(r => r.Result == Names.Of(ScanResult.Admitted)),
            results.Count(r => r.Result == Names.Of(ScanResult.AlreadyCheckedIn)),
            results.Count(r => r.Result == Names.Of(ScanResult.Refused)),
            results.Count(r => r.Result == CheckInResultResponse.NotRecorded)));
    }
}
