using Microsoft.Playwright;
using Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Web.Tests.Stories;

/// <summary>A newcomer creates an account with the e-mailed code, is signed in, and signs out.</summary>
public sealed class AccountStories(WebFixture web)
{
    [Fact]
    public async Task Newcomer_SignsUp_ConfirmsWithTheEmailedCode_AndSignsOut()
    {
        await using var tab = await web.OpenAsync(Viewport.Phone);
        var page = tab.Page;
        var email = $"newcomer-{Guid.NewGuid():N}@example.test";

        await tab.GotoAsync("/signup");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("Newcomer-Passw0rd");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Confirm your email" })).ToBeVisibleAsync();
        await Expect(page.GetByText($"We sent a code to {email}.")).ToBeVisibleAsync();
        await tab.CheckAndCaptureAsync("signup-confirm");

        // A wrong code is refused next to the code field (Cognito answers 400: expected in the console).
        tab.ExpectCognitoRefusal(400);
        await page.GetByLabel("Confirmation code").FillAsync("000000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Expect(page.GetByLabel("Confirmation code")).ToHaveAttributeAsync("aria-invalid", "true");

        await page.GetByLabel("Confirmation code").FillAsync(await web.ConfirmationCodeAsync(email));
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Upcoming events" })).ToBeVisibleAsync();
        await Expect(page.GetByText($"Signed in as {email}")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "My orders", Exact = true })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "My orders", Exact = true })).ToHaveCountAsync(0);
        tab.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task WrongPassword_IsShownNextToThePassword()
    {
        await using var tab = await web.OpenAsync(Viewport.Desktop);
        var page = tab.Page;
        await tab.GotoAsync("/signin");
        tab.ExpectCognitoRefusal(400);
        await tab.SignInAsync("attendee@demo.local", "not-the-password");

        var password = page.GetByLabel("Password");
        await Expect(password).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#field-password-error")).ToHaveTextAsync("Wrong email or password.");
        await tab.CheckAndCaptureAsync("signin-error");
    }
}
