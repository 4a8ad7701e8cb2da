using System.Text.Json.Serialization;

namespace BitcoinEvents.Payments.Providers.Bitgo;

// BitGo's platform API (v2) and BitGo Express as the area uses them: camelCase JSON, amounts in
// base units (satoshis) as strings (valueString: numbers can exceed 2^53 for other coins).

/// <summary>POST /api/v2/{coin}/wallet/{walletId}/address.</summary>
internal sealed record BitgoCreateAddressRequest(string Label);

/// <summary>A receive address of the wallet.</summary>
internal sealed record BitgoAddress
{
    public string? Id { get; init; }

    public required string Address { get; init; }

    public int Chain { get; init; }

    public long Index { get; init; }

    public string? Coin { get; init; }

    public string? Wallet { get; init; }

    public string? Label { get; init; }
}

/// <summary>GET /api/v2/{coin}/wallet/{walletId}/addresses.</summary>
internal sealed record BitgoAddressList(IReadOnlyList<BitgoAddress>? Addresses);

/// <summary>A transfer of the wallet (GET /api/v2/{coin}/wallet/{walletId}/transfer/{transferId}).</summary>
internal sealed record BitgoTransfer
{
    public required string Id { get; init; }

    public string? Coin { get; init; }

    public string? Wallet { get; init; }

    public string? Txid { get; init; }

    public long Height { get; init; }

    public DateTimeOffset? Date { get; init; }

    public int Confirmations { get; init; }

    /// <summary>send or receive.</summary>
    public string? Type { get; init; }

    public string? ValueString { get; init; }

    /// <summary>confirmed, failed, initialized, pendingApproval, rejected, removed, replaced, signed, unconfirmed.</summary>
    public string? State { get; init; }

    public string? SequenceId { get; init; }

    public IReadOnlyList<BitgoTransferEntry> Entries { get; init; } = [];

    public IReadOnlyList<BitgoTransferHistory> History { get; init; } = [];
}

/// <summary>A change of an address's balance by a transfer; <see cref="Wallet"/> is set on the wallet's own addresses.</summary>
internal sealed record BitgoTransferEntry(string? Address, string? Wallet, string? ValueString);

/// <summary>An event of a transfer's life (created, unconfirmed, confirmed…).</summary>
internal sealed record BitgoTransferHistory(DateTimeOffset? Date, string? Action);

/// <summary>GET /api/v2/{coin}/wallet/{walletId}/transfer?address=….</summary>
internal sealed record BitgoTransferList(IReadOnlyList<BitgoTransfer>? Transfers);

/// <summary>A webhook notification (the transfer type's members; other types share <see cref="Type"/>).</summary>
internal sealed record BitgoWebhook
{
    public string? Type { get; init; }

    public string? Hash { get; init; }

    public string? Transfer { get; init; }

    public string? Coin { get; init; }

    public string? State { get; init; }

    public string? Wallet { get; init; }

    public string? TransferType { get; init; }
}

/// <summary>BitGo Express POST /api/v2/{coin}/wallet/{walletId}/sendcoins: <see cref="SequenceId"/> makes a retry the same send.</summary>
internal sealed record BitgoSendCoinsRequest(string Address, string Amount, string WalletPassphrase, string SequenceId, string? Comment);

internal sealed record BitgoSendCoinsResponse(BitgoTransfer? Transfer, string? Txid, string? Status);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(BitgoCreateAddressRequest))]
[JsonSerializable(typeof(BitgoAddress))]
[JsonSerializable(typeof(BitgoAddressList))]
[JsonSerializable(typeof(BitgoTransfer))]
[JsonSerializable(typeof(BitgoTransferList))]
[JsonSerializable(typeof(BitgoWebhook))]
[JsonSerializable(typeof(BitgoSendCoinsRequest))]
[JsonSerializable(typeof(BitgoSendCoinsResponse))]
internal sealed partial class BitgoJsonContext : JsonSerializerContext;
