using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using BitcoinEvents.Infrastructure.Messaging;
using BitcoinEvents.TestSupport;
using Jose;
using Ticketing.Tests.Support;

namespace Ticketing.Tests.Tickets;

/// <summary>
/// Issued tickets as their holders see them: listed, read, drawn as QR images that decode to the
/// signed token, verified by a door scanner's JOSE library against the JWKS route; reassigned (the
/// old QR stops scanning) and voided (it stops scanning at all). Nobody else sees them.
/// </summary>
public sealed class TicketTests(TicketingFixture platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FreeOrder_IssuesSignedTickets_ListedAndReadByTheirHolderOnly()
    {
        var (eventId, ticketIds) = await BuyAsync("Alice Moore", "Bob Stone");
        using var attendee = platform.App.Api(platform.Attendee);

        var mine = await attendee.GetJsonAsync("/me/tickets?limit=100");
        var listed = mine["items"]!.AsArray().Where(t => ticketIds.Contains((string)t!["id"]!)).ToList();
        Assert.Equal(2, listed.Count);
        Assert.All(listed, t =>
        {
            Assert.Equal(eventId, (string?)t!["eventId"]);
            Assert.Equal("valid", (string?)t["status"]);
            Assert.Equal(1, (int)t["revision"]!);
            Assert.Equal(3, ((string)t["token"]!).Split('.').Length);
        });
        Assert.Equal(["Alice Moore", "Bob Stone"], listed.Select(t => (string)t!["holderName"]!).Order());

        var ticket = await attendee.GetJsonAsync($"/tickets/{ticketIds[0]}");
        Assert.Equal((string?)listed.Single(t => (string)t!["id"]! == ticketIds[0])!["token"], (string?)ticket["token"]);

        // The event's organizer sees the ticket, not its QR token (the key to the door stays with its holder).
        using var organizer = platform.App.Api(platform.Organizer);
        var seen = await organizer.GetJsonAsync($"/tickets/{ticketIds[0]}");
        Assert.Equal(ticketIds[0], (string?)seen["id"]);
        Assert.Null(seen["token"]);

        using var admin = platform.App.Api(platform.Admin);
        Assert.Equal((string?)ticket["token"], (string?)(await admin.GetJsonAsync($"/tickets/{ticketIds[0]}"))["token"]);

        foreach (var stranger in new[] { platform.OtherOrganizer, platform.Staff })
        {
            using var api = platform.App.Api(stranger);
            await TicketingApi.AssertStatusAsync(await api.GetAsync($"/tickets/{ticketIds[0]}"), HttpStatusCode.NotFound);
            Assert.DoesNotContain((await api.GetJsonAsync("/me/tickets"))["items"]!.AsArray(), t => ticketIds.Contains((string)t!["id"]!));
        }
    }

    [Fact]
    public async Task OrderPaid_CarriesEachTicketsToken_TheSameAsStored()
    {
        var (_, ticketIds) = await BuyAsync("Carol Lee");
        using var attendee = platform.App.Api(platform.Attendee);
        var ticket = await attendee.GetJsonAsync($"/tickets/{ticketIds[0]}");

        var paid = await OutboxDataAsync(DomainEventIds.From("ticketing", "OrderPaid", (string)ticket["orderId"]!));

        var issued = Assert.Single(paid["tickets"]!.AsArray());
        Assert.Equal(ticketIds[0], (string?)issued!["ticketId"]);
        Assert.Equal((string?)ticket["token"], (string?)issued["qrToken"]);
    }

    [Fact]
    public async Task QrCode_AsPngAndSvg_DecodesToTheTicketsToken_CachedPrivately()
    {
        var (_, ticketIds) = await BuyAsync("Dave Kim");
        using var attendee = platform.App.Api(platform.Attendee);
        var token = (string)(await attendee.GetJsonAsync($"/tickets/{ticketIds[0]}"))["token"]!;
        var path = $"/tickets/{ticketIds[0]}/qr";

        using var png = await attendee.GetWithAcceptAsync(path, null);
        await TicketingApi.AssertStatusAsync(png, HttpStatusCode.OK);
        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
        Assert.True(png.Headers.CacheControl is { Private: true, Public: false }, $"Cache-Control: {png.Headers.CacheControl}");
        Assert.Equal(token, QrReader.FromPng(await png.Content.ReadAsByteArrayAsync(Ct), QrDetection.FinderPatternsOrModuleGrid)?.Text);

        using var svg = await attendee.GetWithAcceptAsync(path + "?format=svg", null);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        Assert.Equal(token, QrReader.FromSvg(await svg.Content.ReadAsStringAsync(Ct), scale: 4, QrDetection.FinderPatternsOrModuleGrid)?.Text);

        using var bySvgAccept = await attendee.GetWithAcceptAsync(path, "image/svg+xml, image/png;q=0.5");
        Assert.Equal("image/svg+xml", bySvgAccept.Content.Headers.ContentType?.MediaType);
        using var byPngAccept = await attendee.GetWithAcceptAsync(path, "image/png, image/svg+xml;q=0.5");
        Assert.Equal("image/png", byPngAccept.Content.Headers.ContentType?.MediaType);

        // The same image until the ticket changes: a revalidation costs nothing.
        var etag = png.Headers.ETag!;
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.IfNoneMatch.Add(etag);
        using var notModified = await attendee.Client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        await TicketingApi.AssertValidationErrorAsync(await attendee.GetAsync(path + "?format=gif"), "format");

        using var organizer = platform.App.Api(platform.Organizer);
        await TicketingApi.AssertStatusAsync(await organizer.GetAsync(path), HttpStatusCode.Forbidden);
        using var stranger = platform.App.Api(platform.OtherOrganizer);
        await TicketingApi.AssertStatusAsync(await stranger.GetAsync(path), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Token_VerifiesWithAnIndependentJoseLibraryAgainstTheJwksRoute_ATamperedOneDoesNot()
    {
        var (eventId, ticketIds) = await BuyAsync("Erin Hale");
        using var attendee = platform.App.Api(platform.Attendee);
        var token = (string)(await attendee.GetJsonAsync($"/tickets/{ticketIds[0]}"))["token"]!;

        using var anonymous = platform.App.Api(null);
        using var jwksResponse = await anonymous.GetAsync("/ticket-keys");
        await TicketingApi.AssertStatusAsync(jwksResponse, HttpStatusCode.OK);
        Assert.Equal("application/jwk-set+json", jwksResponse.Content.Headers.ContentType?.MediaType);
        Assert.True(jwksResponse.Headers.CacheControl is { Public: true, MaxAge: { } age } && age > TimeSpan.Zero, $"Cache-Control: {jwksResponse.Headers.CacheControl}");
        var jwks = await jwksResponse.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("\"d\"", jwks, StringComparison.Ordinal);

        var claims = JsonNode.Parse(ScannerDecode(token, jwks))!;
        Assert.Equal(ticketIds[0], (string?)claims["tid"]);
        Assert.Equal(eventId, (string?)claims["eid"]);
        Assert.Equal(1, (int)claims["rev"]!);
        Assert.Equal("Erin Hale", (string?)claims["nam"]);

        var parts = token.Split('.');
        var forgedPayload = Encoding.UTF8.GetString(Base64Url.Decode(parts[1])).Replace("Erin Hale", "Mallory X", StringComparison.Ordinal);
        var forged = $"{parts[0]}.{Base64Url.Encode(Encoding.UTF8.GetBytes(forgedPayload))}.{parts[2]}";
        Assert.Throws<IntegrityException>(() => ScannerDecode(forged, jwks));

        // At the door too: refused with a stable code, and nothing checked in.
        using var organizer = platform.App.Api(platform.Organizer);
        var answer = await organizer.CheckInAsync(eventId, TicketingApi.Scan(forged));
        Assert.Equal("refused", (string?)answer["result"]);
        Assert.Equal("bad_signature", (string?)answer["code"]);
        Assert.Empty((await attendee.GetJsonAsync($"/tickets/{ticketIds[0]}"))["checkIns"]!.AsArray());
    }

    [Fact]
    public async Task Reassign_GivesANewToken_TheOldOneIsRefusedAsSuperseded_TheNewOneAdmitted()
    {
        var (eventId, ticketIds) = await BuyAsync("Frank Oak");
        using var attendee = platform.App.Api(platform.Attendee);
        var old = (string)(await attendee.GetJsonAsync($"/tickets/{ticketIds[0]}"))["token"]!;

        var key = TicketingApi.NewKey();
        var reassigned = await attendee.OkAsync(HttpMethod.Post, $"/tickets/{ticketIds[0]}/reassign", new JsonObject { ["holderName"] = "Grace Park" }, key);
        var replayed = await attendee.OkAsync(HttpMethod.Post, $"/tickets/{ticketIds[0]}/reassign", new JsonObject { ["holderName"] = "Grace Park" }, key);

        Assert.Equal("Grace Park", (string?)reassigned["holderName"]);
        Assert.Equal(2, (int)reassigned["revision"]!);
        var fresh = (string)reassigned["token"]!;
        Assert.NotEqual(old, fresh);
        Assert.Equal(fresh, (string?)replayed["token"]);
        Assert.Equal(fresh, (string?)(await attendee.GetJsonAsync($"/tickets/{ticketIds[0]}"))["token"]);

        var message = await OutboxDataAsync(DomainEventIds.From("ticketing", "TicketReassigned", ticketIds[0], "2"));
        Assert.Equal("Frank Oak", (string?)message["previousHolderName"]);
        Assert.Equal("Grace Park", (string?)message["holderName"]);
        Assert.Equal(fresh, (string?)message["qrToken"]);

        using var organizer = platform.App.Api(platform.Organizer);
        var refused = await organizer.CheckInAsync(eventId, TicketingApi.Scan(old));
        Assert.Equal("refused", (string?)refused["result"]);
        Assert.Equal("superseded", (string?)refused["code"]);
        var admitted = await organizer.CheckInAsync(eventId, TicketingApi.Scan(fresh));
        Assert.Equal("admitted", (string?)admitted["result"]);
        Assert.Equal("Grace Park", (string?)admitted["ticket"]!["holderName"]);

        // Once in, the ticket stays in its holder's name.
        var late = await attendee.SendAsync(HttpMethod.Post, $"/tickets/{ticketIds[0]}/reassign", new JsonObject { ["holderName"] = "Heidi Roe" }, TicketingApi.NewKey());
        Assert.Equal("invalid_state_transition", (string?)(await TicketingApi.ReadProblemAsync(late, HttpStatusCode.Conflict))["code"]);
    }

    [Fact]
    public async Task Reassign_ByAnyoneButTheHolder_IsRefused_AndChangesNothing()
    {
        var (_, ticketIds) = await BuyAsync("Ivan Pike");
        var body = new JsonObject { ["holderName"] = "Mallory" };
        using var organizer = platform.App.Api(platform.Organizer);
        await TicketingApi.ReadProblemAsync(await organizer.SendAsync(HttpMethod.Post, $"/tickets/{ticketIds[0]}/reassign", body, TicketingApi.NewKey()), HttpStatusCode.Forbidden);
        using var stranger = platform.App.Api(platform.OtherOrganizer);
        await TicketingApi.ReadProblemAsync(await stranger.SendAsync(HttpMethod.Post, $"/tickets/{ticketIds[0]}/reassign", body, TicketingApi.NewKey()), HttpStatusCode.NotFound);

        using var attendee = platform.App.Api(platform.Attendee);
        var ticket = await attendee.GetJsonAsync($"/tickets/{ticketIds[0]}");
        Assert.Equal("Ivan Pike", (string?)ticket["holderName"]);
        Assert.Equal(1, (int)ticket["revision"]!);
    }

    [Fact]
    public async Task Void_StopsTheTicketScanning_AndHidesItsQrCode()
    {
        var (eventId, ticketIds) = await BuyAsync("Judy Fox");
        using var attendee = platform.App.Api(platform.Attendee);
        var token = (string)(await attendee.GetJsonAsync($"/tickets/{ticketIds[0]}"))["token"]!;
        var path = $"/events/{eventId}/tickets/{ticketIds[0]}/void";

        await TicketingApi.ReadProblemAsync(await attendee.SendAsync(HttpMethod.Post, path, new JsonObject { ["reason"] = "mine" }, TicketingApi.NewKey()), HttpStatusCode.NotFound);
        using var stranger = platform.App.Api(platform.OtherOrganizer);
        await TicketingApi.ReadProblemAsync(await stranger.SendAsync(HttpMethod.Post, path, new JsonObject { ["reason"] = "theirs" }, TicketingApi.NewKey()), HttpStatusCode.NotFound);

        using var organizer = platform.App.Api(platform.Organizer);
        await TicketingApi.AssertValidationErrorAsync(await organizer.SendAsync(HttpMethod.Post, path, new JsonObject(), TicketingApi.NewKey()), "reason");
        var voided = await organizer.OkAsync(HttpMethod.Post, path, new JsonObject { ["reason"] = "Resold on a forum" }, TicketingApi.NewKey());
        Assert.Equal("void", (string?)voided["status"]);
        Assert.Equal("Resold on a forum", (string?)voided["voidReason"]);

        var answer = await organizer.CheckInAsync(eventId, TicketingApi.Scan(token));
        Assert.Equal("refused", (string?)answer["result"]);
        Assert.Equal("void", (string?)answer["code"]);
        Assert.Contains("Resold on a forum", (string?)answer["message"], StringComparison.Ordinal);

        var mine = await attendee.GetJsonAsync($"/tickets/{ticketIds[0]}");
        Assert.Equal("void", (string?)mine["status"]);
        Assert.Null(mine["token"]);
        await TicketingApi.ReadProblemAsync(await attendee.GetAsync($"/tickets/{ticketIds[0]}/qr"), HttpStatusCode.Conflict);
        await TicketingApi.ReadProblemAsync(await organizer.SendAsync(HttpMethod.Post, path, new JsonObject { ["reason"] = "again" }, TicketingApi.NewKey()), HttpStatusCode.Conflict);
    }

    /// <summary>A published event of the organizer with a free type; the attendee's tickets for <paramref name="holders"/>.</summary>
    private async Task<(string EventId, IReadOnlyList<string> TicketIds)> BuyAsync(params string[] holders)
    {
        var eventId = await platform.SeedPublishedEventAsync(platform.Organizer);
        using var organizer = platform.App.Api(platform.Organizer);
        var typeId = await organizer.CreateFreeTypeAsync(eventId);
        using var attendee = platform.App.Api(platform.Attendee);
        return (eventId, await attendee.BuyFreeAsync(eventId, typeId, holders));
    }

    private async Task<JsonNode> OutboxDataAsync(string eventId)
    {
        using var dynamo = platform.Servers.CreateDynamoDbClient();
        var item = (await dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = platform.Configuration[Outbox.TableSetting],
            Key = new Dictionary<string, AttributeValue> { [OutboxItems.Key] = new() { S = eventId } },
            ConsistentRead = true,
        }, Ct)).Item;
        Assert.True(item is { Count: > 0 }, $"No outbox item {eventId}.");
        return JsonNode.Parse(item[OutboxItems.Envelope].S)!["data"]!;
    }

    // A door scanner: the JWKS it downloaded, the key named by the token's kid, ES256 pinned.
    private static string ScannerDecode(string jws, string jwksJson)
    {
        var set = JwkSet.FromJson(jwksJson, JWT.DefaultSettings.JsonMapper);
        var kid = JWT.Headers(jws)["kid"] as string;
        var key = set.Keys.FirstOrDefault(k => k.KeyId == kid) ?? throw new KeyNotFoundException($"No key {kid} in the JWKS.");
        return JWT.Decode(jws, key, JwsAlgorithm.ES256);
    }
}
