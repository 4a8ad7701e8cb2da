using Microsoft.Playwright;
using Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Web.Tests.Stories;

/// <summary>An organizer creates, prices and publishes an event; bad input is shown where it was typed.</summary>
public sealed class OrganizerStories(WebFixture web)
{
    [Fact]
    public async Task Organizer_CreatesAnEventWithTwoTicketTypes_AndPublishesIt()
    {
        await using var tab = await web.OpenAsync(Viewport.Desktop);
        var page = tab.Page;
        await SignInAsOrganizerAsync(tab);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Lisbon Bitcoin Meetup (demo)" })).ToBeVisibleAsync();
        await tab.CheckAndCaptureAsync("organizer-events");

        await page.GetByRole(AriaRole.Link, new() { Name = "New event" }).ClickAsync();
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("Porto Lightning Night");
        await page.GetByLabel("Description", new() { Exact = true }).FillAsync("Lightning talks and a node-running workshop.");
        await page.GetByLabel("Venue name", new() { Exact = true }).FillAsync("Maus Hábitos");
        await page.GetByLabel("Address", new() { Exact = true }).FillAsync("Rua Passos Manuel 178");
        await page.GetByLabel("City", new() { Exact = true }).FillAsync("Porto");
        await page.GetByLabel("Country", new() { Exact = true }).FillAsync("PT");
        await page.GetByLabel("Time zone", new() { Exact = true }).SelectOptionAsync("Europe/Lisbon");
        await page.GetByLabel("Starts", new() { Exact = true }).FillAsync("2030-03-01T19:00");
        await page.GetByLabel("Ends", new() { Exact = true }).FillAsync("2030-03-01T22:00");
        await page.GetByLabel("Capacity", new() { Exact = true }).FillAsync("80");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create draft" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Porto Lightning Night", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("draft", new() { Exact = true })).ToBeVisibleAsync();
        await AddTicketTypeAsync(page, "Free entry", "0");
        await AddTicketTypeAsync(page, "Supporter", "12.50");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Supporter" })).ToBeVisibleAsync();
        await tab.CheckAndCaptureAsync("organizer-tickets");

        await page.GetByRole(AriaRole.Link, new() { Name = "Details" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish event" }).ClickAsync();
        await Expect(page.GetByText("published", new() { Exact = true })).ToBeVisibleAsync();
        await tab.CheckAndCaptureAsync("organizer-event");

        await page.GetByRole(AriaRole.Link, new() { Name = "Public page" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Porto Lightning Night", Level = 1 })).ToBeVisibleAsync();
        await Expect(AttendeeStories.TicketCard(page, "Supporter")).ToContainTextAsync("€12.50");
        await Expect(AttendeeStories.TicketCard(page, "Free entry")).ToContainTextAsync("80 left");
        // 19:00 in Lisbon on 1 March (WET, UTC+0) whatever the browser's own zone (New York).
        await Expect(page.GetByText("19:00").First).ToBeVisibleAsync();
        await tab.AssertAccessibleAsync("published event");
        tab.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task BadInput_ShowsTheApisFieldErrors_NextToTheFields()
    {
        await using var tab = await web.OpenAsync(Viewport.Phone);
        var page = tab.Page;
        await SignInAsOrganizerAsync(tab);
        await page.GetByRole(AriaRole.Link, new() { Name = "New event" }).ClickAsync();
        await page.GetByLabel("Capacity", new() { Exact = true }).FillAsync("0");
        tab.ExpectApiRefusal(400);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create draft" }).ClickAsync();

        var summary = page.GetByRole(AriaRole.Alert, new() { Name = "The event could not be saved." });
        await Expect(summary).ToContainTextAsync("The event could not be saved.");
        await Expect(summary).ToBeFocusedAsync();
        foreach (var label in new[] { "Title", "Venue name", "City", "Capacity", "Starts" })
        {
            var field = page.GetByLabel(label, new() { Exact = true });
            await Expect(field).ToHaveAttributeAsync("aria-invalid", "true");
            var describedBy = await field.GetAttributeAsync("aria-describedby");
            Assert.False(string.IsNullOrEmpty(describedBy), $"{label} has no error description.");
            await Expect(page.Locator($"#{describedBy!.Split(' ').Last()}")).Not.ToBeEmptyAsync();
        }

        // The summary links to the field it names.
        await summary.GetByRole(AriaRole.Link).Filter(new() { HasText = "Capacity" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#field-capacity$"));
        await Expect(page.GetByLabel("Title", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        await tab.CheckAndCaptureAsync("organizer-errors");
    }

    private static async Task SignInAsOrganizerAsync(WebPage tab)
    {
        await tab.GotoAsync("/organizer");
        await tab.Page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await tab.SignInAsync("organizer@demo.local", "Demo-Organizer-1");
        await Expect(tab.Page.GetByRole(AriaRole.Heading, new() { Name = "My events" })).ToBeVisibleAsync();
    }

    private static async Task AddTicketTypeAsync(IPage page, string name, string price)
    {
        var form = page.GetByRole(AriaRole.Form, new() { Name = "New ticket type" });
        if (!await form.IsVisibleAsync())
        {
            await page.GetByText("Add a ticket type").ClickAsync();
        }

        await form.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await form.GetByLabel("Price", new() { Exact = true }).FillAsync(price);
        await form.GetByRole(AriaRole.Button, new() { Name = "Add ticket type" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = name, Exact = true })).ToBeVisibleAsync();
    }
}
