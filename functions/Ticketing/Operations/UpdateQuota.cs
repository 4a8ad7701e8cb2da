using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Domain.Ticketing;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Ticketing.Contracts;
using BitcoinEvents.Ticketing.Selling;
using BitcoinEvents.Ticketing.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Conflict = BitcoinEvents.Domain.Results.Conflict;
using NotFound = BitcoinEvents.Domain.Results.NotFound;

namespace BitcoinEvents.Ticketing.Operations;

/// <summary>
/// PATCH /events/{eventId}/quotas/{quotaId}: rename or resize. Growth adds seats to the buckets; a
/// cut takes free seats only (held or sold seats can't be taken back: 409 saying what is free).
/// </summary>
public static class UpdateQuota
{
    public const string Name = nameof(UpdateQuota);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapPatch("/events/{eventId}/quotas/{quotaId}", HandleAsync)
            .WithName(Name)
            .RequireAuthorization()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

    internal static async Task<Results<Ok<QuotaResponse>, ProblemHttpResult>> HandleAsync(
        string eventId, string quotaId, QuotaInput? body, Caller caller, Organizing organizing, SetupStore setups, CancellationToken ct)
    {
        var managed = await organizing.ForOrganizerAsync(eventId, caller, ct);
        if (!managed.IsSuccess)
        {
            return Problems.For(managed.Error);
        }

        if (!managed.Value.Setup.Quotas.TryGetValue(quotaId, out var current))
        {
            return Problems.For(new NotFound("quota", quotaId));
        }

        var updated = current.Update(body ?? new QuotaInput());
        if (!updated.IsSuccess)
        {
            return Problems.For(updated.Error);
        }

        var buckets = (await setups.ReadAvailabilityAsync([current], ct))[quotaId];
        var changes = QuotaBuckets.Resize(buckets, updated.Value.Capacity - current.Capacity);
        if (changes is null)
        {
            return Problems.For(new Conflict($"Only {buckets.Sum()} seats of this quota are free; held and sold seats can't be removed."));
        }

        if (updated.Value.Version != current.Version && !await setups.ResizeQuotaAsync(updated.Value, current.Version, changes, ct))
        {
            return Problems.For(new Conflict("Seats of this quota were taken or the quota changed meanwhile; read it again and retry."));
        }

        var left = buckets.Sum() + changes.Sum(c => c.Count);
        return TypedResults.Ok(QuotaResponse.From(updated.Value, left));
    }
}
