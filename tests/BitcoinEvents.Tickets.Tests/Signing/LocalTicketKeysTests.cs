using System.Text.Json;
using System.Text.Json.Nodes;
using BitcoinEvents.Tickets.Signing;
using BitcoinEvents.Tickets.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace BitcoinEvents.Tickets.Tests.Signing;

public class LocalTicketKeysTests
{
    private static readonly FakeTimeProvider Clock = new(Tokens.Now);

    [Fact]
    public async Task CreateJwkSet_OneFreshPrivateKey_WhoseKidIsItsThumbprint()
    {
        var json = LocalTicketKeys.CreateJwkSet();
        var jwk = JsonNode.Parse(json)!["keys"]!.AsArray().Single()!;

        using var keys = LocalTicketKeys.FromJwkSet(json, Clock);
        var key = (await keys.GetVerificationKeysAsync(Ct)).Single();

        Assert.Equal("EC", (string?)jwk["kty"]);
        Assert.Equal("P-256", (string?)jwk["crv"]);
        Assert.NotNull((string?)jwk["d"]);
        Assert.Equal(key.KeyId, (string?)jwk["kid"]);
        Assert.NotEqual(key.KeyId, (await KeyOf(LocalTicketKeys.CreateJwkSet())).KeyId); // a new key each time
    }

    [Fact]
    public async Task Rotation_NewKeySigns_OldTokensStillVerifyWhileTheOldKeyIsListed()
    {
        var first = LocalTicketKeys.CreateJwkSet();
        using var before = LocalTicketKeys.FromJwkSet(first, Clock);
        var oldToken = await before.SignAsync(Tokens.Sample(), "Old", Ct);

        var rotated = LocalTicketKeys.CreateJwkSet(first);
        using var after = LocalTicketKeys.FromJwkSet(rotated, Clock);
        var newToken = await after.SignAsync(Tokens.Sample(), "New", Ct);
        var ring = await after.GetVerificationKeysAsync(Ct);

        Assert.Equal(2, ring.Count);
        Assert.Equal(ring[0].KeyId, Kid(newToken));
        Assert.Equal(ring[1].KeyId, Kid(oldToken));
        Assert.IsType<TicketVerification.Valid>(await new TicketVerifier(after).VerifyAsync(oldToken, Ct));
        Assert.IsType<TicketVerification.Valid>(await new TicketVerifier(after).VerifyAsync(newToken, Ct));
    }

    [Fact]
    public async Task Rotation_OldKeyRemoved_ItsTokensNoLongerVerify()
    {
        var first = LocalTicketKeys.CreateJwkSet();
        using var before = LocalTicketKeys.FromJwkSet(first, Clock);
        var oldToken = await before.SignAsync(Tokens.Sample(), "Old", Ct);
        var rotated = JsonNode.Parse(LocalTicketKeys.CreateJwkSet(first))!;
        rotated["keys"]!.AsArray().RemoveAt(1);

        using var retired = LocalTicketKeys.FromJwkSet(rotated.ToJsonString(), Clock);
        var result = await new TicketVerifier(retired).VerifyAsync(oldToken, Ct);

        Assert.Equal(TicketRejectionCodes.UnknownKey, Assert.IsType<TicketVerification.Invalid>(result).Code);
    }

    [Fact]
    public async Task FromJwkSet_PublicOnlyKeysAfterTheFirst_VerifyButNeverSign()
    {
        var old = JsonNode.Parse(LocalTicketKeys.CreateJwkSet())!;
        using var oldKeys = LocalTicketKeys.FromJwkSet(old.ToJsonString(), Clock);
        var oldToken = await oldKeys.SignAsync(Tokens.Sample(), "A", Ct);
        var publicOld = old["keys"]![0]!.AsObject();
        publicOld.Remove("d");
        var current = JsonNode.Parse(LocalTicketKeys.CreateJwkSet())!;
        current["keys"]!.AsArray().Add(publicOld.DeepClone());

        using var keys = LocalTicketKeys.FromJwkSet(current.ToJsonString(), Clock);

        Assert.IsType<TicketVerification.Valid>(await new TicketVerifier(keys).VerifyAsync(oldToken, Ct));
        Assert.NotEqual(Kid(oldToken), Kid(await keys.SignAsync(Tokens.Sample(), "A", Ct)));
    }

    [Fact]
    public void FromJwkSet_FirstKeyWithoutPrivatePart_Throws()
    {
        var set = JsonNode.Parse(LocalTicketKeys.CreateJwkSet())!;
        set["keys"]![0]!.AsObject().Remove("d");

        var e = Assert.Throws<FormatException>(() => LocalTicketKeys.FromJwkSet(set.ToJsonString(), Clock));
        Assert.Contains("first", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void FromJwkSet_PrivatePartOfAnotherKey_ThrowsWithoutQuotingIt()
    {
        var set = JsonNode.Parse(LocalTicketKeys.CreateJwkSet())!;
        var other = JsonNode.Parse(LocalTicketKeys.CreateJwkSet())!;
        var foreignD = (string)other["keys"]![0]!["d"]!;
        set["keys"]![0]!["d"] = foreignD;

        var e = Assert.Throws<FormatException>(() => LocalTicketKeys.FromJwkSet(set.ToJsonString(), Clock));
        Assert.DoesNotContain(foreignD, e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void FromJwkSet_BrokenJson_ThrowsWithoutQuotingTheInput()
    {
        var json = LocalTicketKeys.CreateJwkSet();
        var d = (string)JsonNode.Parse(json)!["keys"]![0]!["d"]!;
        var broken = json.Replace($"\"{d}\"", d, StringComparison.Ordinal); // d unquoted: invalid JSON

        var e = Assert.Throws<FormatException>(() => LocalTicketKeys.FromJwkSet(broken, Clock));
        Assert.DoesNotContain(d, e.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kid", "\"not-the-thumbprint\"")]
    [InlineData("kty", "\"RSA\"")]
    [InlineData("crv", "\"P-384\"")]
    [InlineData("alg", "\"HS256\"")]
    [InlineData("use", "\"enc\"")]
    [InlineData("x", "\"AAAA\"")]
    [InlineData("y", "null")]
    public void FromJwkSet_NotAnEs256P256Key_Throws(string member, string value)
    {
        var set = JsonNode.Parse(LocalTicketKeys.CreateJwkSet())!;
        set["keys"]![0]![member] = JsonNode.Parse(value);

        Assert.Throws<FormatException>(() => LocalTicketKeys.FromJwkSet(set.ToJsonString(), Clock));
    }

    [Theory]
    [InlineData("""{"keys":[]}""")]
    [InlineData("""{}""")]
    [InlineData("""[]""")]
    public void FromJwkSet_NoKeys_Throws(string json) =>
        Assert.Throws<FormatException>(() => LocalTicketKeys.FromJwkSet(json, Clock));

    [Fact]
    public void FromJwkSet_SameKeyTwice_Throws()
    {
        var set = JsonNode.Parse(LocalTicketKeys.CreateJwkSet())!;
        set["keys"]!.AsArray().Add(set["keys"]![0]!.DeepClone());

        Assert.Throws<FormatException>(() => LocalTicketKeys.FromJwkSet(set.ToJsonString(), Clock));
    }

    [Fact]
    public async Task Jwks_HoldsPublicMembersOnly()
    {
        using var keys = LocalTicketKeys.FromJwkSet(LocalTicketKeys.CreateJwkSet(LocalTicketKeys.CreateJwkSet()), Clock);

        var jwks = await keys.GetJwksJsonAsync(Ct);

        using var doc = JsonDocument.Parse(jwks);
        var published = doc.RootElement.GetProperty("keys").EnumerateArray().ToList();
        Assert.Equal(2, published.Count);
        Assert.All(published, k => Assert.Equal(
            ["kty", "crv", "x", "y", "kid", "use", "alg"],
            k.EnumerateObject().Select(p => p.Name)));
        Assert.All(published, k => Assert.Equal("ES256", k.GetProperty("alg").GetString()));
        Assert.All(published, k => Assert.Equal("sig", k.GetProperty("use").GetString()));
        Assert.DoesNotContain("\"d\"", jwks, StringComparison.Ordinal);
    }

    private static async Task<BitcoinEvents.Tickets.Jose.EcPublicKey> KeyOf(string json)
    {
        using var keys = LocalTicketKeys.FromJwkSet(json, Clock);
        return (await keys.GetVerificationKeysAsync(Ct))[0];
    }

    private static string Kid(string jws) => JsonNode.Parse(Tokens.Json(Tokens.Part(jws, 0)))!["kid"]!.GetValue<string>();
}
