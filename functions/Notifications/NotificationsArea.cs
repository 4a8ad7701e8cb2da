using BitcoinEvents.Notifications.Contracts;
using BitcoinEvents.Notifications.Operations;
using BitcoinEvents.Lambda;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;

namespace BitcoinEvents.Notifications;

/// <summary>The Notifications area. Each operation is one function of functions/Notifications/template.yaml whose Handler is its name.</summary>
public static class NotificationsArea
{
    public static AreaDefinition Definition { get; } = new()
    {
        Name = "Notifications",
        AddServices = builder => builder.Services.Configure<JsonOptions>(options =>
            options.SerializerOptions.TypeInfoResolverChain.Insert(0, NotificationsJsonContext.Default)),
        MapEndpoints = routes => GetNotificationsStatus.Map(routes),
        BackgroundOperations =
        [
            BackgroundOperation.Queue<OnNotificationsRequested, NotificationsRequested>(OnNotificationsRequested.Name, NotificationsJsonContext.Default.NotificationsRequested),
            BackgroundOperation.Schedule<SweepNotifications>(SweepNotifications.Name),
        ],
    };
}
