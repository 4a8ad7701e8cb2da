using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Ticketing.Contracts;
using BitcoinEvents.Ticketing.Selling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BitcoinEvents.Ticketing.Operations;

/// <summary>GET /organizer/events/{eventId}/quotas: every quota with its capacity and the seats left.</summary>
public static class ListQuotas
{
    public const string Name = nameof(ListQuotas);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/organizer/events/{eventId}/quotas", HandleAsync)
            .WithName(Name)
            .RequireAuthorization()
            .ProducesProblems(StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<QuotaListResponse>, ProblemHttpResult>> HandleAsync(
        string eventId, Caller caller, Organizing organizing, Availability availability, CancellationToken ct)
    {
        var managed = await organizing.ForOrganizerAsync(eventId, caller, ct);
        if (!managed.IsSuccess)
        {
            return Problems.For(managed.Error);
        }

        var left = await availability.OfQuotasAsync(managed.Value.Setup, ct);
        return TypedResults.Ok(new QuotaListResponse(
            [.. managed.Value.Setup.Quotas.Values.OrderByDescending(q => q.IsEventTotal).ThenBy(q => q.Name, StringComparer.Ordinal).Select(q => QuotaResponse.From(q, left.GetValueOrDefault(q.Id)))]));
    }
}
