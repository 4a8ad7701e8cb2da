using System.Globalization;
using System.Text.Json.Nodes;
using BitcoinEvents.Infrastructure.Messaging;
using BitcoinEvents.Lambda;
using BitcoinEvents.TestSupport;
using BitcoinEvents.Ticketing;
using BitcoinEvents.Ticketing.Operations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Ticketing.Tests.SalesSupport;

/// <summary>
/// The Ticketing area's real app (its Program) on a fake clock, with what the platform does around
/// it: the expiry schedule run on demand, and queue messages delivered to its consumers the way the
/// Lambda runtime hands them over (an SQS event, one record per envelope).
/// </summary>
internal sealed class SalesApp(IReadOnlyDictionary<string, string> settings, FakeTimeProvider clock) : PlatformApp<Program>(settings, clock)
{
    public FakeTimeProvider Clock => clock;

    public SalesApi Api(TestUser user) => new(ClientFor(user));

    /// <summary>Runs the ExpireHolds job once (as its schedule would); how many holds and orders it expired.</summary>
    public Task<int> ExpireHoldsAsync()
    {
        using var scope = Services.CreateScope();
        return ActivatorUtilities.CreateInstance<ExpireHolds>(scope.ServiceProvider).RunAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>One SQS batch of <paramref name="envelopes"/> to the queue consumer <paramref name="operation"/>; the ids of the failed messages.</summary>
    public async Task<IReadOnlyList<string>> DeliverAsync(string operation, TimeSpan timeLeft, params DomainEventEnvelope[] envelopes)
    {
        var consumer = TicketingArea.Definition.BackgroundOperations.Single(o => o.Name == operation);
        var records = new JsonArray([.. envelopes.Select((e, i) => (JsonNode)new JsonObject
        {
            ["messageId"] = "m" + i.ToString(CultureInfo.InvariantCulture) + "-" + e.Id,
            ["receiptHandle"] = "r" + i.ToString(CultureInfo.InvariantCulture),
            ["body"] = e.ToJson(),
            ["attributes"] = new JsonObject { ["ApproximateReceiveCount"] = "1" },
            ["messageAttributes"] = new JsonObject { ["type"] = new JsonObject { ["stringValue"] = e.Type, ["dataType"] = "String" } },
            ["eventSource"] = "aws:sqs",
            ["eventSourceARN"] = "arn:aws:sqs:us-east-1:000000000000:" + operation,
        })]);
        using var invocation = new LambdaInvocation("sqs-" + Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow.Add(timeLeft));
        var response = await consumer.InvokeAsync(Services, new JsonObject { ["Records"] = records }.ToJsonString(), invocation);
        return [.. JsonNode.Parse(response)!["batchItemFailures"]!.AsArray().Select(f => f!["itemIdentifier"]!.GetValue<string>())];
    }

    public Task<IReadOnlyList<string>> DeliverAsync(string operation, params DomainEventEnvelope[] envelopes) =>
        DeliverAsync(operation, TimeSpan.FromMinutes(5), envelopes);
}
