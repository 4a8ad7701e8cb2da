using System.Net;
using System.Text.Json.Nodes;
using Ticketing.Tests.Support;

namespace Ticketing.Tests.CheckIns;

/// <summary>
/// The door: staff assigned to the event scan QR codes; the first scan checks in, a second says
/// when, where and by whom; a retried scan gets its first answer; offline scans uploaded in a batch
/// get one answer each, the earliest scan winning; the organizer sees the counts.
/// </summary>
public sealed class CheckInTests(TicketingFixture platform)
{
    [Fact]
    public async Task SecondScan_IsAlreadyCheckedIn_WithWhenWhereAndByWhom()
    {
        var door = await OpenDoorAsync("Alice Moore");
        using var staff = platform.App.Api(platform.Staff);

        var first = await staff.CheckInAsync(door.EventId, TicketingApi.Scan(door.Tokens[0], deviceId: "north-gate"));
        var second = await staff.CheckInAsync(door.EventId, TicketingApi.Scan(door.Tokens[0], deviceId: "south-gate"));

        Assert.Equal("admitted", (string?)first["result"]);
        Assert.Equal("admitted", (string?)first["code"]);
        Assert.Equal("Alice Moore", (string?)first["ticket"]!["holderName"]);
        var checkIn = first["checkIn"]!;
        Assert.Equal("event", (string?)checkIn["session"]);
        Assert.Equal("north-gate", (string?)checkIn["deviceId"]);
        Assert.Equal(platform.Staff.Sub, (string?)checkIn["staffId"]);
        Assert.True(DateTimeOffset.UtcNow - checkIn["at"]!.GetValue<DateTimeOffset>() < TimeSpan.FromMinutes(1));

        Assert.Equal("already_checked_in", (string?)second["result"]);
        Assert.Equal("already_checked_in", (string?)second["code"]);
        Assert.False((bool)second["replayed"]!);
        Assert.Equal(checkIn.ToJsonString(), second["checkIn"]!.ToJsonString());
        Assert.Contains("north-gate", (string?)second["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task SameScanIdRetried_GetsTheFirstAnswer_AndTheCountsDoNotMove_ReusedForAnotherScanIs422()
    {
        var door = await OpenDoorAsync("Bob Stone", "Carol Lee");
        using var staff = platform.App.Api(platform.Staff);
        using var organizer = platform.App.Api(platform.Organizer);
        var scan = TicketingApi.Scan(door.Tokens[0]);

        var first = await staff.CheckInAsync(door.EventId, scan);
        var counts = await organizer.GetJsonAsync($"/organizer/events/{door.EventId}/check-ins");
        var retried = await staff.CheckInAsync(door.EventId, scan);

        Assert.True((bool)retried["replayed"]!);
        retried["replayed"] = false;
        Assert.Equal(first.ToJsonString(), retried.ToJsonString());
        var after = await organizer.GetJsonAsync($"/organizer/events/{door.EventId}/check-ins");
        Assert.Equal(1, (long)after["checkedIn"]!);
        Assert.Equal(2, (int)after["issued"]!);
        Assert.Equal(counts["sessions"]!.ToJsonString(), after["sessions"]!.ToJsonString());

        var reused = TicketingApi.Scan(door.Tokens[1], scanId: (string)scan["scanId"]!);
        using var response = await staff.SendAsync(HttpMethod.Post, $"/events/{door.EventId}/check-ins", reused);
        Assert.Equal("unprocessable", (string?)(await TicketingApi.ReadProblemAsync(response, HttpStatusCode.UnprocessableEntity))["code"]);

        // In a batch, the same reuse is reported for that scan alone.
        reused["scannedAt"] = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O");
        var batch = await staff.OkAsync(HttpMethod.Post, $"/events/{door.EventId}/check-ins/batch", new JsonObject { ["scans"] = new JsonArray(reused) });
        var notRecorded = Assert.Single(batch["results"]!.AsArray())!;
        Assert.Equal(("not_recorded", "unprocessable"), ((string?)notRecorded["result"], (string?)notRecorded["code"]));
        Assert.Equal(1, (int)batch["notRecorded"]!);
        Assert.Empty((await organizer.GetJsonAsync($"/tickets/{door.TicketIds[1]}"))["checkIns"]!.AsArray());
    }

    [Fact]
    public async Task ConcurrentScansOfOneTicket_AdmitExactlyOne()
    {
        var door = await OpenDoorAsync("Dana Wu");
        using var staff = platform.App.Api(platform.Staff);

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => staff.CheckInAsync(door.EventId, TicketingApi.Scan(door.Tokens[0], deviceId: $"gate-{i}"))));

        var admitted = Assert.Single(answers, a => (string?)a["result"] == "admitted");
        Assert.All(answers.Where(a => a != admitted), a =>
        {
            Assert.Equal("already_checked_in", (string?)a["result"]);
            Assert.Equal(admitted["checkIn"]!.ToJsonString(), a["checkIn"]!.ToJsonString());
        });
        using var organizer = platform.App.Api(platform.Organizer);
        Assert.Equal(1, (long)(await organizer.GetJsonAsync($"/organizer/events/{door.EventId}/check-ins"))["checkedIn"]!);
    }

    [Fact]
    public async Task Batch_AnswersEachScan_EarliestFirst_WithConflictsReportedAgainstTheFirstCheckIn()
    {
        var door = await OpenDoorAsync("Erin Hale", "Frank Oak", "Grace Park");
        using var organizer = platform.App.Api(platform.Organizer);
        await organizer.OkAsync(HttpMethod.Post, $"/events/{door.EventId}/tickets/{door.TicketIds[2]}/void", new JsonObject { ["reason"] = "Duplicate" }, TicketingApi.NewKey());
        using var staff = platform.App.Api(platform.Staff);
        var t0 = DateTimeOffset.UtcNow.AddHours(-2);
        var retriedScan = TicketingApi.Scan(door.Tokens[1], deviceId: "tablet-a", scannedAt: t0);

        var batch = await staff.OkAsync(HttpMethod.Post, $"/events/{door.EventId}/check-ins/batch", new JsonObject
        {
            ["scans"] = new JsonArray(
                TicketingApi.Scan(door.Tokens[0], deviceId: "tablet-a", scannedAt: t0.AddMinutes(5)),     // 0: Erin again, later
                retriedScan,                                                                             // 1: Frank
                TicketingApi.Scan(door.Tokens[0], deviceId: "tablet-b", scannedAt: t0.AddMinutes(1)),     // 2: Erin, first
                TicketingApi.Scan(door.Tokens[2], deviceId: "tablet-b", scannedAt: t0.AddMinutes(2)),     // 3: Grace, void
                TicketingApi.Scan("not.a-token", deviceId: "tablet-b", scannedAt: t0.AddMinutes(3)),      // 4: a stranger's QR
                retriedScan.DeepClone()),                                                                // 5: the same scan again
        });

        var results = batch["results"]!.AsArray();
        Assert.Equal(6, results.Count);
        Assert.Equal(
            ["already_checked_in", "admitted", "admitted", "refused", "refused", "admitted"],
            results.Select(r => (string)r!["result"]!));
        Assert.Equal("tablet-b", (string?)results[0]!["checkIn"]!["deviceId"]);
        Assert.Equal(t0.AddMinutes(1), results[0]!["checkIn"]!["at"]!.GetValue<DateTimeOffset>());
        Assert.Equal("void", (string?)results[3]!["code"]);
        Assert.Equal("malformed_token", (string?)results[4]!["code"]);
        Assert.True((bool)results[5]!["replayed"]!);
        Assert.Equal((string?)results[1]!["scanId"], (string?)results[5]!["scanId"]);
        Assert.Equal(3, (int)batch["admitted"]!);
        Assert.Equal(1, (int)batch["alreadyCheckedIn"]!);
        Assert.Equal(2, (int)batch["refused"]!);

        // A scan from another tablet, uploaded later but made earlier, is the real entry: it takes the place of the recorded one.
        var later = await staff.OkAsync(HttpMethod.Post, $"/events/{door.EventId}/check-ins/batch", new JsonObject
        {
            ["scans"] = new JsonArray(TicketingApi.Scan(door.Tokens[0], deviceId: "tablet-c", scannedAt: t0)),
        });
        var earlier = later["results"]![0]!;
        Assert.Equal("admitted", (string?)earlier["result"]);
        Assert.Equal("tablet-b", (string?)earlier["displaced"]!["deviceId"]);
        var ticket = await organizer.GetJsonAsync($"/tickets/{door.TicketIds[0]}");
        var only = Assert.Single(ticket["checkIns"]!.AsArray());
        Assert.Equal("tablet-c", (string?)only!["deviceId"]);
        Assert.Equal(t0, only["at"]!.GetValue<DateTimeOffset>());

        var counts = await organizer.GetJsonAsync($"/organizer/events/{door.EventId}/check-ins");
        Assert.Equal(2, (long)counts["checkedIn"]!);
        Assert.Equal(2, (int)counts["issued"]!);
    }

    [Fact]
    public async Task Batch_WithAMalformedScan_IsRefusedWhole_NamingIt_AndWritesNothing()
    {
        var door = await OpenDoorAsync("Heidi Roe");
        using var staff = platform.App.Api(platform.Staff);

        using var response = await staff.SendAsync(HttpMethod.Post, $"/events/{door.EventId}/check-ins/batch", new JsonObject
        {
            ["scans"] = new JsonArray(
                TicketingApi.Scan(door.Tokens[0], scannedAt: DateTimeOffset.UtcNow.AddMinutes(-1)),
                TicketingApi.Scan(door.Tokens[0])),
        });

        var fields = await TicketingApi.AssertValidationErrorAsync(response, "scans[1].scannedAt");
        Assert.Single(fields);
        using var organizer = platform.App.Api(platform.Organizer);
        Assert.Empty((await organizer.GetJsonAsync($"/tickets/{door.TicketIds[0]}"))["checkIns"]!.AsArray());
    }

    [Fact]
    public async Task OnlyAssignedStaff_TheOrganizerAndAdmins_CheckIn_EveryoneElseGets404()
    {
        var door = await OpenDoorAsync("Ivan Pike", "Judy Fox");
        var elsewhere = await platform.SeedPublishedEventAsync(platform.OtherOrganizer);
        using var staff = platform.App.Api(platform.Staff);

        // Staff of this event are nobody at another event's door.
        await AssertNotFoundAsync(staff, elsewhere, door.Tokens[0]);
        foreach (var user in new[] { platform.Attendee, platform.OtherOrganizer })
        {
            using var api = platform.App.Api(user);
            await AssertNotFoundAsync(api, door.EventId, door.Tokens[0]);
        }

        using var admin = platform.App.Api(platform.Admin);
        Assert.Equal("admitted", (string?)(await admin.CheckInAsync(door.EventId, TicketingApi.Scan(door.Tokens[0])))["result"]);

        using var organizer = platform.App.Api(platform.Organizer);
        using var removed = await organizer.SendAsync(HttpMethod.Delete, $"/events/{door.EventId}/staff/{platform.Staff.Sub}");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        await AssertNotFoundAsync(staff, door.EventId, door.Tokens[1]);
        Assert.Empty((await organizer.GetJsonAsync($"/tickets/{door.TicketIds[1]}"))["checkIns"]!.AsArray());
    }

    [Fact]
    public async Task Staff_AreAssignedListedAndRemoved_ByTheEventsOrganizerOnly()
    {
        var eventId = await platform.SeedPublishedEventAsync(platform.Organizer);
        using var organizer = platform.App.Api(platform.Organizer);
        using var stranger = platform.App.Api(platform.OtherOrganizer);
        var path = $"/events/{eventId}/staff/{platform.Staff.Sub}";

        await TicketingApi.ReadProblemAsync(await stranger.SendAsync(HttpMethod.Put, path), HttpStatusCode.NotFound);
        var assigned = await organizer.AssignStaffAsync(eventId, platform.Staff.Sub);
        var again = await organizer.AssignStaffAsync(eventId, platform.Staff.Sub);
        Assert.Equal(platform.Staff.Sub, (string?)assigned["userId"]);
        Assert.Equal(assigned["assignedAt"]!.ToJsonString(), again["assignedAt"]!.ToJsonString());

        var list = await organizer.GetJsonAsync($"/organizer/events/{eventId}/staff");
        Assert.Equal([platform.Staff.Sub], list["items"]!.AsArray().Select(s => (string)s!["userId"]!));
        await TicketingApi.ReadProblemAsync(await stranger.GetAsync($"/organizer/events/{eventId}/staff"), HttpStatusCode.NotFound);
        await TicketingApi.ReadProblemAsync(await stranger.SendAsync(HttpMethod.Delete, path), HttpStatusCode.NotFound);
        using var staff = platform.App.Api(platform.Staff);
        await TicketingApi.ReadProblemAsync(await staff.GetAsync($"/organizer/events/{eventId}/staff"), HttpStatusCode.NotFound);

        using var removed = await organizer.SendAsync(HttpMethod.Delete, path);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        await TicketingApi.ReadProblemAsync(await organizer.SendAsync(HttpMethod.Delete, path), HttpStatusCode.NotFound);
        Assert.Empty((await organizer.GetJsonAsync($"/organizer/events/{eventId}/staff"))["items"]!.AsArray());
    }

    [Fact]
    public async Task Sessions_HaveTheirOwnDoors_AndTheCountsAreRightPerSessionAndForTheEvent()
    {
        var eventId = await platform.SeedPublishedEventAsync(platform.Organizer);
        using var organizer = platform.App.Api(platform.Organizer);
        var start = DateTimeOffset.UtcNow.AddDays(30);
        var day1 = await organizer.CreateSessionAsync(eventId, "Day 1", start);
        var day2 = await organizer.CreateSessionAsync(eventId, "Day 2", start.AddDays(1));
        var pass = await organizer.CreateFreeTypeAsync(eventId, "Two-day pass", day1, day2);
        var dayOne = await organizer.CreateFreeTypeAsync(eventId, "Day 1 only", day1);
        var party = await organizer.CreateFreeTypeAsync(eventId, "Party (whole event)");
        using var attendee = platform.App.Api(platform.Attendee);
        var passes = await TokensAsync(attendee, await attendee.BuyFreeAsync(eventId, pass, "Ann", "Ben"));
        var dayOnes = await TokensAsync(attendee, await attendee.BuyFreeAsync(eventId, dayOne, "Cat"));
        var parties = await TokensAsync(attendee, await attendee.BuyFreeAsync(eventId, party, "Dan"));

        Assert.Equal("session_required", (string?)(await organizer.CheckInAsync(eventId, TicketingApi.Scan(passes[0])))["code"]);
        Assert.Equal("wrong_session", (string?)(await organizer.CheckInAsync(eventId, TicketingApi.Scan(dayOnes[0], sessionId: day2)))["code"]);
        Assert.Equal("admitted", (string?)(await organizer.CheckInAsync(eventId, TicketingApi.Scan(passes[0], sessionId: day1)))["result"]);
        Assert.Equal("admitted", (string?)(await organizer.CheckInAsync(eventId, TicketingApi.Scan(passes[0], sessionId: day2)))["result"]);
        Assert.Equal("admitted", (string?)(await organizer.CheckInAsync(eventId, TicketingApi.Scan(passes[1], sessionId: day1)))["result"]);
        Assert.Equal("admitted", (string?)(await organizer.CheckInAsync(eventId, TicketingApi.Scan(dayOnes[0])))["result"]);
        Assert.Equal("admitted", (string?)(await organizer.CheckInAsync(eventId, TicketingApi.Scan(parties[0], sessionId: day2)))["result"]);

        var counts = await organizer.GetJsonAsync($"/organizer/events/{eventId}/check-ins");
        Assert.Equal(4, (int)counts["issued"]!);
        Assert.Equal(4, (long)counts["checkedIn"]!);
        var doors = counts["sessions"]!.AsArray().ToDictionary(d => (string)d!["session"]!, d => ((int)d!["issued"]!, (long)d["checkedIn"]!));
        Assert.Equal((1, 1L), doors["event"]);
        Assert.Equal((3, 3L), doors[day1]);
        Assert.Equal((2, 1L), doors[day2]);
        Assert.Equal("Day 1", (string?)counts["sessions"]!.AsArray().Single(d => (string)d!["session"]! == day1)!["name"]);

        using var staff = platform.App.Api(platform.Staff);
        await TicketingApi.ReadProblemAsync(await staff.GetAsync($"/organizer/events/{eventId}/check-ins"), HttpStatusCode.NotFound);
        await TicketingApi.AssertValidationErrorAsync(
            await organizer.SendAsync(HttpMethod.Post, $"/events/{eventId}/check-ins", TicketingApi.Scan(passes[1], sessionId: new string('a', 32))), "sessionId");
    }

    [Fact]
    public async Task DoorList_GivesStaffEachTicketsRevisionStatusAndCheckIns_WithoutTokens()
    {
        var door = await OpenDoorAsync("Kim Ray", "Lou Sun", "Max Tal");
        using var attendee = platform.App.Api(platform.Attendee);
        await attendee.OkAsync(HttpMethod.Post, $"/tickets/{door.TicketIds[1]}/reassign", new JsonObject { ["holderName"] = "Ned Ulm" }, TicketingApi.NewKey());
        using var staff = platform.App.Api(platform.Staff);
        await staff.CheckInAsync(door.EventId, TicketingApi.Scan(door.Tokens[0]));

        var seen = new List<JsonNode>();
        string? cursor = null;
        do
        {
            var page = await staff.GetJsonAsync($"/events/{door.EventId}/tickets?limit=2" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            seen.AddRange(page["items"]!.AsArray().Select(t => t!));
            cursor = (string?)page["nextCursor"];
        }
        while (cursor is not null);

        Assert.Equal(door.TicketIds.Order(), seen.Select(t => (string)t["id"]!).Order());
        Assert.All(seen, t => Assert.Null(t["token"]));
        var byId = seen.ToDictionary(t => (string)t["id"]!);
        Assert.Single(byId[door.TicketIds[0]]["checkIns"]!.AsArray());
        Assert.Equal(2, (int)byId[door.TicketIds[1]]["revision"]!);
        Assert.Equal("Ned Ulm", (string?)byId[door.TicketIds[1]]["holderName"]);

        using var stranger = platform.App.Api(platform.OtherOrganizer);
        await TicketingApi.ReadProblemAsync(await stranger.GetAsync($"/events/{door.EventId}/tickets"), HttpStatusCode.NotFound);
        await TicketingApi.AssertValidationErrorAsync(await staff.GetAsync($"/events/{door.EventId}/tickets?cursor=forged"), "cursor");
    }

    private sealed record Door(string EventId, IReadOnlyList<string> TicketIds, IReadOnlyList<string> Tokens);

    /// <summary>An event with a free type, the attendee's tickets for <paramref name="holders"/>, and the staff user assigned.</summary>
    private async Task<Door> OpenDoorAsync(params string[] holders)
    {
        var eventId = await platform.SeedPublishedEventAsync(platform.Organizer);
        using var organizer = platform.App.Api(platform.Organizer);
        var typeId = await organizer.CreateFreeTypeAsync(eventId);
        await organizer.AssignStaffAsync(eventId, platform.Staff.Sub);
        using var attendee = platform.App.Api(platform.Attendee);
        var ticketIds = await attendee.BuyFreeAsync(eventId, typeId, holders);
        return new Door(eventId, ticketIds, await TokensAsync(attendee, ticketIds));
    }

    private static async Task<IReadOnlyList<string>> TokensAsync(TicketingApi holder, IReadOnlyList<string> ticketIds)
    {
        var tokens = new List<string>();
        foreach (var id in ticketIds)
        {
            tokens.Add((string)(await holder.GetJsonAsync($"/tickets/{id}"))["token"]!);
        }

        return tokens;
    }

    private static async Task AssertNotFoundAsync(TicketingApi api, string eventId, string token)
    {
        using var single = await api.SendAsync(HttpMethod.Post, $"/events/{eventId}/check-ins", TicketingApi.Scan(token));
        await TicketingApi.ReadProblemAsync(single, HttpStatusCode.NotFound);
        using var batch = await api.SendAsync(HttpMethod.Post, $"/events/{eventId}/check-ins/batch", new JsonObject
        {
            ["scans"] = new JsonArray(TicketingApi.Scan(token, scannedAt: DateTimeOffset.UtcNow)),
        });
        await TicketingApi.ReadProblemAsync(batch, HttpStatusCode.NotFound);
        await TicketingApi.ReadProblemAsync(await api.GetAsync($"/events/{eventId}/tickets"), HttpStatusCode.NotFound);
    }
}
