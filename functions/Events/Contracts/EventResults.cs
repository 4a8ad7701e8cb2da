using BitcoinEvents.Domain.Events;
using BitcoinEvents.Infrastructure.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BitcoinEvents.Events.Contracts;

/// <summary>How an operation answers with one event: 200 with the event and its ETag.</summary>
internal static class EventResults
{
    public static Ok<EventResponse> Ok(Event e, HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.ETag = ETags.ForVersion(e.Version);
        return TypedResults.Ok(EventResponse.From(e));
    }
}
