using BitcoinEvents.Domain.Events;
using BitcoinEvents.Infrastructure.Catalog;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Payments.Contracts;
using BitcoinEvents.Payments.Processing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BitcoinEvents.Payments.Operations;

/// <summary>GET /events/{eventId}/payment-providers, anonymous: what a buyer may pay a public event's orders with.</summary>
public static class GetEventPaymentProviders
{
    public const string Name = nameof(GetEventPaymentProviders);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/events/{eventId}/payment-providers", HandleAsync)
            .WithName(Name)
            .AllowAnonymous()
            .ProducesProblems(StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<EventPaymentProvidersResponse>, ProblemHttpResult>> HandleAsync(
        string eventId, EventCatalog catalog, EventProviders offers, CancellationToken ct)
    {
        var visible = EventAccess.ForPublic(await catalog.GetAsync(eventId, consistent: false, ct), eventId);
        if (!visible.IsSuccess)
        {
            return Problems.For(visible.Error);
        }

        var (providers, chosen) = await offers.OfferedAsync(eventId, ct);
        return TypedResults.Ok(new EventPaymentProvidersResponse(eventId, providers, chosen));
    }
}
