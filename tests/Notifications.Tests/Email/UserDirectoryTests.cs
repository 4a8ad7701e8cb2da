using BitcoinEvents.Notifications.Recipients;
using Notifications.Tests.Support;

namespace Notifications.Tests.Email;

/// <summary>Addresses come from the user pool, by the sub the domain events carry (ListUsers with a sub filter, which cognito-local and Cognito both answer).</summary>
public sealed class UserDirectoryTests(NotificationsPlatform platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FindsTheUsersEmail_BySub()
    {
        var user = await platform.NewUserAsync();

        var found = await platform.Service<UserDirectory>().FindAsync(user.Sub, Ct);

        Assert.Equal(new Recipient(user.Sub, user.Email, true), found);
    }

    [Theory]
    [InlineData("00000000-0000-4000-8000-000000000000")]
    [InlineData("\" or sub ^= \"")]
    [InlineData("not-a-sub")]
    public async Task AnUnknownOrMalformedSub_FindsNobody(string sub)
    {
        Assert.Null(await platform.Service<UserDirectory>().FindAsync(sub, Ct));
    }
}
