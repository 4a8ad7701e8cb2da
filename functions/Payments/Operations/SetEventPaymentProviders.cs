using BitcoinEvents.Domain.Callers;
using BitcoinEvents.Domain.Events;
using BitcoinEvents.Domain.Results;
using BitcoinEvents.Infrastructure.Catalog;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Payments.Contracts;
using BitcoinEvents.Payments.Processing;
using BitcoinEvents.Payments.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BitcoinEvents.Payments.Operations;

/// <summary>
/// PUT /events/{eventId}/payment-providers with <c>{"providers": ["stripe", "razorpay"]}</c>: the event's
/// organizer (or an admin) chooses which of the platform's providers buyers may pay with. At least one.
/// Payments already started keep their provider.
/// </summary>
public static class SetEventPaymentProviders
{
    public const string Name = nameof(SetEventPaymentProviders);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapPut("/events/{eventId}/payment-providers", HandleAsync)
            .WithName(Name)
            .RequireAuthorization()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<EventPaymentProvidersResponse>, ProblemHttpResult>> HandleAsync(
        string eventId, EventPaymentProvidersRequest? body, Caller caller, EventCatalog catalog, EventProviders offers, PaymentStore store, TimeProvider clock, CancellationToken ct)
    {
        var managed = EventAccess.Manage(await catalog.GetAsync(eventId, consistent: true, ct), eventId, caller);
        if (!managed.IsSuccess)
        {
            return Problems.For(managed.Error);
        }

        var errors = new List<FieldError>();
        var providers = body?.Providers;
        if (providers is null || providers.Count == 0)
        {
            errors.Add(new("providers", $"must name at least one provider (the platform's: {string.Join(", ", offers.Platform)})."));
        }
        else
        {
            for (var i = 0; i < providers.Count; i++)
            {
                if (providers[i] is not { } id || !offers.Platform.Contains(id))
                {
                    errors.Add(new($"providers[{i}]", $"is not a provider of this platform (its providers: {string.Join(", ", offers.Platform)})."));
                }
                else if (providers.Take(i).Contains(id))
                {
                    errors.Add(new($"providers[{i}]", "is named twice."));
                }
            }
        }

        if (errors.Count > 0)
        {
            return Problems.For(new ValidationFailed(errors));
        }

        await store.PutEventProvidersAsync(eventId, providers!, caller.Id, clock.GetUtcNow(), ct);
        return TypedResults.Ok(new EventPaymentProvidersResponse(eventId, providers!, ChosenByOrganizer: true));
    }
}
