using System.Text.Json;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Lambda;
using BitcoinEvents.Payments.Contracts;
using BitcoinEvents.Payments.Processing;
using BitcoinEvents.Payments.Providers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BitcoinEvents.Payments.Operations;

/// <summary>
/// POST /webhooks/{provider}, one operation per provider (<c>ReceiveStripeWebhook</c>,
/// <c>ReceiveRazorpayWebhook</c>, ...: each registration's <see cref="IPaymentProviderRegistration.WebhookOperation"/>),
/// each its own function reading only its own webhook secret. Anonymous: the provider's signature on
/// the raw body is the authentication. 200 once stored and queued (a duplicate: 200, nothing new);
/// a forged, stale or malformed delivery: 400, nothing stored.
/// </summary>
public static class ReceiveWebhook
{
    public static string PathOf(string provider) => "/webhooks/" + provider;

    /// <summary>One operation per provider, so that a provider's function maps its own route alone.</summary>
    public static IEnumerable<HttpOperation> Operations(IEnumerable<IPaymentProviderRegistration> registrations)
    {
        ArgumentNullException.ThrowIfNull(registrations);
        return registrations.Select(registration => new HttpOperation(registration.WebhookOperation, routes => Map(routes, registration)));
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes, IPaymentProviderRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var provider = registration.Id;
        return routes.MapPost(PathOf(provider), (HttpRequest request, WebhookIntake intake, CancellationToken ct) => HandleAsync(provider, request, intake, ct))
            .WithName(registration.WebhookOperation)
            .WithTags(nameof(ReceiveWebhook))
            .AllowAnonymous()
            .Accepts<JsonElement>("application/json")
            .ProducesProblems(StatusCodes.Status400BadRequest);
    }

    internal static async Task<Results<Ok<WebhookAcknowledgement>, ProblemHttpResult>> HandleAsync(string provider, HttpRequest request, WebhookIntake intake, CancellationToken ct)
    {
        var received = await intake.ReceiveAsync(provider, request, ct);
        return received.TryGetValue(out var acknowledgement, out var error) ? TypedResults.Ok(acknowledgement) : Problems.For(error);
    }
}
