using BitcoinEvents.Domain.Events;
using BitcoinEvents.Events.Contracts;
using BitcoinEvents.Events.Operations;
using BitcoinEvents.Events.Storage;
using BitcoinEvents.Events.Changes;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Infrastructure.Messaging;
using BitcoinEvents.Lambda;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BitcoinEvents.Events;

/// <summary>
/// The Events area: the events catalog. Each operation is one function in template.yaml whose
/// Handler is the endpoint's (or job's) name.
/// </summary>
public static class EventsArea
{
    public static AreaDefinition Definition { get; } = new()
    {
        Name = "Events",
        AddServices = builder => builder.Services.AddEventsArea(),
        MapEndpoints = routes => routes.MapEventsApi(),
        BackgroundOperations = [BackgroundOperation.Schedule<CompleteEndedEvents>(CompleteEndedEvents.Name)],
    };

    public static IServiceCollection AddEventsArea(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.Configure<JsonOptions>(options =>
            options.SerializerOptions.TypeInfoResolverChain.Insert(0, EventsJsonContext.Default));
        // Every {eventId} is checked by the platform: one that can't exist is a 404 before any handler runs.
        services.AddResourceId("eventId", EventAccess.Resource, EventIds.IsWellFormed, EventIds.Pattern);
        services.TryAddSingleton<EventStore>();
        services.AddOutbox();
        services.TryAddSingleton<EventMessages>();
        services.TryAddTransient<CompleteEndedEvents>();
        return services;
    }

    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder routes)
    {
        CreateEvent.Map(routes);
        UpdateEvent.Map(routes);
        PublishEvent.Map(routes);
        CancelEvent.Map(routes);
        GetEvent.Map(routes);
        ListEvents.Map(routes);
        ListOrganizerEvents.Map(routes);
        GetOrganizerEvent.Map(routes);
        CreateCoverImageUpload.Map(routes);
        return routes;
    }
}
