using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Domain.Events;
using BitcoinEvents.Events.Contracts;
using BitcoinEvents.Events.Storage;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Infrastructure.Media;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BitcoinEvents.Events.Operations;

/// <summary>
/// POST /events/{eventId}/cover-image-uploads with <c>{ "contentType": "image/webp" }</c>: a presigned
/// PUT URL for a new cover image under <c>events/{eventId}/cover/</c>, for the event's organizer or an
/// admin. The client uploads, then sets the returned key as the event's <c>coverImageKey</c>.
/// </summary>
public static class CreateCoverImageUpload
{
    public const string Name = nameof(CreateCoverImageUpload);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/events/{eventId}/cover-image-uploads", HandleAsync)
            .WithName(Name)
            .RequireAuthorization()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

    internal static async Task<Results<Ok<CoverImageUploadResponse>, ProblemHttpResult>> HandleAsync(
        string eventId,
        CoverImageUploadRequest? body,
        Caller caller,
        EventStore store,
        MediaUploads uploads,
        CancellationToken ct)
    {
        var managed = EventAccess.Manage(await store.GetAsync(eventId, consistent: true, ct), eventId, caller);
        var planned = managed.Then(e => e.PlanCoverImageUpload(body?.ContentType, Guid.NewGuid().ToString("N")));
        if (!planned.IsSuccess)
        {
            return Problems.For(planned.Error);
        }

        var upload = await uploads.PresignPutAsync(planned.Value, body!.ContentType!);
        return TypedResults.Ok(new CoverImageUploadResponse(
            upload.Url,
            HttpMethods.Put,
            new Dictionary<string, string> { ["Content-Type"] = upload.ContentType },
            upload.Key,
            upload.ExpiresAt));
    }
}
