using System.Text.Json;
using BitcoinEvents.Infrastructure.Http;
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

    public static void Map(IEndpointRouteBuilder routes, IEnumerable<IPaymentProviderRegistration> registrations)
    {
        ArgumentNullException.ThrowIfNull(registrations);
        foreach (var registration in registrations)
        {
            var provider = registration.Id;
            routes.MapPost(PathOf(provider), (HttpRequest request, WebhookIntake intake, CancellationToken ct) => HandleAsync(provider, request, intake, ct))
                .WithName(registration.WebhookOperation)
                .AllowAnonymous()
                .Accepts<JsonElement>("application/json")
                .ProducesProblems(StatusCodes.Status400BadRequest);
        }
    }

    internal static async Task<Results<Ok<WebhookAcknowledgement>, ProblemHttpResult>> HandleAsync(string provider, HttpRequest request, WebhookIntake intake, CancellationToken ct)
    {
        var received = await intake.ReceiveAsync(provider, request, ct);
        return received.TryGetValue(out var acknowledgement, out var error) ? TypedResults.Ok(acknowledgement) : Problems.For(error);
    }
}
