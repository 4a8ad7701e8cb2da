using BitcoinEvents.Payments.Contracts;
using BitcoinEvents.Payments.Operations;
using BitcoinEvents.Payments.Providers;
using BitcoinEvents.Lambda;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BitcoinEvents.Payments;

/// <summary>
/// The Payments area: payments of orders through providers (Providers/, one folder each), their
/// webhooks, refunds and reconciliation. Each operation is one function of
/// functions/Payments/template.yaml whose Handler is its name.
/// </summary>
public static class PaymentsArea
{
    public static AreaDefinition Definition { get; } = new()
    {
        Name = "Payments",
        AddServices = builder => builder.Services.AddPaymentsArea(),
        MapEndpoints = routes => GetPaymentsStatus.Map(routes),
        BackgroundOperations =
        [
            BackgroundOperation.Queue<OnPaymentsRequested, PaymentsRequested>(OnPaymentsRequested.Name, PaymentsJsonContext.Default.PaymentsRequested),
            BackgroundOperation.Schedule<SweepPayments>(SweepPayments.Name),
        ],
    };

    public static IServiceCollection AddPaymentsArea(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.Configure<JsonOptions>(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, PaymentsJsonContext.Default));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ProviderSettings>();
        foreach (var registration in PaymentProviderRegistrations.All)
        {
            registration.AddServices(services);
        }

        services.TryAddSingleton<PaymentProviderRegistry>();
        return services;
    }
}
