using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BitcoinEvents.FakeProviders.Webhooks;

namespace BitcoinEvents.FakeProviders.Bitgo;

/// <summary>
/// A fake BitGo custodial wallet (platform API v2 and BitGo Express's sendcoins) on testnet
/// (<c>tbtc</c>, <c>tb1…</c> addresses): receive addresses with labels, transfers with
/// confirmations, sends with sequence ids. Its transfer webhooks are BitGo's notification
/// (<c>{"hash","transfer","coin","type":"transfer","state","wallet",…}</c>), signed as BitGo signs
/// them (<c>X-Signature-SHA256</c>: hex HMAC-SHA256 of the body with the webhook secret), sent as a
/// wallet with two transfer webhooks would send them: when a transfer is first seen (unconfirmed)
/// and when it reaches <c>BITGO_MIN_CONFIRMATIONS</c> (numConfirmations of the second webhook).
/// A receive address has no amount: pay, underpay and overpay take the amount in satoshis;
/// <c>confirm</c> mines blocks (amount: how many, default 1).
/// </summary>
public sealed class FakeBitgo : IFakeProvider
{
    public const string ProviderId = "bitgo";
    public const string Coin = "tbtc";
    public const string Confirm = "confirm";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private readonly FakeContext _context;
    private readonly Dictionary<string, FakeAddress> _addresses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeTransfer> _transfers = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private long _height = 2_500_000;

    public FakeBitgo(FakeContext context) => _context = context;

    public string Id => ProviderId;

    public IReadOnlyCollection<string> Actions { get; } = [FakeActions.Pay, FakeActions.Underpay, FakeActions.Overpay, FakeActions.PayLate, Confirm];

    private string WalletId => _context.Secrets["BITGO_WALLET_ID"];

    private int NotifyAt => int.TryParse(_context.Secrets.All.GetValueOrDefault("BITGO_MIN_CONFIRMATIONS"), CultureInfo.InvariantCulture, out var n) ? n : 2;

    public IReadOnlyDictionary<string, string> PlatformSettings(Uri apiBase) => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["BITGO_API_BASE"] = apiBase.ToString(),
        ["BITGO_EXPRESS_BASE"] = apiBase.ToString(),
        ["BITGO_COIN"] = Coin,
        ["BITCOIN_NETWORK"] = "testnet",
    };

    public void MapApi(IEndpointRouteBuilder api)
    {
        var wallet = api.MapGroup("/api/v2/{coin}/wallet/{walletId}").AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (http.Request.Headers.Authorization.ToString() != "Bearer " + _context.Secrets["BITGO_ACCESS_TOKEN"])
            {
                return Error(401, "unauthorized", "Authorization required");
            }

            return http.Request.RouteValues["coin"] as string == Coin && http.Request.RouteValues["walletId"] as string == WalletId
                ? await next(context)
                : Error(404, "wallet not found", "Object Not Found");
        });

        wallet.MapPost("/address", (JsonObject body) =>
        {
            var address = new FakeAddress(FakeIds.HexId(), FakeIds.SegwitAddress("tb"), body["label"]?.GetValue<string>() ?? "");
            lock (_lock)
            {
                address = address with { Index = _addresses.Count + 1 };
                _addresses[address.Address] = address;
            }

            return Results.Json(AddressJson(address));
        });
        wallet.MapGet("/addresses", (string? labelContains) =>
        {
            lock (_lock)
            {
                var found = _addresses.Values.Where(a => labelContains is null || a.Label.Contains(labelContains, StringComparison.Ordinal));
                return Results.Json(new JsonObject { ["coin"] = Coin, ["addresses"] = new JsonArray([.. found.Select(a => (JsonNode)AddressJson(a))]), ["count"] = found.Count() });
            }
        });
        wallet.MapGet("/address/{address}", (string address) =>
        {
            lock (_lock)
            {
                var found = _addresses.Values.FirstOrDefault(a => a.Address == address || a.Id == address);
                return found is null ? Error(404, "address not found", "Object Not Found") : Results.Json(AddressJson(found));
            }
        });
        wallet.MapGet("/transfer/{transferId}", (string transferId) =>
        {
            lock (_lock)
            {
                return _transfers.TryGetValue(transferId, out var transfer) ? Results.Json(TransferJson(transfer)) : Error(404, "transfer not found", "Object Not Found");
            }
        });
        wallet.MapGet("/transfer/sequenceId/{sequenceId}", (string sequenceId) =>
        {
            lock (_lock)
            {
                var transfer = _transfers.Values.FirstOrDefault(t => t.SequenceId == sequenceId);
                return transfer is null ? Error(404, "transfer not found", "Object Not Found") : Results.Json(TransferJson(transfer));
            }
        });
        wallet.MapGet("/transfer", (string? address) =>
        {
            lock (_lock)
            {
                var found = _transfers.Values.Where(t => address is null || t.Address == address).OrderByDescending(t => t.Seen);
                return Results.Json(new JsonObject { ["coin"] = Coin, ["transfers"] = new JsonArray([.. found.Select(t => (JsonNode)TransferJson(t))]) });
            }
        });
        wallet.MapPost("/sendcoins", (JsonObject body) => SendCoins(body));
    }

    public FakeActionResult Act(string reference, FakeAction action)
    {
        lock (_lock)
        {
            if (!_addresses.ContainsKey(reference))
            {
                return new FakeActionResult.NotFound();
            }

            var now = _context.Clock.GetUtcNow();
            switch (action.Name)
            {
                case FakeActions.Pay or FakeActions.Underpay or FakeActions.Overpay or FakeActions.PayLate:
                    if (action.Amount is not > 0)
                    {
                        return new FakeActionResult.Refused("A BitGo address has no amount: give the satoshis to send ({\"amount\": 50000}).");
                    }

                    // Paid late: first seen a day from now, past any quote (a quote never outlives the order's hold).
                    var seen = action.Name == FakeActions.PayLate ? now.AddDays(1) : now;
                    var transfer = new FakeTransfer(FakeIds.HexId(), FakeIds.TransactionId(), "receive", reference, action.Amount.Value, seen, null) { State = "unconfirmed" };
                    _transfers[transfer.Id] = transfer;
                    return new FakeActionResult.Done([Notification(transfer)]);
                case Confirm:
                    var blocks = (int)Math.Clamp(action.Amount ?? 1, 1, 1000);
                    _height += blocks;
                    var notifications = new List<FakeWebhookEvent>();
                    foreach (var pending in _transfers.Values.Where(t => t.Address == reference && t.State is "unconfirmed" or "confirmed"))
                    {
                        var before = pending.Confirmations(_height - blocks);
                        pending.Height ??= _height - blocks + 1;
                        pending.State = "confirmed";
                        if (before < NotifyAt && pending.Confirmations(_height) >= NotifyAt)
                        {
                            notifications.Add(Notification(pending));
                        }
                    }

                    return new FakeActionResult.Done(notifications);
                default:
                    return new FakeActionResult.Refused($"Unknown action '{action.Name}'.");
            }
        }
    }

    public JsonNode Describe()
    {
        lock (_lock)
        {
            return new JsonObject
            {
                ["wallet"] = WalletId,
                ["height"] = _height,
                ["addresses"] = new JsonArray([.. _addresses.Values.Select(a => (JsonNode)AddressJson(a))]),
                ["transfers"] = new JsonArray([.. _transfers.Values.Select(t => (JsonNode)TransferJson(t))]),
            };
        }
    }

    private IResult SendCoins(JsonObject body)
    {
        if (body["walletPassphrase"]?.GetValue<string>() != _context.Secrets["BITGO_WALLET_PASSPHRASE"])
        {
            return Error(401, "incorrect wallet passphrase", "Unauthorized");
        }

        var sequenceId = body["sequenceId"]?.GetValue<string>();
        var to = body["address"]?.GetValue<string>();
        if (!long.TryParse(body["amount"]?.GetValue<string>(), NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount <= 0 || string.IsNullOrEmpty(to))
        {
            return Error(400, "invalid amount or address", "InvalidParameter");
        }

        lock (_lock)
        {
            if (sequenceId is not null && _transfers.Values.Any(t => t.SequenceId == sequenceId))
            {
                return Error(400, "sequenceId is already in use", "DuplicateSequenceIdError");
            }

            var transfer = new FakeTransfer(FakeIds.HexId(), FakeIds.TransactionId(), "send", to, amount, _context.Clock.GetUtcNow(), sequenceId) { State = "signed" };
            _transfers[transfer.Id] = transfer;
            return Results.Json(new JsonObject { ["transfer"] = TransferJson(transfer), ["txid"] = transfer.Txid, ["tx"] = "", ["status"] = "signed" });
        }
    }

    private FakeWebhookEvent Notification(FakeTransfer transfer)
    {
        var state = transfer.State;
        return new FakeWebhookEvent($"{transfer.Id}:{state}", "transfer", _ =>
        {
            var body = new JsonObject
            {
                ["hash"] = transfer.Txid,
                ["transfer"] = transfer.Id,
                ["coin"] = Coin,
                ["type"] = "transfer",
                ["state"] = state,
                ["wallet"] = WalletId,
                ["walletType"] = "custodial",
                ["transferType"] = transfer.Type,
                ["baseValue"] = transfer.Satoshis,
                ["baseValueString"] = transfer.Satoshis.ToString(CultureInfo.InvariantCulture),
                ["value"] = transfer.Satoshis,
                ["valueString"] = transfer.Satoshis.ToString(CultureInfo.InvariantCulture),
                ["feeString"] = "141",
                ["initiator"] = new JsonArray("external"),
                ["receiver"] = transfer.Address,
            };
            var bytes = JsonSerializer.SerializeToUtf8Bytes(body, Indented);
            var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(_context.Secrets["BITGO_WEBHOOK_SECRET"]), bytes));
            return new SignedWebhook(bytes, [new("X-Signature-SHA256", signature)]);
        });
    }

    private JsonObject AddressJson(FakeAddress address) => new()
    {
        ["id"] = address.Id,
        ["address"] = address.Address,
        ["chain"] = 20,
        ["index"] = address.Index,
        ["coin"] = Coin,
        ["wallet"] = WalletId,
        ["label"] = address.Label,
        ["addressType"] = "p2wsh",
    };

    private JsonObject TransferJson(FakeTransfer transfer)
    {
        var value = transfer.Type == "receive" ? transfer.Satoshis : -transfer.Satoshis;
        var history = new JsonArray(new JsonObject { ["date"] = transfer.Seen.ToString("O", CultureInfo.InvariantCulture), ["action"] = "created" });
        if (transfer.State == "confirmed")
        {
            history.Add(new JsonObject { ["date"] = transfer.Seen.AddMinutes(10).ToString("O", CultureInfo.InvariantCulture), ["action"] = "confirmed" });
        }

        return new JsonObject
        {
            ["id"] = transfer.Id,
            ["coin"] = Coin,
            ["wallet"] = WalletId,
            ["walletType"] = "custodial",
            ["txid"] = transfer.Txid,
            ["height"] = transfer.Height ?? 999_999_999,
            ["date"] = transfer.Seen.ToString("O", CultureInfo.InvariantCulture),
            ["confirmations"] = transfer.Confirmations(_height),
            ["type"] = transfer.Type,
            ["value"] = value,
            ["valueString"] = value.ToString(CultureInfo.InvariantCulture),
            ["baseValueString"] = value.ToString(CultureInfo.InvariantCulture),
            ["feeString"] = "141",
            ["state"] = transfer.State,
            ["sequenceId"] = transfer.SequenceId,
            ["entries"] = new JsonArray(transfer.Type == "receive"
                ? [new JsonObject { ["address"] = FakeIds.SegwitAddress("tb"), ["valueString"] = (-transfer.Satoshis - 141).ToString(CultureInfo.InvariantCulture) },
                   new JsonObject { ["address"] = transfer.Address, ["wallet"] = WalletId, ["valueString"] = transfer.Satoshis.ToString(CultureInfo.InvariantCulture) }]
                : [new JsonObject { ["address"] = transfer.Address, ["valueString"] = transfer.Satoshis.ToString(CultureInfo.InvariantCulture) }]),
            ["history"] = history,
        };
    }

    private static IResult Error(int status, string error, string name) =>
        Results.Json(new JsonObject { ["error"] = error, ["name"] = name, ["requestId"] = FakeIds.HexId(), ["context"] = new JsonObject() }, statusCode: status);

    private sealed record FakeAddress(string Id, string Address, string Label)
    {
        public int Index { get; init; }
    }

    private sealed record FakeTransfer(string Id, string Txid, string Type, string Address, long Satoshis, DateTimeOffset Seen, string? SequenceId)
    {
        public string State { get; set; } = "unconfirmed";

        public long? Height { get; set; }

        public int Confirmations(long tip) => Height is { } height && tip >= height ? (int)(tip - height + 1) : 0;
    }
}
