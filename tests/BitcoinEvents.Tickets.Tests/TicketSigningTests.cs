using BitcoinEvents.Tickets.Signing;
using BitcoinEvents.Tickets.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BitcoinEvents.Tickets.Tests;

public sealed class TicketSigningTests : IDisposable
{
    private readonly KmsStandIn _kms = new();

    public void Dispose() => _kms.Dispose();

    private ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(Tokens.Now));
        services.AddSingleton(_kms.Client);
        services.AddTicketSigning();
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task LocalKeys_SignerRingAndVerifierAgree()
    {
        using var sp = Services(new() { [TicketSigning.LocalKeysSetting] = LocalTicketKeys.CreateJwkSet() });

        var jws = await sp.GetRequiredService<ITicketSigner>().SignAsync(Tokens.Sample(), "A", Ct);

        Assert.IsType<LocalTicketKeys>(sp.GetRequiredService<ITicketKeyRing>());
        Assert.IsType<TicketVerification.Valid>(await sp.GetRequiredService<TicketVerifier>().VerifyAsync(jws, Ct));
    }

    [Fact]
    public async Task KmsKeys_CurrentSignsAndThePreviousCommaListVerifies()
    {
        var previous1 = _kms.CreateKey();
        var previous2 = _kms.CreateKey();
        var current = _kms.CreateKey();
        using var sp = Services(new()
        {
            [TicketSigning.SigningKeyIdSetting] = current,
            [TicketSigning.VerifyingKeyIdsSetting] = $" {previous1} ,{previous2},",
        });

        var jws = await sp.GetRequiredService<ITicketSigner>().SignAsync(Tokens.Sample(), "A", Ct);

        Assert.IsType<KmsTicketKeys>(sp.GetRequiredService<ITicketKeyRing>());
        Assert.Equal(3, (await sp.GetRequiredService<ITicketKeyRing>().GetVerificationKeysAsync(Ct)).Count);
        Assert.Equal([current, previous1, previous2], _kms.PublicKeyRequests.Select(r => r.KeyId));
        Assert.Equal(current, Assert.Single(_kms.SignRequests).KeyId);
        Assert.IsType<TicketVerification.Valid>(await sp.GetRequiredService<TicketVerifier>().VerifyAsync(jws, Ct));
    }

    [Fact]
    public void Neither_ThrowsNamingBothSettings()
    {
        using var sp = Services([]);

        var e = Assert.Throws<InvalidOperationException>(() => sp.GetRequiredService<ITicketSigner>());
        Assert.Contains(TicketSigning.SigningKeyIdSetting, e.Message, StringComparison.Ordinal);
        Assert.Contains(TicketSigning.LocalKeysSetting, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_Throws()
    {
        using var sp = Services(new()
        {
            [TicketSigning.SigningKeyIdSetting] = _kms.CreateKey(),
            [TicketSigning.LocalKeysSetting] = LocalTicketKeys.CreateJwkSet(),
        });

        Assert.Throws<InvalidOperationException>(() => sp.GetRequiredService<ITicketKeyRing>());
    }

    [Fact]
    public void SignerAndRing_AreOneObject()
    {
        using var sp = Services(new() { [TicketSigning.LocalKeysSetting] = LocalTicketKeys.CreateJwkSet() });

        Assert.Same(sp.GetRequiredService<ITicketSigner>(), sp.GetRequiredService<ITicketKeyRing>());
    }
}
