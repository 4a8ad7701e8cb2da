using BitcoinEvents.Domain.Results;
using BitcoinEvents.Payments.Crypto;
using NBitcoin;
using BitcoinAddress = BitcoinEvents.Payments.Crypto.BitcoinAddress;
using BitcoinNetwork = BitcoinEvents.Payments.Crypto.BitcoinNetwork;

namespace Payments.Tests.Crypto;

public sealed class BitcoinAddressesTests
{
    private const string Field = "refundAddress";

    [Theory]
    [InlineData("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", BitcoinNetwork.Mainnet, BitcoinAddressType.PayToWitnessPublicKeyHash)]
    [InlineData("bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3", BitcoinNetwork.Mainnet, BitcoinAddressType.PayToWitnessScriptHash)]
    [InlineData("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0", BitcoinNetwork.Mainnet, BitcoinAddressType.PayToTaproot)]
    [InlineData("tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7", BitcoinNetwork.Testnet, BitcoinAddressType.PayToWitnessScriptHash)]
    [InlineData("tb1qqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesrxh6hy", BitcoinNetwork.Signet, BitcoinAddressType.PayToWitnessScriptHash)]
    [InlineData("tb1pqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesf3hn0c", BitcoinNetwork.Testnet, BitcoinAddressType.PayToTaproot)]
    [InlineData("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2", BitcoinNetwork.Mainnet, BitcoinAddressType.PayToPublicKeyHash)]
    [InlineData("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", BitcoinNetwork.Mainnet, BitcoinAddressType.PayToScriptHash)]
    [InlineData("mipcBbFg9gMiCh81Kj8tqqdgoZub1ZJRfn", BitcoinNetwork.Testnet, BitcoinAddressType.PayToPublicKeyHash)]
    [InlineData("2MzQwSSnBHWHqSAqtTVQ6v47XtaisrJa1Vc", BitcoinNetwork.Regtest, BitcoinAddressType.PayToScriptHash)]
    public void Validate_AcceptsAddressesOfTheNetwork(string text, BitcoinNetwork network, BitcoinAddressType type)
    {
        var address = BitcoinAddresses.Validate(text, network, Field).Value;
        Assert.Equal(type, address.Type);
        Assert.Equal(network, address.Network);
        Assert.Equal(text.StartsWith("BC1", StringComparison.Ordinal) ? text.ToLowerInvariant() : text, address.Value);
    }

    [Theory]
    // BIP 350's invalid addresses: wrong prefix, bech32 where bech32m belongs and the reverse, bad
    // characters, witness version 17, bad program lengths, mixed case, bad padding, no data.
    [InlineData("tc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq5zuyut")]
    [InlineData("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd")]
    [InlineData("BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL")]
    [InlineData("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh")]
    [InlineData("bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow4")]
    [InlineData("BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R")]
    [InlineData("bc1pw5dgrnzv")]
    [InlineData("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v8n0nx0muaewav253zgeav")]
    [InlineData("BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P")]
    [InlineData("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf")]
    [InlineData("bc1gmk9yu")]
    // A typo in a legacy address, and things that are not addresses at all.
    [InlineData("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3")]
    [InlineData("bitcoin:bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4")]
    [InlineData("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4 ")]
    [InlineData("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5")]
    [InlineData("0x742d35Cc6634C0532925a3b844Bc454e4438f44e")]
    [InlineData("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t４")]
    [InlineData("'; DROP TABLE payments; --")]
    public void Validate_RefusesWhatIsNotAValidAddress(string text)
    {
        AssertRefused(BitcoinAddresses.Validate(text, BitcoinNetwork.Mainnet, Field), "not");
    }

    [Theory]
    [InlineData("tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq47Zagq", BitcoinNetwork.Testnet, "mixes upper and lower case")]
    [InlineData("tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vpggkg4j", BitcoinNetwork.Testnet, "a typo?")]
    [InlineData("tb1z0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqglt7rf", BitcoinNetwork.Testnet, "a typo?")]
    [InlineData("tb1q0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq24jc47", BitcoinNetwork.Testnet, "a typo?")]
    public void Validate_SaysWhyATestnetAddressIsRefused(string text, BitcoinNetwork network, string reason)
    {
        AssertRefused(BitcoinAddresses.Validate(text, network, Field), reason);
    }

    [Theory]
    // Valid under BIP 350, but no wallet can spend from these witness versions or lengths yet.
    [InlineData("bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y")]
    [InlineData("BC1SW50QGDZ25J")]
    [InlineData("bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs")]
    public void Validate_RefusesWitnessVersionsNotInUse(string text)
    {
        AssertRefused(BitcoinAddresses.Validate(text, BitcoinNetwork.Mainnet, Field), "not in use yet");
    }

    [Theory]
    [InlineData("tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7", BitcoinNetwork.Mainnet, "is a testnet or signet address; refunds here are paid on mainnet")]
    [InlineData("mipcBbFg9gMiCh81Kj8tqqdgoZub1ZJRfn", BitcoinNetwork.Mainnet, "is a testnet address; refunds here are paid on mainnet")]
    [InlineData("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0", BitcoinNetwork.Testnet, "is a mainnet address; refunds here are paid on testnet")]
    [InlineData("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", BitcoinNetwork.Regtest, "is a mainnet address; refunds here are paid on regtest")]
    [InlineData("tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7", BitcoinNetwork.Regtest, "is a testnet or signet address; refunds here are paid on regtest")]
    public void Validate_NamesTheNetworkOfAnAddressFromAnother(string text, BitcoinNetwork network, string reason)
    {
        AssertRefused(BitcoinAddresses.Validate(text, network, Field), reason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Validate_AsksForAMissingAddress(string? text)
    {
        AssertRefused(BitcoinAddresses.Validate(text, BitcoinNetwork.Mainnet, Field), "is required");
    }

    [Fact]
    public void Validate_RefusesAHugeInputWithoutDecodingIt()
    {
        AssertRefused(BitcoinAddresses.Validate(new string('1', 100_000), BitcoinNetwork.Mainnet, Field), "not a Bitcoin address");
    }

    [Fact]
    public void Validate_AgreesWithNBitcoinsAddressParserOnEveryAddressType()
    {
        // NBitcoin's full address classes are not AOT-clean, so production uses its encoders and
        // the network rules; here (JIT) its complete parser is the referee.
        var networks = new (BitcoinNetwork Ours, Network Theirs)[] { (BitcoinNetwork.Mainnet, Network.Main), (BitcoinNetwork.Testnet, Network.TestNet), (BitcoinNetwork.Regtest, Network.RegTest) };
        var random = new Random(42);
        for (var i = 0; i < 60; i++)
        {
            using var key = new Key();
            foreach (var (ours, theirs) in networks)
            {
                var addresses = new (NBitcoin.BitcoinAddress Address, BitcoinAddressType Type)[]
                {
                    (key.PubKey.GetAddress(ScriptPubKeyType.Legacy, theirs), BitcoinAddressType.PayToPublicKeyHash),
                    (key.PubKey.GetAddress(ScriptPubKeyType.SegwitP2SH, theirs), BitcoinAddressType.PayToScriptHash),
                    (key.PubKey.GetAddress(ScriptPubKeyType.Segwit, theirs), BitcoinAddressType.PayToWitnessPublicKeyHash),
                    (key.PubKey.WitHash.ScriptPubKey.WitHash.GetAddress(theirs), BitcoinAddressType.PayToWitnessScriptHash),
                    (key.PubKey.GetAddress(ScriptPubKeyType.TaprootBIP86, theirs), BitcoinAddressType.PayToTaproot),
                };
                foreach (var (address, type) in addresses)
                {
                    var text = address.ToString();
                    Assert.Equal(type, BitcoinAddresses.Validate(text, ours, Field).Value.Type);

                    // One character changed: NBitcoin and we agree it is no longer an address of this network.
                    var position = random.Next(4, text.Length);
                    var replacement = text[position] == 'q' ? 'p' : 'q';
                    var typo = string.Concat(text.AsSpan(0, position), replacement.ToString(), text.AsSpan(position + 1));
                    Assert.Equal(ParsesWithNBitcoin(typo, theirs), BitcoinAddresses.Validate(typo, ours, Field).IsSuccess);
                }
            }
        }
    }

    private static bool ParsesWithNBitcoin(string text, Network network)
    {
        try
        {
            var parsed = NBitcoin.BitcoinAddress.Create(text, network);
            return parsed is BitcoinPubKeyAddress or BitcoinScriptAddress or BitcoinWitPubKeyAddress or BitcoinWitScriptAddress or TaprootAddress;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static void AssertRefused(Result<BitcoinAddress> result, string reason)
    {
        var failure = Assert.IsType<ValidationFailed>(result.Error);
        var error = Assert.Single(failure.Errors);
        Assert.Equal(Field, error.Field);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }
}
