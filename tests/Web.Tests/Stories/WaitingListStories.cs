using Microsoft.Playwright;
using Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Web.Tests.Stories;

/// <summary>
/// A sold-out event's waiting list: the attendee who lost the last seat joins (and leaves, and
/// joins again), the organizer cancels an order and sees the line, and the freed seat is offered
/// to the one waiting, who buys it before the offer's deadline.
/// </summary>
public sealed class WaitingListStories(WebFixture web)
{
    [Fact]
    public async Task SoldOut_AttendeeJoinsTheWaitingList_OrganizerCancelsAnOrder_AndTheSeatIsOfferedAndBought()
    {
        var title = $"Waiting story {Guid.NewGuid():N}"[..22];
        using var organizer = await PlatformApi.SignInAsync(web, PlatformApi.Organizer);
        var (eventId, typeId) = await organizer.CreateFreeEventAsync(title, capacity: 1, "Only seat", maxPerOrder: 1);

        await using var tab = await web.OpenAsync(Viewport.Phone);
        var page = tab.Page;
        await tab.GotoAsync("/signin");
        await tab.SignInAsync(PlatformApi.Attendee, "Demo-Attendee-1");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "My tickets" })).ToBeVisibleAsync();
        await tab.GotoAsync($"/event?id={eventId}");
        await page.GetByLabel("Quantity of Only seat").SelectOptionAsync("1");

        // Someone is faster: the last seat goes (to a guest of the organizer) before the click.
        await organizer.IssueComplimentaryAsync(eventId, typeId, "Quick Guest");
        tab.ExpectApiRefusal(409);
        await page.GetByRole(AriaRole.Button, new() { Name = "Get tickets" }).ClickAsync();
        var card = AttendeeStories.TicketCard(page, "Only seat");
        await Expect(card).ToContainTextAsync("Sold out just now.");
        await card.GetByRole(AriaRole.Button, new() { Name = "Join the waiting list for Only seat" }).ClickAsync();
        await Expect(card.GetByRole(AriaRole.Status)).ToContainTextAsync("You are on the waiting list for 1 × Only seat.");
        await tab.CheckAndCaptureAsync("waiting-list-joined");

        // Changing one's mind, then back in line.
        await page.GetByRole(AriaRole.Link, new() { Name = "My waiting lists" }).First.ClickAsync();
        var entry = page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = title });
        await Expect(entry).ToContainTextAsync("waiting");
        await entry.GetByRole(AriaRole.Button, new() { Name = "Leave the waiting list for Only seat" }).ClickAsync();
        await Expect(entry).ToContainTextAsync("left");
        await tab.GotoAsync($"/event?id={eventId}");
        await card.GetByRole(AriaRole.Button, new() { Name = "Join the waiting list for Only seat" }).ClickAsync();
        await Expect(card.GetByRole(AriaRole.Status)).ToContainTextAsync("You are on the waiting list");

        // The organizer cancels the guest's order, and sees the line.
        await using var desk = await web.OpenAsync(Viewport.Desktop);
        await desk.GotoAsync($"/signin?next={Uri.EscapeDataString($"/organizer/event?id={eventId}&tab=orders")}");
        await desk.SignInAsync(PlatformApi.Organizer, "Demo-Organizer-1");
        await desk.Page.GetByRole(AriaRole.Button, new() { Name = "Cancel the order of Quick Guest" }).ClickAsync();
        await desk.Page.GetByLabel("Reason (the buyer reads it)").FillAsync("The guest cannot come.");
        await desk.Page.GetByRole(AriaRole.Button, new() { Name = "Cancel order", Exact = true }).ClickAsync();
        await Expect(desk.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Quick Guest" })).ToContainTextAsync("cancelled");
        await desk.Page.GetByRole(AriaRole.Link, new() { Name = "Waiting list", Exact = true }).ClickAsync();
        var rows = desk.Page.GetByRole(AriaRole.Row);
        await Expect(rows.Filter(new() { HasText = "offered" })).ToHaveCountAsync(1);
        await Expect(rows.Filter(new() { HasText = "left" })).ToHaveCountAsync(1);
        await desk.CheckAndCaptureAsync("organizer-waiting-list");

        // The seat is offered to the attendee, until a deadline; they take it.
        await tab.GotoAsync("/waiting-list");
        var offered = page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = title }).Filter(new() { HasText = "offered" });
        await Expect(offered).ToContainTextAsync("Seats are held for you until");
        await tab.CheckAndCaptureAsync("waiting-list-offer");
        await offered.GetByRole(AriaRole.Link, new() { Name = "Buy the offered ticket" }).ClickAsync();
        await page.GetByLabel("Name on ticket 1 (Only seat)").FillAsync("Ada Lovelace");
        await page.GetByRole(AriaRole.Button, new() { Name = "Get free tickets" }).ClickAsync();
        await Expect(page.GetByText($"You're going to {title}!")).ToBeVisibleAsync();
        tab.AssertNoConsoleErrors();
        desk.AssertNoConsoleErrors();
    }
}
