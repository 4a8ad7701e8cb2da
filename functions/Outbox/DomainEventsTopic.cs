using Microsoft.Extensions.Configuration;

namespace BitcoinEvents.Outbox;

/// <summary>The topic every domain event is published to (<c>DOMAIN_EVENTS_TOPIC_ARN</c>).</summary>
public sealed record DomainEventsTopic(string Arn)
{
    public const string ArnSetting = "DOMAIN_EVENTS_TOPIC_ARN";

    public static DomainEventsTopic From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var arn = configuration[ArnSetting];
        return string.IsNullOrWhiteSpace(arn)
            ? throw new InvalidOperationException($"{ArnSetting} is not set.")
            : new DomainEventsTopic(arn);
    }
}
