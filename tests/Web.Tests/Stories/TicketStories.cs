using Microsoft.Playwright;
using Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Web.Tests.Stories;

/// <summary>
/// An attendee's tickets: the QR codes (there offline too, once loaded), a ticket given to someone
/// else, an order cancelled under the event's refund policy.
/// </summary>
public sealed class TicketStories(WebFixture web)
{
    [Fact]
    public async Task Attendee_SeesTheirQrCodes_OfflineToo_ReassignsOne_AndCancelsTheOrder()
    {
        var title = $"Tickets story {Guid.NewGuid():N}"[..22];
        using var organizer = await PlatformApi.SignInAsync(web, PlatformApi.Organizer);
        using var attendee = await PlatformApi.SignInAsync(web, PlatformApi.Attendee);
        var (eventId, typeId) = await organizer.CreateFreeEventAsync(title, capacity: 10, "General admission", maxPerOrder: 4);
        var order = await attendee.GetFreeTicketsAsync(eventId, typeId, "Grace Hopper", "Edsger Dijkstra");
        var before = await attendee.TokensAsync(eventId);

        await using var tab = await web.OpenAsync(Viewport.Phone);
        var page = tab.Page;
        await tab.GotoAsync("/tickets");
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await tab.SignInAsync(PlatformApi.Attendee, "Demo-Attendee-1");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My tickets" })).ToBeVisibleAsync();

        var grace = Ticket(page, "Grace Hopper · General admission");
        var edsger = Ticket(page, "Edsger Dijkstra · General admission");
        await Expect(grace).ToContainTextAsync(title);
        await Expect(grace.GetByRole(AriaRole.Img, new() { Name = "QR code of Grace Hopper's ticket" })).ToBeVisibleAsync();
        // The code drawn is the signed token itself, as a camera reads it.
        Assert.Equal(before["Grace Hopper"], await DecodeQrAsync(grace));
        await Expect(page.Locator("html[data-offline-ready=true]")).ToHaveCountAsync(1);
        await tab.CheckAndCaptureAsync("my-tickets");

        // No network at the door: a reload still shows the tickets and their codes.
        await tab.SetOfflineAsync(true);
        await page.ReloadAsync();
        await Expect(page.GetByText("You are offline. These are the tickets saved on this device")).ToBeVisibleAsync();
        await Expect(grace.GetByRole(AriaRole.Img, new() { Name = "QR code of Grace Hopper's ticket" })).ToBeVisibleAsync();
        Assert.Equal(before["Grace Hopper"], await DecodeQrAsync(grace));
        await tab.AssertAccessibleAsync("my tickets offline");
        await tab.SetOfflineAsync(false);
        await page.ReloadAsync();

        // Edsger cannot come: the ticket goes to Barbara, with a new code.
        await edsger.GetByRole(AriaRole.Button, new() { Name = "Give this ticket to someone else" }).ClickAsync();
        await page.GetByLabel("New holder's name").FillAsync("Barbara Liskov");
        await page.GetByRole(AriaRole.Button, new() { Name = "Reassign ticket" }).ClickAsync();
        var barbara = Ticket(page, "Barbara Liskov · General admission");
        await Expect(barbara.GetByRole(AriaRole.Img, new() { Name = "QR code of Barbara Liskov's ticket" })).ToBeVisibleAsync();
        await Expect(edsger).ToHaveCountAsync(0);
        var after = await attendee.TokensAsync(eventId);
        Assert.NotEqual(before["Edsger Dijkstra"], after["Barbara Liskov"]);
        Assert.Equal(after["Barbara Liskov"], await DecodeQrAsync(barbara));

        // Plans change: the whole order is cancelled, within the refund policy.
        await tab.GotoAsync($"/order?id={order["id"]!.GetValue<string>()}");
        var cancel = page.GetByRole(AriaRole.Region, new() { Name = "Cancel this order" });
        await Expect(cancel).ToContainTextAsync("(48 hours before the event starts) and get 100% of what you paid back.");
        await cancel.GetByRole(AriaRole.Button, new() { Name = "Cancel this order…" }).ClickAsync();
        await page.GetByLabel("Why (optional)").FillAsync("Conference moved to a date we cannot make.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel order and its tickets" }).ClickAsync();
        await Expect(page.GetByText("Order cancelled")).ToContainTextAsync("Conference moved to a date we cannot make.");
        await Expect(page.GetByText("Nothing was paid, so there is nothing to refund.")).ToBeVisibleAsync();
        await tab.CheckAndCaptureAsync("order-cancelled");

        await tab.GotoAsync("/tickets");
        await Expect(Ticket(page, "Grace Hopper · General admission")).ToContainTextAsync("void");
        await Expect(Ticket(page, "Grace Hopper · General admission").GetByRole(AriaRole.Img)).ToHaveCountAsync(0);
        tab.AssertNoConsoleErrors();
    }

    internal static ILocator Ticket(IPage page, string heading) =>
        page.GetByRole(AriaRole.Listitem).Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true }) });

    /// <summary>
    /// The text of the QR code drawn in <paramref name="ticket"/>, read by ZXing: the page's own SVG,
    /// drawn by the browser at 8 pixels per module (a screenshot of the phone-sized code has about
    /// three, too few to read reliably).
    /// </summary>
    private static Task<string> DecodeQrAsync(ILocator ticket) => DecodeQrSvgAsync(ticket.GetByRole(AriaRole.Img));

    /// <summary>The text of the QR code an SVG element draws (as <see cref="DecodeQrAsync"/>).</summary>
    internal static async Task<string> DecodeQrSvgAsync(ILocator svg)
    {
        // The tickets page first draws the copy it keeps offline, then the list it fetched: an SVG
        // read while React replaces it can come out blank, so a read that finds no code is retried.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await DecodeQrSvgOnceAsync(svg);
            }
            catch (InvalidDataException) when (attempt < 4)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), TestContext.Current.CancellationToken);
            }
        }
    }

    private static async Task<string> DecodeQrSvgOnceAsync(ILocator svg)
    {
        var dataUrl = await svg.EvaluateAsync<string>(
            """
            async (svg) => {
              const image = new Image();
              image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(new XMLSerializer().serializeToString(svg));
              await image.decode();
              const size = svg.viewBox.baseVal.width * 8;
              const canvas = document.createElement("canvas");
              canvas.width = canvas.height = size;
              const context = canvas.getContext("2d");
              context.imageSmoothingEnabled = false;
              context.drawImage(image, 0, 0, size, size);
              return canvas.toDataURL("image/png");
            }
            """);
        return QrImage.Read(Convert.FromBase64String(dataUrl[(dataUrl.IndexOf(',', StringComparison.Ordinal) + 1)..]));
    }
}
