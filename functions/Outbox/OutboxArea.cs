using BitcoinEvents.Outbox.Contracts;
using BitcoinEvents.Outbox.Operations;
using BitcoinEvents.Lambda;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;

namespace BitcoinEvents.Outbox;

/// <summary>The Outbox area. Each operation is one function of functions/Outbox/template.yaml whose Handler is its name.</summary>
public static class OutboxArea
{
    public static AreaDefinition Definition { get; } = new()
    {
        Name = "Outbox",
        AddServices = builder => builder.Services.Configure<JsonOptions>(options =>
            options.SerializerOptions.TypeInfoResolverChain.Insert(0, OutboxJsonContext.Default)),
        MapEndpoints = routes => GetOutboxStatus.Map(routes),
        BackgroundOperations =
        [
            BackgroundOperation.Queue<OnOutboxRequested, OutboxRequested>(OnOutboxRequested.Name, OutboxJsonContext.Default.OutboxRequested),
            BackgroundOperation.Schedule<SweepOutbox>(SweepOutbox.Name),
        ],
    };
}
