using System.Security.Cryptography;
using BitcoinEvents.Domain.Notifications;
using BitcoinEvents.Notifications.Unsubscribe;

namespace Notifications.Tests.Email;

/// <summary>The signed unsubscribe token: it names one user, kind and channel, and nothing else reads as one.</summary>
public sealed class UnsubscribeTokenTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly UnsubscribeScope Scope = new("00000000-0000-4000-8000-000000000042", NotificationKind.EventReminder, NotificationChannel.Email);

    [Fact]
    public async Task AToken_ReadsBackAsTheScopeItWasMadeFor()
    {
        var tokens = new UnsubscribeTokens(new LocalMacKey(RandomNumberGenerator.GetBytes(32)));

        var token = await tokens.CreateAsync(Scope, Ct);

        Assert.Equal(Scope, await tokens.ReadAsync(token, Ct));
        Assert.Matches("^v1\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}$", token);
        Assert.True(token.Length < 200);
    }

    [Fact]
    public async Task ATokenOfAnotherKey_OrEditedAnywhere_ReadsAsNothing()
    {
        var tokens = new UnsubscribeTokens(new LocalMacKey(RandomNumberGenerator.GetBytes(32)));
        var token = await tokens.CreateAsync(Scope, Ct);
        var other = await new UnsubscribeTokens(new LocalMacKey(RandomNumberGenerator.GetBytes(32))).CreateAsync(Scope, Ct);
        var parts = token.Split('.');
        var forgedPayload = System.Buffers.Text.Base64Url.EncodeToString("00000000-0000-4000-8000-000000000043\neventReminder\nemail"u8);

        Assert.Null(await tokens.ReadAsync(other, Ct));
        Assert.Null(await tokens.ReadAsync($"{parts[0]}.{forgedPayload}.{parts[2]}", Ct));
        Assert.Null(await tokens.ReadAsync($"v2.{parts[1]}.{parts[2]}", Ct));
        Assert.Null(await tokens.ReadAsync(token + "A", Ct));
        Assert.Null(await tokens.ReadAsync(token[..^1] + (token[^1] == 'A' ? 'B' : 'A'), Ct));
        Assert.Null(await tokens.ReadAsync(null, Ct));
        Assert.Null(await tokens.ReadAsync("", Ct));
        Assert.Null(await tokens.ReadAsync(new string('v', 10_000), Ct));
    }
}
