using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BitcoinEvents.TestSupport;
using DevHost.Tests.Support;

namespace DevHost.Tests.EndToEnd;

/// <summary>
/// The README's local walkthrough, word for word: its ```bash blocks from "Create, publish and list
/// an event with curl" to "Sold out: the waiting list", run in order in one bash session against a
/// DevHost started as a newcomer starts it (in memory here, on free ports). What a newcomer should
/// see is asserted on what the commands printed: two ticket types, a QR code, the second scan
/// refused as already checked in, the sold-out 409, the waiting entry, the hold expired after
/// DevHost's clock moved on and the expiry job ran, the offer, and its checkout's ticket; then a
/// supporter seat paid with the fake Stripe and another with the fake BTCPay over Lightning, each
/// order paid with its ticket; and the free ticket's confirmation in the SES emulator's mailbox
/// within 5 s of its checkout, carrying the ticket's QR code as an inline image.
/// </summary>
public sealed class ReadmeWalkthroughTests
{
    private static readonly string[] Sections =
    [
        "Create, publish and list an event with curl",
        "A free ticket, its QR code, and the door",
        "Sold out: the waiting list",
        "Pay for a ticket with the local fake Stripe",
        "Pay with the fake BTCPay Server (Lightning)",
        "Read the mail the platform sends",
    ];

    private static readonly string[] Variables =
        ["EVENT_ID", "WORKSHOP_ID", "SEAT_ID", "OFFER_ID", "WORKSHOP_TICKET_ID", "TICKET_ID", "QR", "ORDER_ID", "BTC_ORDER_ID", "BOLT11"];

    /// <summary>How soon after the free ticket's checkout its confirmation must be in the mailbox.</summary>
    private static readonly TimeSpan MailWithin = TimeSpan.FromSeconds(5);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheReadmeWalkthrough_RunAsWritten_SellsTicketsAdmitsOnceServesTheWaitingListTakesPaymentsAndMails()
    {
        foreach (var (tool, install) in ReadmeWalkthrough.Tools)
        {
            Assert.True(
                ReadmeWalkthrough.Find(tool) is not null,
                $"{tool} is not installed, and the README's walkthrough uses it. Install it with: sudo {install} (.ci/run does).");
        }

        var blocks = ReadmeWalkthrough.Blocks(await File.ReadAllTextAsync(ReadmeWalkthrough.ReadmePath, Ct), Sections);
        var workingDirectory = Directory.CreateTempSubdirectory("readme-walkthrough-");
        try
        {
            await using var host = await DevHostProcess.StartAsync(["--no-web"], TimeSpan.FromSeconds(90), Ct);
            var script = ReadmeWalkthrough.Script(blocks, host.ApiUrl, Variables);

            var run = await ReadmeWalkthrough.RunAsync(script, workingDirectory.FullName, TimeSpan.FromSeconds(90), Ct);

            Assert.True(run.ExitCode == 0, $"The walkthrough stopped:{Environment.NewLine}{run.Transcript}{Environment.NewLine}--- DevHost ---{Environment.NewLine}{host.Output}");
            var variables = run.Variables();
            Assert.All(Variables, name => Assert.False(string.IsNullOrEmpty(variables[name]), $"{name} is not set:{Environment.NewLine}{run.Transcript}"));

            // Two ticket types on sale: general admission and the one-seat workshop.
            var types = Json(run, blocks, "| jq -c '.items[] | {name, available, soldOut}'");
            Assert.Equal(
                new[] { ("General admission", 120), ("Node-running workshop", 1) },
                types.Select(t => (Text(t, "name"), t["available"]!.GetValue<int>())).Order());

            // The QR code, as the PNG the walkthrough saved.
            var png = await File.ReadAllBytesAsync(Path.Combine(workingDirectory.FullName, "ticket.png"), Ct);
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);

            // The door: admitted, then already checked in, naming the first check-in's gate.
            var scans = Json(run, blocks, "for gate in north-gate south-gate").Where(v => v["result"] is not null).ToList();
            Assert.Equal(["admitted", "already_checked_in"], scans.Select(s => Text(s, "result")));
            Assert.All(scans, s => Assert.Equal("north-gate", Text(s["checkIn"]!, "deviceId")));

            // Sold out: the second attendee's hold is the 409 not_enough_seats problem, with the waiting list open.
            var soldOut = Assert.Single(Json(run, blocks, "sign_in attendee2@demo.local"), v => v["status"]?.GetValue<int>() == 409);
            Assert.Equal("not_enough_seats", Text(soldOut, "code"));
            Assert.True(soldOut["waitingListOpen"]!.GetValue<bool>());
            var left = Assert.Single(soldOut["seatsLeft"]!.AsArray());
            Assert.Equal(("Node-running workshop", 0), (Text(left!, "name"), left!["available"]!.GetValue<int>()));

            // The waiting list: joined for the workshop.
            var entry = Assert.Single(Json(run, blocks, "/waiting-list\" \\"));
            Assert.Equal(("waiting", variables["WORKSHOP_ID"]), (Text(entry, "status"), Text(entry, "ticketTypeId")));

            // The clock moved six minutes on, the expiry job ran, and the attendee's hold is expired.
            var expiry = Json(run, blocks, "/local/clock");
            Assert.Equal("PT6M", Text(expiry[0], "offset"));
            Assert.Equal("expired", Text(expiry[^1], "status"));

            // The offer on the waiting attendee's list; its checkout is a workshop ticket; the entry fulfilled.
            var offer = Json(run, blocks, "OFFER_ID=");
            Assert.Equal(("offered", variables["OFFER_ID"]), (Text(offer[0], "status"), Text(offer[0], "offerHoldId")));
            Assert.Equal(("Node-running workshop", "Adam Back", "valid"), (Text(offer[1], "typeName"), Text(offer[1], "holderName"), Text(offer[1], "status")));
            Assert.Equal("fulfilled", Text(offer[^1], "status"));

            // The seat went to the waiting attendee, not back on sale: the workshop stays sold out.
            using var http = new HttpClient { BaseAddress = host.ApiUrl };
            var listed = await http.GetFromJsonAsync<JsonObject>($"events/{variables["EVENT_ID"]}/ticket-types", Ct);
            var workshop = Assert.Single(listed!["items"]!.AsArray(), t => Text(t!, "id") == variables["WORKSHOP_ID"]);
            Assert.Equal((0, true), (workshop!["available"]!.GetValue<int>(), workshop["soldOut"]!.GetValue<bool>()));

            // Stripe: the fake's webhooks were accepted, and the order is paid with its ticket (after
            // DevHost's clock moved on: the fakes sign with that clock too).
            Assert.All(Json(run, blocks, "stripe/payments/${CHECKOUT_URL##*/}/pay")[0].AsArray(), sent => Assert.Equal(200, sent!["status"]!.GetValue<int>()));
            var stripe = Json(run, blocks, "until_paid \"$ORDER_ID\"");
            AssertPaidWithOneTicket(stripe[0]);
            Assert.Equal(("succeeded", 2500, "EUR"), (Text(stripe[1], "status"), stripe[1]["received"]!["amount"]!.GetValue<int>(), Text(stripe[1]["received"]!, "currency")));

            // BTCPay: an invoice of 50,000 sats (25.00 EUR at the fake store's 50,000 EUR/BTC) with its BOLT11;
            // the wallet pays the BOLT11; the order is paid with its ticket, the sats received.
            var invoice = Assert.Single(Json(run, blocks, "BOLT11=$(jq"));
            Assert.Equal((50_000, "BTC"), (invoice["amount"]!["amount"]!.GetValue<int>(), Text(invoice["amount"]!, "currency")));
            Assert.Equal((2500, "EUR"), (invoice["settles"]!["amount"]!.GetValue<int>(), Text(invoice["settles"]!, "currency")));
            Assert.Equal(variables["BOLT11"], Text(invoice, "lightningInvoice"));
            Assert.StartsWith("lnbcrt", variables["BOLT11"], StringComparison.Ordinal);
            var btcpay = Json(run, blocks, "until_paid \"$BTC_ORDER_ID\"");
            Assert.All(btcpay[0].AsArray(), sent => Assert.Equal(200, sent!["status"]!.GetValue<int>()));
            AssertPaidWithOneTicket(btcpay[1]);
            Assert.Equal(("succeeded", 50_000, "BTC"), (Text(btcpay[2], "status"), btcpay[2]["received"]!["amount"]!.GetValue<int>(), Text(btcpay[2]["received"]!, "currency")));
            Assert.NotEqual(variables["ORDER_ID"], variables["BTC_ORDER_ID"]);

            // The mail: the free ticket's confirmation, in the mailbox within 5 s of its checkout (the
            // mailbox stamps whole seconds, rounded down: it arrived before at + 1 s; the checkout
            // block's start is before the checkout), with the ticket's QR code as an inline PNG.
            var confirmation = Assert.Single(Json(run, blocks, "CONFIRMATION=$(curl"));
            Assert.Equal(["attendee@demo.local"], confirmation["to"]!.AsArray().Select(to => to!.GetValue<string>()));
            Assert.Equal("Your ticket for Porto Lightning Night", Text(confirmation, "subject"));
            var checkout = Assert.Single(blocks, b => b.Text.Contains("\nTICKET_ID=$(curl", StringComparison.Ordinal));
            var arrivedBefore = DateTimeOffset.FromUnixTimeSeconds(confirmation["at"]!.GetValue<long>() + 1);
            var took = arrivedBefore - run.StartOf(checkout.Index);
            Assert.True(took <= MailWithin, $"The confirmation was in the mailbox {took.TotalSeconds:F1} s after the checkout started, more than {MailWithin.TotalSeconds} s.");
            var image = Assert.Single(confirmation["qr"]!.AsArray());
            Assert.Equal(("image/png", "inline"), (Text(image!, "contentType"), Text(image!, "contentDisposition")));
            var mailed = await File.ReadAllBytesAsync(Path.Combine(workingDirectory.FullName, "mailed-ticket.png"), Ct);
            Assert.Equal(variables["QR"], QrReader.FromPng(mailed, QrDetection.FinderPatternsOrModuleGrid)?.Text);
            var html = await File.ReadAllTextAsync(Path.Combine(workingDirectory.FullName, "confirmation.html"), Ct);
            Assert.Contains("data:image/png;base64," + Convert.ToBase64String(mailed), html, StringComparison.Ordinal);
        }
        finally
        {
            workingDirectory.Delete(recursive: true);
        }
    }

    /// <summary>The JSON values printed by the one walkthrough block whose text contains <paramref name="command"/>.</summary>
    private static IReadOnlyList<JsonNode> Json(ReadmeWalkthrough.WalkthroughRun run, IReadOnlyList<ReadmeBlock> blocks, string command)
    {
        var block = Assert.Single(blocks, b => b.Text.Contains(command, StringComparison.Ordinal));
        var output = run.OutputOf(block.Index);
        try
        {
            return ReadmeWalkthrough.JsonValues(output);
        }
        catch (System.Text.Json.JsonException exception)
        {
            throw new Xunit.Sdk.XunitException($"Block {block.Index} ({block.Section}) printed something other than JSON ({exception.Message}):{Environment.NewLine}{output}");
        }
    }

    private static void AssertPaidWithOneTicket(JsonNode order)
    {
        Assert.Equal("paid", Text(order, "status"));
        Assert.Matches("^[0-9a-f]{32}$", Assert.Single(order["ticketIds"]!.AsArray())!.GetValue<string>());
    }

    private static string Text(JsonNode node, string member) =>
        node[member]?.GetValue<string>() ?? throw new Xunit.Sdk.XunitException($"No '{member}' in {node.ToJsonString()}");
}
