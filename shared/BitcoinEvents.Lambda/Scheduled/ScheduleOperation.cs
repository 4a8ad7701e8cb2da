using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace BitcoinEvents.Lambda;

/// <summary>Runs a scheduled job in its own DI scope; its exceptions fail the invocation.</summary>
internal sealed class ScheduleOperation<
    [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TJob>(string name)
    : BackgroundOperation(name, BackgroundOperationKind.Schedule)
    where TJob : class, IScheduledJob
{
    public override async Task<string> InvokeAsync(IServiceProvider services, string eventJson, LambdaInvocation invocation)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(invocation);
        var scheduledEvent = JsonSerializer.Deserialize(eventJson, LambdaJsonContext.Default.ScheduledEvent)
            ?? throw new JsonException("The event is not a scheduled event.");

        await using var scope = services.CreateAsyncScope();
        var job = ActivatorUtilities.GetServiceOrCreateInstance<TJob>(scope.ServiceProvider);
        await job.RunAsync(scheduledEvent, invocation.CancellationToken);
        return "{}";
    }
}
