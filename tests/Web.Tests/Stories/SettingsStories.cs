using Microsoft.Playwright;
using Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Web.Tests.Stories;

/// <summary>The user's notification preferences: SMS for reminders needs a valid mobile number; what is saved stays.</summary>
public sealed class SettingsStories(WebFixture web)
{
    [Fact]
    public async Task User_ChoosesSmsReminders_IsToldWhatIsMissing_AndTheChoiceIsKept()
    {
        await using var tab = await web.OpenAsync(Viewport.Phone);
        var page = tab.Page;
        await tab.GotoAsync("/signin?next=%2Fsettings");
        // Its own user: the other stories' attendee keeps the defaults.
        await tab.SignInAsync("attendee2@demo.local", "Demo-Attendee-2");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Notifications", Level = 1 })).ToBeVisibleAsync();

        var confirmationsByEmail = page.GetByLabel("Order confirmations and tickets by Email");
        await Expect(confirmationsByEmail).ToBeCheckedAsync();
        await Expect(confirmationsByEmail).ToBeDisabledAsync();
        var remindersBySms = page.GetByLabel("Reminders the day before an event by SMS");
        await Expect(remindersBySms).Not.ToBeCheckedAsync();

        // SMS without a number: the API names the checkbox's field, the page marks it.
        tab.ExpectApiRefusal(400);
        await remindersBySms.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.Locator(".problem")).ToBeFocusedAsync();
        await Expect(remindersBySms).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Reminders the day before an event" }).Locator(".field-error")).ToContainTextAsync("phoneNumber");

        // A number that is no mobile number: refused next to its field.
        var phone = page.GetByLabel("Mobile number for SMS");
        await phone.FillAsync("12345");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(phone).ToHaveAttributeAsync("aria-invalid", "true");
        await tab.CheckAndCaptureAsync("settings-errors");

        await phone.FillAsync("+351912345678");
        await page.GetByLabel("From").FillAsync("22:00");
        await page.GetByLabel("Until").FillAsync("07:30");
        await page.GetByLabel("In time zone").FillAsync("Europe/Lisbon");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByText("Saved.")).ToBeVisibleAsync();
        await Expect(page.Locator(".problem")).ToHaveCountAsync(0);

        await page.ReloadAsync();
        await Expect(remindersBySms).ToBeCheckedAsync();
        await Expect(phone).ToHaveValueAsync("+351912345678");
        await Expect(page.GetByLabel("From")).ToHaveValueAsync("22:00");
        await Expect(page.GetByLabel("In time zone")).ToHaveValueAsync("Europe/Lisbon");
        await tab.CheckAndCaptureAsync("settings");
    }
}
