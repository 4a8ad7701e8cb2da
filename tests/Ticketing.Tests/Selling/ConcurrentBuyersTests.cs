using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using BitcoinEvents.Domain.Messages;
using BitcoinEvents.TestSupport;
using BitcoinEvents.Ticketing.Contracts;
using Ticketing.Tests.Support;

namespace Ticketing.Tests.Selling;

/// <summary>
/// The sale the issue is judged by, against DynamoDB Local through the real app over HTTP: 256
/// buyers at once, each asking for 1 to 4 tickets again and again until told the quota of 1,000 is
/// sold out, every first attempt with a voucher limited to 50 uses. Exactly 1,000 seats are held,
/// never more; exactly 50 holds carry the voucher; a buyer is refused for lack of seats only when
/// fewer are left than asked for (a dry bucket never makes the quota look sold out). Then some holds
/// expire, some become free orders, some paid orders, some orders are never paid and expire, and
/// the arithmetic is exact per quota: free seats (the sum over buckets) + held + sold = capacity.
/// </summary>
public sealed class ConcurrentBuyersTests(TicketingFixture fx)
{
    private const int Buyers = 256;
    private const int QuotaCapacity = 1_000;
    private const int EventCapacity = 50_000;
    private const int VoucherLimit = 50;
    private const string VoucherCode = "EARLY50";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    public async Task TwoHundredFiftySixBuyers_HoldExactlyTheQuota_AndTheArithmeticStaysExact_AfterExpiryAndCheckout(int buckets)
    {
        var clock = new ShiftedClock();
        await using var app = new PlatformApp<Program>(await fx.IsolatedConfigurationAsync(), clock);
        using var organizer = app.SellingApi(fx.Organizer);
        var eventId = await app.SeedEventAsync(fx.Organizer, EventCapacity);
        var hall = await organizer.CreateQuotaAsync(eventId, "Main hall", QuotaCapacity, buckets);
        Assert.Equal(buckets, hall.Buckets);
        var free = await organizer.CreateTypeAsync(eventId, SellingApi.TicketType("Community", 0, hall.Id));
        var paid = await organizer.CreateTypeAsync(eventId, SellingApi.TicketType("Standard", 2_500, hall.Id));
        await organizer.CreateVoucherAsync(eventId, new JsonObject { ["code"] = VoucherCode, ["percentOff"] = 10, ["usageLimit"] = VoucherLimit });
        var total = (await organizer.ListQuotasAsync(eventId)).Single(q => q.IsEventTotal);
        Assert.Equal(EventCapacity, total.Capacity);

        // The rush.
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var sale = await RushAsync(app, fx.Attendee, eventId, [free.Id, paid.Id]);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{buckets} bucket(s): {sale.Holds.Count} holds, {sale.Refusals.Count} refusals for lack of seats, {sale.Contended} refusals for contention, in {watch.Elapsed.TotalSeconds:F1} s");

        Assert.Equal(QuotaCapacity, sale.Holds.Sum(h => h.Seats));
        Assert.All(sale.Refusals, r => Assert.True(r.Left < r.Asked, $"Refused {r.Asked} seats while {r.Left} were left."));
        Assert.Equal(Buyers, sale.Refusals.Count(r => r.Left == 0));
        Assert.Equal(VoucherLimit, sale.Holds.Count(h => h.Voucher));
        Assert.All(await app.BucketsAsync(hall.Id, buckets), left => Assert.Equal(0, left));
        Assert.Equal(EventCapacity - QuotaCapacity, (await app.BucketsAsync(total.Id, total.Buckets)).Sum());
        Assert.Equal(VoucherLimit, await VoucherUsesAsync(organizer, eventId));
        Assert.All(await organizer.ListTypesAsync(eventId), t => Assert.True(t.SoldOut && t.Available == 0, $"{t.Name}: {t.Available} left"));

        // A quarter of the holds run out; the rest check out. Free orders are paid at once; of the
        // paid ones, a third is never paid (the order expires), the rest are paid by Payments.
        using var buyer = app.SellingApi(fx.Attendee);
        var outcomes = new ConcurrentBag<(SaleHold Hold, OrderResponse? Order, bool Pays)>();
        await Parallel.ForEachAsync(sale.Holds.Select((h, i) => (h, i)), new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = Ct }, async (item, _) =>
        {
            var (hold, i) = item;
            if (i % 4 == 0)
            {
                outcomes.Add((hold, null, false));
                return;
            }

            var order = await buyer.CheckoutOkAsync(hold.Response);
            Assert.Equal(hold.TypeId == free.Id ? "paid" : "pending", order.Status);
            Assert.Equal(hold.Response.Total, order.Total);
            outcomes.Add((hold, order, order.Status == "pending" && i % 3 != 0));
        });

        var payments = outcomes.Where(o => o.Pays).Select(o => SellingApp.Succeeded(o.Order!.Id, "pi_" + o.Order.Id, o.Order.Total, clock.GetUtcNow())).ToArray();
        foreach (var batch in payments.Chunk(10))
        {
            Assert.Empty(await app.DeliverAsync("ApplyPaymentSucceeded", batch));
        }

        // Before the deadline nothing expires.
        Assert.Equal(0, await app.ExpireHoldsAsync());
        var sold = outcomes.Where(o => o.Order is not null && (o.Order.Status == "paid" || o.Pays)).Sum(o => o.Hold.Seats);
        var pending = outcomes.Where(o => o.Order is { Status: "pending" } && !o.Pays).Sum(o => o.Hold.Seats);
        var held = outcomes.Where(o => o.Order is null).Sum(o => o.Hold.Seats);
        Assert.Equal(QuotaCapacity, sold + pending + held);
        Assert.Equal(0, (await app.BucketsAsync(hall.Id, buckets)).Sum());

        clock.Advance(TimeSpan.FromMinutes(16));
        var expired = await app.ExpireHoldsAsync();

        Assert.Equal(outcomes.Count(o => o.Order is null || (o.Order.Status == "pending" && !o.Pays)), expired);
        Assert.Equal(0, await app.ExpireHoldsAsync());
        var hallLeft = await app.BucketsAsync(hall.Id, buckets);
        Assert.All(hallLeft, left => Assert.True(left >= 0));
        Assert.Equal(QuotaCapacity - sold, hallLeft.Sum());
        Assert.Equal(EventCapacity - sold, (await app.BucketsAsync(total.Id, total.Buckets)).Sum());
        var quotas = await organizer.ListQuotasAsync(eventId);
        Assert.Equal(QuotaCapacity - sold, quotas.Single(q => q.Id == hall.Id).Available);
        Assert.Equal(EventCapacity - sold, quotas.Single(q => q.IsEventTotal).Available);

        // What each buyer sees: expired holds, paid orders with one ticket per seat, expired orders.
        var soldWithVoucher = 0;
        foreach (var (hold, order, pays) in outcomes)
        {
            if (order is null)
            {
                Assert.Equal("expired", (await buyer.GetHoldAsync(hold.Response.Id)).Status);
                continue;
            }

            var now = await buyer.GetOrderAsync(order.Id);
            if (order.Status == "paid" || pays)
            {
                Assert.Equal("paid", now.Status);
                Assert.Equal(hold.Seats, now.TicketIds.Count);
                soldWithVoucher += hold.Voucher ? 1 : 0;
            }
            else
            {
                Assert.Equal("expired", now.Status);
                Assert.Empty(now.TicketIds);
            }
        }

        Assert.Equal(soldWithVoucher, await VoucherUsesAsync(organizer, eventId));
        TestContext.Current.TestOutputHelper?.WriteLine($"{buckets} bucket(s): whole test {watch.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>One hold a buyer got.</summary>
    private sealed record SaleHold(HoldResponse Response, string TypeId, int Seats, bool Voucher);

    /// <summary>A refusal for lack of seats: how many were asked for, and how many the answer said were left.</summary>
    private sealed record Refusal(int Asked, int Left);

    private sealed record Sale(IReadOnlyList<SaleHold> Holds, IReadOnlyList<Refusal> Refusals, int Contended);

    /// <summary>
    /// Every buyer at once, each over and over: 1 to 4 seats of a random type (with the voucher
    /// until it is used up), fewer when told fewer are left, until told none are. A refusal because
    /// others were writing the same seats at that moment (409 conflict) is retried, as a client would.
    /// </summary>
    private static async Task<Sale> RushAsync(PlatformApp<Program> app, TestUser buyer, string eventId, string[] typeIds)
    {
        var holds = new ConcurrentBag<SaleHold>();
        var refusals = new ConcurrentBag<Refusal>();
        var contended = 0;
        using var start = new SemaphoreSlim(0);
        var buyers = Enumerable.Range(0, Buyers).Select(async b =>
        {
            var random = new Random(b);
            using var api = app.SellingApi(buyer);
            await start.WaitAsync(Ct);
            var withVoucher = true;
            var max = 4;
            while (true)
            {
                var typeId = typeIds[random.Next(typeIds.Length)];
                var asked = random.Next(1, max + 1);
                using var response = await api.HoldAsync(eventId, SellingApi.HoldBody(withVoucher ? VoucherCode : null, SellingApi.Line(typeId, asked)));
                switch (response.StatusCode)
                {
                    case HttpStatusCode.Created:
                        var hold = await SellingApi.ReadAsync<HoldResponse>(response, HttpStatusCode.Created);
                        holds.Add(new SaleHold(hold, typeId, asked, hold.VoucherCode is not null));
                        break;
                    case HttpStatusCode.BadRequest when withVoucher:
                        await ApiClient.AssertValidationErrorAsync(response, "voucherCode");
                        withVoucher = false;
                        break;
                    case HttpStatusCode.Conflict:
                        var problem = await ApiClient.ReadProblemAsync(response, HttpStatusCode.Conflict);
                        if (problem["code"]!.GetValue<string>() == "conflict")
                        {
                            Interlocked.Increment(ref contended);
                            break;
                        }

                        Assert.Equal("not_enough_seats", problem["code"]!.GetValue<string>());
                        var left = problem["seatsLeft"]!.AsArray().Single()!;
                        Assert.Equal(typeId, left["ticketTypeId"]!.GetValue<string>());
                        var available = left["available"]!.GetValue<int>();
                        refusals.Add(new Refusal(asked, available));
                        if (available == 0)
                        {
                            Assert.True(problem["waitingListOpen"]!.GetValue<bool>());
                            return;
                        }

                        max = Math.Min(4, available);
                        break;
                    default:
                        Assert.Fail($"Unexpected {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
                        break;
                }
            }
        }).ToList();
        start.Release(Buyers);
        await Task.WhenAll(buyers);
        return new Sale([.. holds], [.. refusals], contended);
    }

    private static async Task<int> VoucherUsesAsync(SellingApi organizer, string eventId)
    {
        using var response = await organizer.GetAsync($"/organizer/events/{eventId}/vouchers");
        var list = await SellingApi.ReadAsync<VoucherListResponse>(response, HttpStatusCode.OK);
        return list.Items.Single(v => v.Code == VoucherCode).Used;
    }
}
