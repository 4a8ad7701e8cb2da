using System.Net;
using BitcoinEvents.Domain.Payments;
using BitcoinEvents.Payments.Providers;
using BitcoinEvents.Payments.Storage;
using Microsoft.Extensions.Configuration;
using Payments.Tests.Support;
using MoneyAmount = BitcoinEvents.Domain.Money.Money;

namespace Payments.Tests.Storage;

/// <summary>The payments table on DynamoDB Local: what a provider asked to remember comes back to it, and never goes to the buyer.</summary>
public sealed class PaymentStoreTests(PaymentsPlatform platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ProviderData_SurvivesTheTable_AndLaterChanges_ButIsNotInTheBuyersView()
    {
        var store = new PaymentStore(platform.Dynamo(), new PaymentsTable(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["PAYMENTS_TABLE"] = platform.TableName("PaymentsTable") }).Build()));
        var now = DateTimeOffset.UtcNow;
        var orderId = Guid.NewGuid().ToString("N");
        var created = Payment.Create(PaymentIds.ForOrder(orderId, "stripe"), orderId, "event-1", platform.Attendee.Sub, "stripe", new MoneyAmount(2500, "EUR"), null, now.AddMinutes(15), now);
        var started = created.Started("cs_test_" + orderId, null, now, new Dictionary<string, string> { ["refundAddress"] = "bc1q-remembered-" + orderId });
        Assert.True(await store.ReplaceAsync(started, null, new PaymentInstructions { Kind = "redirect", Url = "https://checkout.example/" + orderId }, [], Ct));

        var read = (await store.GetAsync(started.Id, consistent: true, Ct))!.Payment;
        Assert.Equal("bc1q-remembered-" + orderId, read.ProviderData["refundAddress"]);

        var paid = read.Apply(new PaymentObservation.Received("pi_" + orderId, new MoneyAmount(2500, "EUR"), now), now).Payment;
        Assert.True(await store.ReplaceAsync(paid, read.Version, null, [], Ct));
        Assert.Equal("bc1q-remembered-" + orderId, (await store.GetAsync(started.Id, consistent: true, Ct))!.Payment.ProviderData["refundAddress"]);

        using var buyer = platform.ClientFor(platform.Attendee);
        var response = await buyer.GetAsync(BitcoinEvents.Payments.Operations.GetPayment.PathOf(started.Id));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("bc1q-remembered", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
