using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Ticketing.Contracts;
using BitcoinEvents.Ticketing.Selling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BitcoinEvents.Ticketing.Operations;

/// <summary>GET /events/{eventId}/ticketing-settings, anonymous: how long a hold lasts and the refund policy buyers agree to.</summary>
public static class GetTicketingSettings
{
    public const string Name = nameof(GetTicketingSettings);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/events/{eventId}/ticketing-settings", HandleAsync)
            .WithName(Name)
            .AllowAnonymous()
            .ProducesProblems(StatusCodes.Status404NotFound);

    internal static async Task<Results<Ok<TicketingSettingsResponse>, ProblemHttpResult>> HandleAsync(string eventId, Organizing organizing, CancellationToken ct)
    {
        var settings = await organizing.SettingsForPublicAsync(eventId, ct);
        return settings.IsSuccess
            ? TypedResults.Ok(TicketingSettingsResponse.From(eventId, settings.Value))
            : Problems.For(settings.Error);
    }
}
