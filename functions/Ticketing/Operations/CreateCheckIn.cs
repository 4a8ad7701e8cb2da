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
/// POST /events/{eventId}/check-ins with one scan <c>{scanId, token, sessionId?, deviceId, scannedAt?}</c>:
/// the door's answer, always 200 with a <c>result</c> a scanner app shows (admitted; already checked
/// in, with when, where and by whom; refused, with a stable code). The same scanId again gets the
/// first answer (<c>replayed: true</c>), whatever happened since; reused for another scan, 422.
/// Staff assigned to the event, its organizer or an admin; anyone else 404.
/// </summary>
public static class CreateCheckIn
{
    public const string Name = nameof(CreateCheckIn);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/events/{eventId}/check-ins", HandleAsync)
            .WithName(Name)
            .RequireAuthorization()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);

    internal static async Task<Results<Ok<CheckInResultResponse>, ProblemHttpResult>> HandleAsync(
        string eventId, ScanInput? body, Caller caller, DoorAccess access, DoorStore doors, Door door, TimeProvider clock, CancellationToken ct)
    {
        var allowed = await access.ForDoorAsync(eventId, caller, ct);
        if (!allowed.IsSuccess)
        {
            return Problems.For(allowed.Error);
        }

        var errors = new List<FieldError>();
        var scan = CheckInScans.Validate(body, string.Empty, clock.GetUtcNow(), offline: false, errors);
        if (scan?.SessionId is { } sessionId && !await doors.SessionExistsAsync(eventId, sessionId, ct))
        {
            errors.Add(new FieldError("sessionId", "is not a session of this event."));
        }

        if (errors.Count > 0)
        {
            return Problems.For(new ValidationFailed(errors));
        }

        var reply = await door.AnswerAsync(eventId, scan!, caller.Id, ct);
        return reply.IsSuccess
            ? TypedResults.Ok(CheckInResultResponse.From(reply.Value.Answer, reply.Value.Replayed))
            : Problems.For(reply.Error);
    }
}
