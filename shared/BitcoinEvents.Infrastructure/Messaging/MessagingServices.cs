using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BitcoinEvents.Infrastructure.Messaging;

/// <summary>
/// Registration of the messaging services, by the areas that use them (not by the platform's
/// defaults: a function that publishes nothing pays nothing for them at start).
/// </summary>
public static class MessagingServices
{
    /// <summary>The producer's <see cref="Outbox"/> (reads <c>OUTBOX_TABLE</c>).</summary>
    public static IServiceCollection AddOutbox(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<Outbox>();
        return services;
    }

    /// <summary>One <see cref="SnsClient"/> per process, built on first use from configuration.</summary>
    public static IServiceCollection AddSnsClient(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(sp => SnsClient.Create(sp.GetRequiredService<IConfiguration>()));
        return services;
    }
}
