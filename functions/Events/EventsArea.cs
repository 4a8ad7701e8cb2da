using BitcoinEvents.Domain.Events;
using BitcoinEvents.Events.Contracts;
using BitcoinEvents.Events.Operations;
using BitcoinEvents.Events.Storage;
using BitcoinEvents.Events.Changes;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Infrastructure.Messaging;
using BitcoinEvents.Lambda;
using Microsoft.AspNetCore.Http.Json;
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
        // In Lambda a function maps only its own operation (its Handler); other hosts map them all.
        HttpOperations =
        [
            new(CreateEvent.Name, CreateEvent.Map),
            new(UpdateEvent.Name, UpdateEvent.Map),
            new(PublishEvent.Name, PublishEvent.Map),
            new(CancelEvent.Name, CancelEvent.Map),
            new(GetEvent.Name, GetEvent.Map),
            new(ListEvents.Name, ListEvents.Map),
            new(ListOrganizerEvents.Name, ListOrganizerEvents.Map),
            new(GetOrganizerEvent.Name, GetOrganizerEvent.Map),
            new(CreateCoverImageUpload.Name, CreateCoverImageUpload.Map),
        ],
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
}
