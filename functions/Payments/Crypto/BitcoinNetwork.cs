namespace BitcoinEvents.Payments.Crypto;

/// <summary>
/// The Bitcoin network the platform's wallets live on, from configuration
/// (<c>Payments:Bitcoin:Network</c>: mainnet, testnet, signet, regtest). Addresses a buyer gives
/// must belong to it: a testnet address refunded from a mainnet wallet is money sent nowhere.
/// </summary>
public enum BitcoinNetwork
{
    Mainnet,
    Testnet,
    Signet,
    Regtest,
}

/// <summary>What tells the networks' addresses apart: the bech32 prefix and the base58 version bytes.</summary>
public static class BitcoinNetworks
{
    /// <summary>Parses the configured name (case-insensitive: "mainnet", "main", "testnet", "testnet4", "signet", "regtest").</summary>
    public static bool TryParse(string? name, out BitcoinNetwork network)
    {
        (var known, network) = name?.Trim().ToUpperInvariant() switch
        {
            "MAINNET" or "MAIN" or "BITCOIN" => (true, BitcoinNetwork.Mainnet),
            "TESTNET" or "TESTNET3" or "TESTNET4" or "TEST" => (true, BitcoinNetwork.Testnet),
            "SIGNET" => (true, BitcoinNetwork.Signet),
            "REGTEST" => (true, BitcoinNetwork.Regtest),
            _ => (false, BitcoinNetwork.Mainnet),
        };
        return known;
    }

    /// <summary>The human-readable part of the network's segwit addresses (BIP 173).</summary>
    public static string Bech32Prefix(this BitcoinNetwork network) => network switch
    {
        BitcoinNetwork.Mainnet => "bc",
        BitcoinNetwork.Testnet or BitcoinNetwork.Signet => "tb",
        BitcoinNetwork.Regtest => "bcrt",
        _ => throw new ArgumentOutOfRangeException(nameof(network)),
    };

    /// <summary>Base58Check version bytes of the network's legacy addresses: (pay to public key hash, pay to script hash).</summary>
    public static (byte PublicKeyHash, byte ScriptHash) Base58Versions(this BitcoinNetwork network) =>
        network == BitcoinNetwork.Mainnet ? ((byte)0x00, (byte)0x05) : ((byte)0x6f, (byte)0xc4);

    /// <summary>How a person calls it in a message ("mainnet", "testnet").</summary>
    public static string DisplayName(this BitcoinNetwork network) => network switch
    {
        BitcoinNetwork.Mainnet => "mainnet",
        BitcoinNetwork.Testnet => "testnet",
        BitcoinNetwork.Signet => "signet",
        BitcoinNetwork.Regtest => "regtest",
        _ => throw new ArgumentOutOfRangeException(nameof(network)),
    };
}
