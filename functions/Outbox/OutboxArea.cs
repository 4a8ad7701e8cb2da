using BitcoinEvents.Infrastructure.Messaging;
using BitcoinEvents.Lambda;
using BitcoinEvents.Outbox.Operations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BitcoinEvents.Outbox;

/// <summary>
/// The Outbox area: delivers the domain events every area writes to the OutboxTable (in the same
/// transaction as their state change) to the domain events topic, from the table's stream. Each
/// operation is one function of functions/Outbox/template.yaml whose Handler is its name.
/// </summary>
public static class OutboxArea
{
    public static AreaDefinition Definition { get; } = new()
    {
        Name = "Outbox",
        AddServices = builder => builder.Services.AddOutboxArea(),
        BackgroundOperations = [BackgroundOperation.Stream<DispatchOutbox>(DispatchOutbox.Name)],
    };

    public static IServiceCollection AddOutboxArea(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSnsClient();
        // Read once per process, not per record.
        services.TryAddSingleton(sp => DomainEventsTopic.From(sp.GetRequiredService<IConfiguration>()));
        return services;
    }
}
