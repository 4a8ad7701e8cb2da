using BitcoinEvents.Tickets;
using BitcoinEvents.Tickets.Signing;

namespace BitcoinEvents.LocalAws.Tests;

/// <summary>
/// KMS has no local server: the template's ticket signing key is stood in for by a local JWK Set,
/// given to every function in place of the variables naming the key, kept in the data folder
/// (owner-only) when the data persists, fresh when it does not.
/// </summary>
public sealed class TicketKeyTests(LocalAwsFixture fixture)
{
    [Fact]
    public async Task FunctionsThatSign_GetTheLocalKeySet_InPlaceOfTheKmsKey()
    {
        var config = fixture.Resources.ConfigurationFor(fixture.Template.Function("ReassignTicketFunction"));

        Assert.False(config.ContainsKey(TicketSigning.SigningKeyIdSetting), "A KMS key id has no meaning locally.");
        using var keys = LocalTicketKeys.FromJwkSet(config[TicketSigning.LocalKeysSetting], TimeProvider.System);
        var token = await keys.SignAsync(new Domain.Ticketing.TicketToken("t", "e", [], 1), "Alice", TestContext.Current.CancellationToken);
        Assert.IsType<TicketVerification.Valid>(await new TicketVerifier(keys).VerifyAsync(token, TestContext.Current.CancellationToken));
        Assert.Equal(config[TicketSigning.LocalKeysSetting], fixture.Resources.AllConfiguration()[TicketSigning.LocalKeysSetting]);
        Assert.False(fixture.Resources.AllConfiguration().ContainsKey(TicketSigning.SigningKeyIdSetting));
    }

    [Fact]
    public void PersistentData_KeepsOneKeySet_ReadableByItsOwnerOnly_WhileInMemoryRunsEachMakeTheirOwn()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ticket-keys-" + Guid.NewGuid().ToString("N"));
        try
        {
            var first = LocalTicketKeyStore.Load(folder);
            var again = LocalTicketKeyStore.Load(folder);

            Assert.Equal(first, again);
            var path = Path.Combine(folder, LocalTicketKeyStore.FileName);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }

            Assert.Single(Directory.GetFiles(folder));
            Assert.NotEqual(LocalTicketKeyStore.Load(null), LocalTicketKeyStore.Load(null));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
