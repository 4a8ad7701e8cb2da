using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DevHost.Tests.Support;

namespace DevHost.Tests.EndToEnd;

/// <summary>
/// The README's local walkthrough, word for word: its ```bash blocks from "Create, publish and list
/// an event with curl" to "Sold out: the waiting list", run in order in one bash session against a
/// DevHost started as a newcomer starts it (in memory here, on free ports). What a newcomer should
/// see is asserted on what the commands printed: two ticket types, a QR code, the second scan
/// refused as already checked in, the sold-out 409, the waiting entry, the hold expired after
/// DevHost's clock moved on and the expiry job ran, the offer, and its checkout's ticket.
/// </summary>
public sealed class ReadmeWalkthroughTests
{
    private static readonly string[] Sections =
    [
        "Create, publish and list an event with curl",
        "A free ticket, its QR code, and the door",
        "Sold out: the waiting list",
    ];

    private static readonly string[] Variables = ["EVENT_ID", "WORKSHOP_ID", "SEAT_ID", "OFFER_ID", "WORKSHOP_TICKET_ID"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheReadmeWalkthrough_RunAsWritten_SellsTicketsAdmitsOnceAndServesTheWaitingList()
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
            await using var host = await DevHostProcess.StartAsync(TimeSpan.FromSeconds(90), Ct);
            var script = ReadmeWalkthrough.Script(blocks, host.BaseUrl, Variables);

            var run = await ReadmeWalkthrough.RunAsync(script, workingDirectory.FullName, TimeSpan.FromSeconds(60), Ct);

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
            using var http = new HttpClient { BaseAddress = host.BaseUrl };
            var listed = await http.GetFromJsonAsync<JsonObject>($"events/{variables["EVENT_ID"]}/ticket-types", Ct);
            var workshop = Assert.Single(listed!["items"]!.AsArray(), t => Text(t!, "id") == variables["WORKSHOP_ID"]);
            Assert.Equal((0, true), (workshop!["available"]!.GetValue<int>(), workshop["soldOut"]!.GetValue<bool>()));
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

    private static string Text(JsonNode node, string member) =>
        node[member]?.GetValue<string>() ?? throw new Xunit.Sdk.XunitException($"No '{member}' in {node.ToJsonString()}");
}
