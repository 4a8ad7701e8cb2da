using Microsoft.Playwright;
using Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Web.Tests.Stories;

/// <summary>An attendee finds an event, gets a free ticket and sees the order, on a phone.</summary>
public sealed class AttendeeStories(WebFixture web)
{
    private const string Meetup = "Lisbon Bitcoin Meetup (demo)";
    private const string Summit = "Satoshi Summit Bengaluru (demo)";

    [Fact]
    public async Task Attendee_FindsAnEvent_GetsAFreeTicket_AndSeesTheOrder()
    {
        await using var tab = await web.OpenAsync(Viewport.Phone);
        var page = tab.Page;

        await tab.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = Meetup })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = Summit })).ToBeVisibleAsync();
        await tab.CheckAndCaptureAsync("browse");

        await page.GetByLabel("City").SelectOptionAsync("Lisbon");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = Summit })).ToHaveCountAsync(0);
        await page.GetByLabel("City").SelectOptionAsync("");
        await page.GetByLabel("Search").FillAsync("self-custody");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = Meetup })).ToHaveCountAsync(0);
        await page.GetByLabel("Search").FillAsync("lightning");
        await page.GetByRole(AriaRole.Link, new() { Name = Meetup }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = Meetup, Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("Europe/Lisbon")).ToBeVisibleAsync();
        var supporter = TicketCard(page, "Supporter");
        await Expect(supporter).ToContainTextAsync("€15.00");
        await Expect(supporter).ToContainTextAsync("15,000 sats");
        var free = TicketCard(page, "Free entry");
        await Expect(free).ToContainTextAsync("Free");
        await tab.CheckAndCaptureAsync("event");

        // Signed out: choosing tickets leads to sign-in, and back to the event.
        await page.GetByLabel("Quantity of Free entry").SelectOptionAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in to get tickets" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await tab.AssertAccessibleAsync("sign-in");
        await tab.SignInAsync("attendee@demo.local", "Demo-Attendee-1");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = Meetup, Level = 1 })).ToBeVisibleAsync();

        await page.GetByLabel("Quantity of Free entry").SelectOptionAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Get tickets" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Checkout" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Seats held for you for")).ToBeVisibleAsync();
        await page.GetByLabel("Name on ticket 1 (Free entry)").FillAsync("Ada Lovelace");
        await page.GetByLabel("Name on ticket 2 (Free entry)").FillAsync("Alan Turing");
        await tab.CheckAndCaptureAsync("checkout");
        await page.GetByRole(AriaRole.Button, new() { Name = "Get free tickets" }).ClickAsync();

        await Expect(page.GetByText($"You're going to {Meetup}!")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Ada Lovelace, Alan Turing" })).ToBeVisibleAsync();
        await Expect(page.GetByText("2 tickets issued.")).ToBeVisibleAsync();
        await tab.CheckAndCaptureAsync("order");

        await page.GetByRole(AriaRole.Link, new() { Name = "My orders", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "2 × Free entry" })).ToBeVisibleAsync();
        await tab.CheckAndCaptureAsync("my-orders");
    }

    /// <summary>A ticket type's card on an event page, found by its heading.</summary>
    public static ILocator TicketCard(IPage page, string name) =>
        page.GetByRole(AriaRole.Listitem).Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = name, Exact = true }) });

    [Fact]
    public async Task DeepLinks_LoadOnReload_AndAnUnknownPathIsTheNotFoundPage()
    {
        await using var tab = await web.OpenAsync(Viewport.Desktop);
        var page = tab.Page;
        await tab.GotoAsync("/");
        var href = await page.GetByRole(AriaRole.Link, new() { Name = Summit }).GetAttributeAsync("href");
        Assert.Matches("^/event\\?id=[0-9a-f]{32}$", href);

        await tab.GotoAsync(href!);
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = Summit, Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("Asia/Kolkata")).ToBeVisibleAsync();

        var missing = await page.GotoAsync("/no-such-page");
        Assert.Equal(404, missing!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();
        await tab.AssertAccessibleAsync("not found");
    }
}
