using System.Text;
using System.Text.Json;
using BitcoinEvents.Tickets.Signing;
using BitcoinEvents.Tickets.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace BitcoinEvents.Tickets.Tests;

public class TicketJwsTests
{
    [Fact]
    public async Task Sign_Header_IsExactlyAlgTypKid()
    {
        using var keys = LocalTicketKeys.FromJwkSet(LocalTicketKeys.CreateJwkSet(), new FakeTimeProvider(Tokens.Now));
        var kid = (await keys.GetVerificationKeysAsync(Ct))[0].KeyId;

        var jws = await keys.SignAsync(Tokens.Sample(), "Satoshi Nakamoto", Ct);

        Assert.Equal($$"""{"alg":"ES256","typ":"JWT","kid":"{{kid}}"}""", Tokens.Json(Tokens.Part(jws, 0)));
    }

    [Fact]
    public async Task Sign_Payload_CarriesTicketEventSessionsRevisionNameAndIssuedAt()
    {
        using var keys = LocalTicketKeys.FromJwkSet(LocalTicketKeys.CreateJwkSet(), new FakeTimeProvider(Tokens.Now));

        var jws = await keys.SignAsync(Tokens.Sample(3, "s1", "s2"), "Hal Finney", Ct);

        Assert.Equal(
            """{"tid":"0f1e2d3c4b5a69788796a5b4c3d2e1f0","eid":"a1b2c3d4e5f60718293a4b5c6d7e8f90","sid":["s1","s2"],"rev":3,"nam":"Hal Finney","iat":1796149800}""",
            Tokens.Json(Tokens.Part(jws, 1)));
        Assert.Equal(1796149800, Tokens.Now.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task Sign_WholeEventTicket_HasAnEmptySessionList()
    {
        using var keys = LocalTicketKeys.FromJwkSet(LocalTicketKeys.CreateJwkSet(), new FakeTimeProvider(Tokens.Now));

        var jws = await keys.SignAsync(Tokens.Sample(), "A", Ct);

        using var payload = JsonDocument.Parse(Tokens.Json(Tokens.Part(jws, 1)));
        Assert.Equal(JsonValueKind.Array, payload.RootElement.GetProperty("sid").ValueKind);
        Assert.Equal(0, payload.RootElement.GetProperty("sid").GetArrayLength());
    }

    [Fact]
    public async Task Sign_NonAsciiName_IsUtf8InThePayloadAndReadsBack()
    {
        using var keys = LocalTicketKeys.FromJwkSet(LocalTicketKeys.CreateJwkSet(), new FakeTimeProvider(Tokens.Now));
        const string name = "José \"Pepe\" Núñez — 佐藤";

        var jws = await keys.SignAsync(Tokens.Sample(), name, Ct);

        var payload = Tokens.Unb64(Tokens.Part(jws, 1));
        Assert.Contains("José", Encoding.UTF8.GetString(payload), StringComparison.Ordinal);
        var valid = Assert.IsType<TicketVerification.Valid>(await new TicketVerifier(keys).VerifyAsync(jws, Ct));
        Assert.Equal(name, valid.HolderName);
    }

    [Fact]
    public async Task Sign_Output_IsThreeCanonicalBase64UrlParts()
    {
        using var keys = LocalTicketKeys.FromJwkSet(LocalTicketKeys.CreateJwkSet(), new FakeTimeProvider(Tokens.Now));

        var jws = await keys.SignAsync(Tokens.Sample(1, "s1"), "Adam Back", Ct);

        var parts = jws.Split('.');
        Assert.Equal(3, parts.Length);
        Assert.All(parts, p => Assert.Matches("^[A-Za-z0-9_-]+$", p));
        Assert.Equal(64, Tokens.Unb64(parts[2]).Length);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task Sign_RevisionBelowOne_Throws(int revision)
    {
        using var keys = LocalTicketKeys.FromJwkSet(LocalTicketKeys.CreateJwkSet(), new FakeTimeProvider(Tokens.Now));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => keys.SignAsync(Tokens.Sample(revision), "A", Ct));
    }

    [Fact]
    public async Task Sign_NameLongerThanTheDomainAllows_Throws()
    {
        using var keys = LocalTicketKeys.FromJwkSet(LocalTicketKeys.CreateJwkSet(), new FakeTimeProvider(Tokens.Now));
        await Assert.ThrowsAsync<ArgumentException>(() => keys.SignAsync(Tokens.Sample(), new string('x', 121), Ct));
    }
}
