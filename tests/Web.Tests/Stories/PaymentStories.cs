using Microsoft.Playwright;
using Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Web.Tests.Stories;

/// <summary>
/// A paid ticket, paid with bitcoin over Lightning: the attendee buys it, pays the BTCPay invoice
/// (the QR code, the sats, the fake store's checkout page standing in for the wallet), sees the
/// order paid and the ticket's QR code, and the door admits it. And paid by card: the fake Stripe's
/// checkout page, back to the order, which moves on to paid by itself; the door, without a camera,
/// admits the ticket from a picture of its QR code.
/// </summary>
public sealed class PaymentStories(WebFixture web)
{
    [Fact]
    public async Task Attendee_PaysOverLightning_SeesTheTicket_AndStaffAdmitsIt()
    {
        var title = $"Lightning story {Guid.NewGuid():N}"[..24];
        using var organizer = await PlatformApi.SignInAsync(web, PlatformApi.Organizer);
        // 12.50 EUR: 25,000 sats at the fake BTCPay store's 50,000 EUR/BTC.
        var (eventId, _) = await organizer.CreateEventAsync(title, capacity: 20, "Supporter", maxPerOrder: 2, priceInCents: 1250);
        await organizer.OfferPaymentProvidersAsync(eventId, "btcpay", "stripe");

        await using var tab = await web.OpenAsync(Viewport.Phone);
        var page = tab.Page;
        await tab.GotoAsync($"/signin?next={Uri.EscapeDataString($"/event?id={eventId}")}");
        await tab.SignInAsync(PlatformApi.Attendee, PlatformApi.PasswordOf(PlatformApi.Attendee));
        await page.GetByLabel("Quantity of Supporter").SelectOptionAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Get tickets" }).ClickAsync();
        await page.GetByLabel("Name on ticket 1 (Supporter)").FillAsync("Grace Hopper");
        await page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();

        // The order waits for its money: the event's two ways to pay, Lightning first.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Pay for your order" })).ToBeVisibleAsync();
        var lightning = page.GetByRole(AriaRole.Radio, new() { Name = "Bitcoin over Lightning, or on-chain" });
        await Expect(lightning).ToBeCheckedAsync();
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Card" })).ToBeVisibleAsync();
        await tab.CheckAndCaptureAsync("pay-choose");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay €12.50" }).ClickAsync();

        // The BOLT11 invoice: its QR code reads back as the lightning: URI, the amount in sats, the on-chain alternative.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Lightning" })).ToBeVisibleAsync();
        await Expect(page.GetByText("pay 25,000 sats")).ToBeVisibleAsync();
        var bolt11 = (await page.Locator("#bolt11").TextContentAsync())!;
        Assert.StartsWith("lnbcrt", bolt11, StringComparison.Ordinal);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Open in a wallet" }).First).ToHaveAttributeAsync("href", "lightning:" + bolt11);
        var qr = page.GetByRole(AriaRole.Img, new() { Name = "QR code of the Lightning invoice" });
        Assert.Equal("LIGHTNING:" + bolt11.ToUpperInvariant(), await TicketStories.DecodeQrSvgAsync(qr));
        await tab.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Copy invoice" }).ClickAsync();
        await Expect(page.GetByText("Copied.")).ToBeVisibleAsync();
        Assert.Equal(bolt11, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        await page.GetByText("Pay on-chain instead").ClickAsync();
        await Expect(page.GetByText("Send exactly 25,000 sats to this bitcoin address.")).ToBeVisibleAsync();
        await tab.CheckAndCaptureAsync("pay-lightning");

        // The wallet pays: the fake store's checkout page, then back to the order, which the platform marks paid.
        await page.GetByRole(AriaRole.Link, new() { Name = "Open the invoice page" }).ClickAsync();
        await Expect(page.GetByText("25000 sats")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay with the fake Lightning wallet" }).ClickAsync();
        await Expect(page.GetByText($"You're going to {title}!")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.GetByText("1 ticket issued.")).ToBeVisibleAsync();
        await tab.CheckAndCaptureAsync("order-paid");

        await page.GetByRole(AriaRole.Link, new() { Name = "See your tickets" }).ClickAsync();
        // The tickets page lists all of the attendee's tickets (other stories' too): this event's one.
        var ticket = page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Grace Hopper" }).Filter(new() { HasText = title });
        var ticketQr = ticket.GetByRole(AriaRole.Img, new() { Name = "QR code of Grace Hopper's ticket" });
        await Expect(ticketQr).ToBeVisibleAsync();
        using var attendee = await PlatformApi.SignInAsync(web, PlatformApi.Attendee);
        var token = (await attendee.TokensAsync(eventId))["Grace Hopper"];
        Assert.Equal(token, await TicketStories.DecodeQrSvgAsync(ticketQr));
        await tab.AssertAccessibleAsync("tickets");
        tab.AssertNoConsoleErrors();

        // At the door: staff the organizer assigned scans the code (typed, as headless chromium has no camera).
        using var staff = await PlatformApi.SignInAsync(web, PlatformApi.Staff);
        await organizer.AddStaffAsync(eventId, staff.UserId);
        await using var door = await web.OpenAsync(Viewport.Phone);
        await door.GotoAsync($"/signin?next={Uri.EscapeDataString($"/scanner?event={eventId}")}");
        await door.SignInAsync(PlatformApi.Staff, PlatformApi.PasswordOf(PlatformApi.Staff));
        await Expect(door.Page.GetByText("Keys and door list (1 ticket) saved")).ToBeVisibleAsync();
        await door.Page.GetByLabel("Or enter the ticket's code").FillAsync(token);
        await door.Page.GetByRole(AriaRole.Button, new() { Name = "Check in" }).ClickAsync();
        var result = door.Page.Locator(".scan-result");
        await Expect(result).ToContainTextAsync("Admitted");
        await Expect(result).ToContainTextAsync("Grace Hopper · Supporter");
        await door.AssertAccessibleAsync("door");
        door.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Attendee_PaysByCard_OnTheFakeStripeCheckout_AndTheOrderMovesOnToPaid()
    {
        var title = $"Card story {Guid.NewGuid():N}"[..24];
        using var organizer = await PlatformApi.SignInAsync(web, PlatformApi.Organizer);
        var (eventId, _) = await organizer.CreateEventAsync(title, capacity: 20, "Supporter", maxPerOrder: 2, priceInCents: 1250);
        await organizer.OfferPaymentProvidersAsync(eventId, "btcpay", "stripe");

        await using var tab = await web.OpenAsync(Viewport.Phone);
        var page = tab.Page;
        await tab.GotoAsync($"/signin?next={Uri.EscapeDataString($"/event?id={eventId}")}");
        await tab.SignInAsync(PlatformApi.Attendee, PlatformApi.PasswordOf(PlatformApi.Attendee));
        await page.GetByLabel("Quantity of Supporter").SelectOptionAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Get tickets" }).ClickAsync();
        await page.GetByLabel("Name on ticket 1 (Supporter)").FillAsync("Dorothy Vaughan");
        await page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();

        // Card instead of Lightning: the browser goes to Stripe's checkout page (the fake's), which asks for the order's amount.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Pay for your order" })).ToBeVisibleAsync();
        var orderUrl = new Uri(page.Url);
        await page.GetByRole(AriaRole.Radio, new() { Name = "Card" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay €12.50" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Fake Stripe Checkout" })).ToBeVisibleAsync();
        Assert.NotEqual(orderUrl.GetLeftPart(UriPartial.Authority), new Uri(page.Url).GetLeftPart(UriPartial.Authority));
        await Expect(page.GetByText("12.50 EUR")).ToBeVisibleAsync();

        // Paying sends Stripe's signed webhook to the platform and the buyer back to the order, which waits for it and moves on by itself.
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay with a test card" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/order\\?id=.*&paying=stripe"));
        Assert.Equal(orderUrl.GetLeftPart(UriPartial.Authority), new Uri(page.Url).GetLeftPart(UriPartial.Authority));
        await Expect(page.GetByText($"You're going to {title}!")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.GetByText("1 ticket issued.")).ToBeVisibleAsync();
        await tab.CheckAndCaptureAsync("order-paid-card");

        await page.GetByRole(AriaRole.Link, new() { Name = "See your tickets" }).ClickAsync();
        var ticketQr = page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Dorothy Vaughan" }).Filter(new() { HasText = title }).GetByRole(AriaRole.Img, new() { Name = "QR code of Dorothy Vaughan's ticket" });
        await Expect(ticketQr).ToBeVisibleAsync();
        using var attendee = await PlatformApi.SignInAsync(web, PlatformApi.Attendee);
        var token = (await attendee.TokensAsync(eventId))["Dorothy Vaughan"];
        Assert.Equal(token, await TicketStories.DecodeQrSvgAsync(ticketQr));
        await tab.AssertAccessibleAsync("tickets");
        tab.AssertNoConsoleErrors();

        // At the door, a device without a camera: staff chooses a picture of the ticket's QR code, which the page reads and checks in.
        using var staff = await PlatformApi.SignInAsync(web, PlatformApi.Staff);
        await organizer.AddStaffAsync(eventId, staff.UserId);
        await using var door = await web.OpenAsync(Viewport.Phone);
        await door.GotoAsync($"/signin?next={Uri.EscapeDataString($"/scanner?event={eventId}")}");
        await door.SignInAsync(PlatformApi.Staff, PlatformApi.PasswordOf(PlatformApi.Staff));
        await Expect(door.Page.GetByText("Keys and door list (1 ticket) saved")).ToBeVisibleAsync();
        var chooser = door.Page.GetByLabel("Or choose a picture of the QR code");
        await chooser.SetInputFilesAsync(new FilePayload { Name = "blank.png", MimeType = "image/png", Buffer = QrImage.Blank() });
        await Expect(door.Page.GetByText("No QR code found in that picture")).ToBeVisibleAsync();
        await Expect(chooser).ToHaveAttributeAsync("aria-invalid", "true");
        var picture = QrImage.Write(token);
        Assert.Equal(token, QrImage.Read(picture));
        await chooser.SetInputFilesAsync(new FilePayload { Name = "ticket.png", MimeType = "image/png", Buffer = picture });
        var result = door.Page.Locator(".scan-result");
        await Expect(result).ToContainTextAsync("Admitted");
        await Expect(result).ToContainTextAsync("Dorothy Vaughan · Supporter");
        await Expect(door.Page.GetByText("No QR code found in that picture")).ToBeHiddenAsync();
        await door.AssertAccessibleAsync("door");
        door.AssertNoConsoleErrors();
    }
}
