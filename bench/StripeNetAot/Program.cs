using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

// StripeNetAot <stripe-net|own> <event.json> [secret]: verifies one Stripe webhook (signed here, now,
// as Stripe signs it) and prints "ok <event id> <type> <ms since process start>", or the failure.
if (args.Length < 2 || args[0] is not ("stripe-net" or "own"))
{
    Console.Error.WriteLine("Usage: StripeNetAot <stripe-net|own> <event.json> [secret]");
    return 2;
}

var secret = args.Length > 2 ? args[2] : "whsec_DEV_ONLY_fake_stripe_webhook_secret";
var json = File.ReadAllText(args[1]);
var t = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
var header = $"t={t},v1={Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(t + "." + json)))}";
try
{
    var (id, type) = args[0] == "stripe-net" ? StripeNet(json, header, secret) : Own(json, header, secret);
    var ms = (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds;
    Console.WriteLine($"ok {id} {type} {ms.ToString("F1", CultureInfo.InvariantCulture)}");
    return 0;
}
#pragma warning disable CA1031 // The point is to report whatever fails.
catch (Exception exception)
#pragma warning restore CA1031
{
    Console.WriteLine($"failed {exception.GetType().FullName}: {exception.Message}");
    return 1;
}

static (string Id, string Type) StripeNet(string json, string header, string secret)
{
    var stripeEvent = Stripe.EventUtility.ConstructEvent(json, header, secret, throwOnApiVersionMismatch: false);
    var intent = (Stripe.PaymentIntent)stripeEvent.Data.Object;
    return (stripeEvent.Id, stripeEvent.Type + " " + intent.AmountReceived.ToString(CultureInfo.InvariantCulture));
}

static (string Id, string Type) Own(string json, string header, string secret)
{
    var parts = header.Split(',');
    var t = parts[0][2..];
    var claimed = Convert.FromHexString(parts[1][3..]);
    var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(t + "." + json));
    if (!CryptographicOperations.FixedTimeEquals(expected, claimed))
    {
        throw new InvalidOperationException("signature");
    }

    var parsed = JsonSerializer.Deserialize(json, OwnJson.Default.OwnEvent)!;
    return (parsed.Id!, parsed.Type + " " + parsed.Data!.Object!.AmountReceived.ToString(CultureInfo.InvariantCulture));
}

internal sealed class OwnEvent
{
    public string? Id { get; set; }

    public string? Type { get; set; }

    public OwnData? Data { get; set; }
}

internal sealed class OwnData
{
    public OwnIntent? Object { get; set; }
}

internal sealed class OwnIntent
{
    [JsonPropertyName("amount_received")]
    public long AmountReceived { get; set; }
}

[JsonSerializable(typeof(OwnEvent))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class OwnJson : JsonSerializerContext;
