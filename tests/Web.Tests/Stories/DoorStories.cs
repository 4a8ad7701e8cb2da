using Microsoft.Playwright;
using Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Web.Tests.Stories;

/// <summary>
/// The door: the organizer adds a staff member and hands out complimentary tickets; the staff
/// member scans them, online and offline, and the offline scans are uploaded and counted.
/// </summary>
public sealed class DoorStories(WebFixture web)
{
    [Fact]
    public async Task Staff_AdmitsOnce_RefusesTheSecondScanAndAForgery_QueuesOffline_AndUploadsWhenBackOnline()
    {
        var title = $"Door story {Guid.NewGuid():N}"[..20];
        using var organizer = await PlatformApi.SignInAsync(web, PlatformApi.Organizer);
        var (eventId, _) = await organizer.CreateFreeEventAsync(title, capacity: 50, "Door pass", maxPerOrder: 4);

        // The staff member's user id, from their door page.
        await using var door = await web.OpenAsync(Viewport.Phone);
        var scanner = door.Page;
        await door.GotoAsync("/signin?next=%2Fscanner");
        await door.SignInAsync(PlatformApi.Staff, "Demo-Staff-1");
        var staffId = (await scanner.Locator("code.user-id").TextContentAsync())!.Trim();
        Assert.Matches("^[0-9a-f-]{36}$", staffId);

        // The organizer puts them on the door and issues two complimentary tickets.
        await using var desk = await web.OpenAsync(Viewport.Desktop);
        var admin = desk.Page;
        await desk.GotoAsync($"/signin?next={Uri.EscapeDataString($"/organizer/event?id={eventId}&tab=door")}");
        await desk.SignInAsync(PlatformApi.Organizer, "Demo-Organizer-1");
        await admin.GetByLabel("Staff member's user id").FillAsync(staffId);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Add to staff" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Region, new() { Name = "Door staff" }).GetByText(staffId, new() { Exact = true })).ToBeVisibleAsync();

        await admin.GetByRole(AriaRole.Link, new() { Name = "Orders", Exact = true }).ClickAsync();
        await admin.GetByText("Issue complimentary tickets").ClickAsync();
        await admin.GetByLabel("Name on the ticket").FillAsync("Door One");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Add another ticket" }).ClickAsync();
        await admin.GetByLabel("Name on the ticket").Nth(1).FillAsync("Door Two");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Issue tickets" }).ClickAsync();
        await Expect(admin.GetByText("Issued 2 complimentary tickets to Door One, Door Two.")).ToBeVisibleAsync();
        await Expect(admin.GetByRole(AriaRole.Row).Filter(new() { HasText = "Door One, Door Two" })).ToContainTextAsync("complimentary");
        await desk.CheckAndCaptureAsync("organizer-complimentary");
        var tokens = await organizer.TokensAsync(eventId);

        // At the door, online: admitted once, then "already checked in".
        await door.GotoAsync($"/scanner?event={eventId}");
        await Expect(scanner.GetByText("Keys and door list (2 tickets) saved")).ToBeVisibleAsync();
        var result = scanner.Locator(".scan-result");
        await ScanAsync(scanner, tokens["Door One"]);
        await Expect(result).ToContainTextAsync("Admitted");
        await Expect(result).ToContainTextAsync("Door One · Door pass");
        await door.CheckAndCaptureAsync("door-admitted");
        await ScanAsync(scanner, tokens["Door One"]);
        await Expect(result).ToContainTextAsync("Already checked in");
        await Expect(result).ToContainTextAsync("First in at");

        // A code whose signature was tampered with never reaches the platform.
        var forged = tokens["Door Two"][..^4] + (tokens["Door Two"][^4] == 'A' ? "B" : "A") + tokens["Door Two"][^3..];
        await ScanAsync(scanner, forged);
        await Expect(result).ToContainTextAsync("Refused");
        await Expect(result).ToContainTextAsync("Forged or altered code");
        await door.CheckAndCaptureAsync("door-refused");

        // The network goes: the door decides on the device and queues the scan.
        await door.SetOfflineAsync(true);
        await Expect(scanner.GetByText("Offline: scans are checked on this device")).ToBeVisibleAsync();
        await ScanAsync(scanner, tokens["Door Two"]);
        await Expect(result).ToContainTextAsync("Admitted");
        await Expect(result).ToContainTextAsync("Checked in offline: queued for upload.");
        await Expect(scanner.GetByText("1 scan waiting for upload.")).ToBeVisibleAsync();
        await ScanAsync(scanner, tokens["Door One"]);
        await Expect(result).ToContainTextAsync("Already checked in");
        await door.CheckAndCaptureAsync("door-offline");

        // Back online: the queue goes up in one batch and the platform counts it.
        await door.SetOfflineAsync(false);
        await Expect(scanner.GetByText("Uploaded 1 scan: 1 admitted, 0 already checked in, 0 refused.")).ToBeVisibleAsync();
        await Expect(scanner.GetByText("waiting for upload")).ToHaveCountAsync(0);
        var counts = await organizer.CheckInCountsAsync(eventId);
        Assert.Equal(2, counts["checkedIn"]!.GetValue<int>());

        await admin.GetByRole(AriaRole.Link, new() { Name = "Check-ins and staff" }).ClickAsync();
        await Expect(admin.GetByText("2 of 2 tickets checked in")).ToBeVisibleAsync();
        await desk.CheckAndCaptureAsync("organizer-door");
        door.AssertNoConsoleErrors();
    }

    private static async Task ScanAsync(IPage page, string token)
    {
        await page.GetByLabel("Or enter the ticket's code").FillAsync(token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Check in" }).ClickAsync();
        await Expect(page.GetByLabel("Or enter the ticket's code")).ToBeEmptyAsync();
    }
}
