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

namespace BitcoinEvents.Ticketing.Operations;

/// <summary>PATCH /events/{eventId}/ticketing-settings: hold length, refund policy, offer length.</summary>
public static class UpdateTicketingSettings
{
    public const string Name = nameof(UpdateTicketingSettings);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapPatch("/events/{eventId}/ticketing-settings", HandleAsync)
            .WithName(Name)
            .RequireAuthorization()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

    internal static async Task<Results<Ok<TicketingSettingsResponse>, ProblemHttpResult>> HandleAsync(
        string eventId, TicketingSettingsInput? body, Caller caller, Organizing organizing, SetupStore setups, CancellationToken ct)
    {
        var managed = await organizing.ForOrganizerAsync(eventId, caller, ct);
        if (!managed.IsSuccess)
        {
            return Problems.For(managed.Error);
        }

        var current = managed.Value.Setup.Settings;
        var updated = current.Update(body ?? new TicketingSettingsInput());
        if (!updated.IsSuccess)
        {
            return Problems.For(updated.Error);
        }

        return await setups.PutSettingsAsync(eventId, updated.Value, current.Version, ct)
            ? TypedResults.Ok(TicketingSettingsResponse.From(eventId, updated.Value))
            : Problems.For(new Conflict("The settings changed meanwhile; read them again and reapply the change."));
    }
}
