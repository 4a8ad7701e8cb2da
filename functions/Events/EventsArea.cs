using BitcoinEvents.Events.Contracts;
using BitcoinEvents.Events.Operations;
using BitcoinEvents.Events.Storage;
using BitcoinEvents.Infrastructure.Http;
using BitcoinEvents.Lambda;
using Microsoft.AspNetCore.Builder;
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
        AddServices = builder => builder.AddEventsArea(),
        MapHttp = app =>
        {
            app.UsePlatformHttp();
            app.MapEventsApi();
        },
        BackgroundOperations = [BackgroundOperation.Schedule<CompleteEndedEvents>(CompleteEndedEvents.Name)],
    };

    public static WebApplicationBuilder AddEventsArea(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddPlatformHttp();
        builder.Services.Configure<JsonOptions>(options =>
            options.SerializerOptions.TypeInfoResolverChain.Insert(0, EventsJsonContext.Default));
        builder.Services.TryAddSingleton<EventStore>();
        builder.Services.TryAddTransient<CompleteEndedEvents>();
        return builder;
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
