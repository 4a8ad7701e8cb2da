using System.Security.Claims;
using BitcoinEvents.Domain.Events;
using NotFound = BitcoinEvents.Domain.Results.NotFound;
using BitcoinEvents.Events.Contracts;
using BitcoinEvents.Events.Storage;
using BitcoinEvents.Infrastructure.Auth;
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
            .RequireAuthorization();

    internal static async Task<Results<Ok<CoverImageUploadResponse>, ProblemHttpResult>> HandleAsync(
        string eventId,
        CoverImageUploadRequest? body,
        ClaimsPrincipal user,
        EventStore store,
        MediaUploads uploads,
        CancellationToken ct)
    {
        var caller = user.RequireCaller();
        if (!caller.IsSuccess)
        {
            return Problems.For(caller.Error);
        }

        var e = EventIds.IsWellFormed(eventId) ? await store.GetAsync(eventId, consistent: true, ct) : null;
        if (e is null)
        {
            return Problems.For(new NotFound(EventAccess.Resource, eventId));
        }

        var planned = e.PlanCoverImageUpload(caller.Value, body?.ContentType, Guid.NewGuid().ToString("N"));
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
