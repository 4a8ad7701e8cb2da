using Amazon;
using Amazon.KeyManagementService;
using BitcoinEvents.Tickets.Signing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BitcoinEvents.Tickets;

/// <summary>
/// Wiring of the ticket keys from configuration, once per process:
/// <list type="bullet">
/// <item><c>TICKET_SIGNING_KEY_ID</c> (AWS): the KMS key that signs (key ARN, key id or alias), with
/// <c>TICKET_VERIFYING_KEY_IDS</c>, a comma-separated list of previous KMS keys that still verify;</item>
/// <item><c>TICKET_SIGNING_KEYS</c> (DevHost, tests): a JWK Set of P-256 keys held in the process,
/// the first one private and signing.</item>
/// </list>
/// Exactly one of the two must be set; the check runs when the keys are first resolved.
/// </summary>
public static class TicketSigning
{
    public const string SigningKeyIdSetting = "TICKET_SIGNING_KEY_ID";
    public const string VerifyingKeyIdsSetting = "TICKET_VERIFYING_KEY_IDS";
    public const string LocalKeysSetting = "TICKET_SIGNING_KEYS";
    public const string RegionSetting = "AWS_REGION";

    /// <summary>Registers <see cref="ITicketSigner"/>, <see cref="ITicketKeyRing"/> and <see cref="TicketVerifier"/>.</summary>
    public static IServiceCollection AddTicketSigning(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(CreateKeys);
        services.TryAddSingleton<ITicketSigner>(sp => sp.GetRequiredService<TicketKeys>().Signer);
        services.TryAddSingleton<ITicketKeyRing>(sp => sp.GetRequiredService<TicketKeys>().Ring);
        services.TryAddSingleton<TicketVerifier>();
        return services;
    }

    /// <summary>The keys configuration names: <see cref="KmsTicketKeys"/> or <see cref="LocalTicketKeys"/>.</summary>
    public static TicketKeys CreateKeys(IConfiguration configuration, TimeProvider clock, Func<IAmazonKeyManagementService> kms)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(kms);
        var kmsKey = configuration[SigningKeyIdSetting];
        var localKeys = configuration[LocalKeysSetting];
        if (!string.IsNullOrWhiteSpace(kmsKey) && !string.IsNullOrWhiteSpace(localKeys))
        {
            throw new InvalidOperationException($"Set {SigningKeyIdSetting} (KMS) or {LocalKeysSetting} (local keys), not both.");
        }

        if (!string.IsNullOrWhiteSpace(kmsKey))
        {
            var previous = (configuration[VerifyingKeyIdsSetting] ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var keys = new KmsTicketKeys(kms(), kmsKey, previous, clock);
            return new TicketKeys(keys, keys);
        }

        if (!string.IsNullOrWhiteSpace(localKeys))
        {
            var keys = LocalTicketKeys.FromJwkSet(localKeys, clock);
            return new TicketKeys(keys, keys);
        }

        throw new InvalidOperationException($"Ticket signing is not configured: set {SigningKeyIdSetting} (a KMS key) or {LocalKeysSetting} (a local JWK Set).");
    }

    private static TicketKeys CreateKeys(IServiceProvider services)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        return CreateKeys(
            configuration,
            services.GetRequiredService<TimeProvider>(),
            () => services.GetService<IAmazonKeyManagementService>() ?? CreateKmsClient(configuration));
    }

    private static AmazonKeyManagementServiceClient CreateKmsClient(IConfiguration configuration)
    {
        var config = new AmazonKeyManagementServiceConfig();
        if (configuration[RegionSetting] is { Length: > 0 } region)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        return new AmazonKeyManagementServiceClient(config);
    }
}

/// <summary>The signer and the ring of one configuration (one object behind both).</summary>
public sealed record TicketKeys(ITicketSigner Signer, ITicketKeyRing Ring);
