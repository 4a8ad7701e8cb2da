using BitcoinEvents.Domain.Results;
using NBitcoin.DataEncoders;

namespace BitcoinEvents.Payments.Crypto;

/// <summary>The kinds of address a refund may go to.</summary>
public enum BitcoinAddressType
{
    /// <summary>Legacy pay-to-public-key-hash (1…, m…/n…).</summary>
    PayToPublicKeyHash,

    /// <summary>Pay-to-script-hash (3…, 2…).</summary>
    PayToScriptHash,

    /// <summary>Segwit v0 key hash (bc1q…, 20 bytes).</summary>
    PayToWitnessPublicKeyHash,

    /// <summary>Segwit v0 script hash (bc1q…, 32 bytes).</summary>
    PayToWitnessScriptHash,

    /// <summary>Taproot (bc1p…, segwit v1, 32 bytes).</summary>
    PayToTaproot,
}

/// <summary>A Bitcoin address checked against the platform's network, in the form to send to (bech32 in lower case).</summary>
public sealed record BitcoinAddress(string Value, BitcoinAddressType Type, BitcoinNetwork Network)
{
    public override string ToString() => Value;
}

/// <summary>
/// Checks addresses buyers give (a refund's destination) with NBitcoin's encoders: Base58Check for
/// legacy addresses, bech32/bech32m with BIP 350's rules for segwit. The checksums catch typos; the
/// prefix and version byte catch an address of another network. Only address types in use today are
/// accepted (segwit v0 and taproot, not future witness versions that anyone could spend from).
/// NBitcoin's <c>BitcoinAddress</c>/<c>Network</c> classes are not used: they are not AOT-clean
/// (trim warnings in BitcoinStream), and its encoders are.
/// </summary>
public static class BitcoinAddresses
{
    private const int Bech32MaxLength = 90;

    /// <summary>
    /// The address in <paramref name="text"/>, if it is a valid address of <paramref name="network"/>;
    /// otherwise a validation error naming <paramref name="field"/> and why.
    /// </summary>
    public static Result<BitcoinAddress> Validate(string? text, BitcoinNetwork network, string field)
    {
        ArgumentException.ThrowIfNullOrEmpty(field);
        if (string.IsNullOrWhiteSpace(text))
        {
            return new ValidationFailed(field, "is required: the Bitcoin address the refund goes to.");
        }

        if (text.Length is < 14 or > Bech32MaxLength || !IsAlphanumericAscii(text))
        {
            return new ValidationFailed(field, "is not a Bitcoin address.");
        }

        var separator = text.LastIndexOf('1');
        var prefix = separator > 0 ? text[..separator].ToLowerInvariant() : null;
        if (prefix is "bc" or "tb" or "bcrt")
        {
            return Segwit(text, prefix, network, field);
        }

        return Legacy(text, network, field);
    }

    private static Result<BitcoinAddress> Segwit(string text, string prefix, BitcoinNetwork network, string field)
    {
        if (!string.Equals(prefix, network.Bech32Prefix(), StringComparison.Ordinal))
        {
            return WrongNetwork(field, prefix switch { "bc" => "mainnet", "tb" => "testnet or signet", _ => "regtest" }, network);
        }

        var lower = text.ToLowerInvariant();
        if (!string.Equals(text, lower, StringComparison.Ordinal) && !string.Equals(text, text.ToUpperInvariant(), StringComparison.Ordinal))
        {
            return new ValidationFailed(field, "mixes upper and lower case, which a segwit address never does.");
        }

        byte[] program;
        byte version;
        try
        {
            program = Encoders.Bech32(prefix).Decode(lower, out version);
        }
        catch (FormatException)
        {
            return NotValid(field);
        }

        var type = (version, program.Length) switch
        {
            (0, 20) => BitcoinAddressType.PayToWitnessPublicKeyHash,
            (0, 32) => BitcoinAddressType.PayToWitnessScriptHash,
            (1, 32) => BitcoinAddressType.PayToTaproot,
            _ => (BitcoinAddressType?)null,
        };
        return type is { } known
            ? new BitcoinAddress(lower, known, network)
            : new ValidationFailed(field, $"is a segwit version {version} address, which is not in use yet: give a {network.Bech32Prefix()}1q… or {network.Bech32Prefix()}1p… address.");
    }

    private static Result<BitcoinAddress> Legacy(string text, BitcoinNetwork network, string field)
    {
        byte[] payload;
        try
        {
            payload = Encoders.Base58Check.DecodeData(text);
        }
        catch (FormatException)
        {
            return NotValid(field);
        }

        if (payload.Length != 21)
        {
            return new ValidationFailed(field, "is not a Bitcoin address.");
        }

        var (publicKeyHash, scriptHash) = network.Base58Versions();
        if (payload[0] == publicKeyHash)
        {
            return new BitcoinAddress(text, BitcoinAddressType.PayToPublicKeyHash, network);
        }

        if (payload[0] == scriptHash)
        {
            return new BitcoinAddress(text, BitcoinAddressType.PayToScriptHash, network);
        }

        return payload[0] switch
        {
            0x00 or 0x05 => WrongNetwork(field, "mainnet", network),
            0x6f or 0xc4 => WrongNetwork(field, "testnet", network),
            _ => new ValidationFailed(field, "is not a Bitcoin address."),
        };
    }

    private static ValidationFailed NotValid(string field) =>
        new(field, "is not a valid Bitcoin address: its checksum or encoding is wrong (a typo?).");

    private static ValidationFailed WrongNetwork(string field, string addressNetwork, BitcoinNetwork network) =>
        new(field, $"is a {addressNetwork} address; refunds here are paid on {network.DisplayName()}.");

    private static bool IsAlphanumericAscii(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
