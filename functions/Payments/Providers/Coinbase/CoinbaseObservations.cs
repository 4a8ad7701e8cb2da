using System.Text.Json;
using BitcoinEvents.Domain.Money;
using BitcoinEvents.Domain.Payments;
using MoneyAmount = BitcoinEvents.Domain.Money.Money;

namespace BitcoinEvents.Payments.Providers.Coinbase;

/// <summary>
/// What a Coinbase Commerce charge, re-read from Coinbase, means for its payment. The charge is priced
/// in the order's currency (<c>local</c>) and settles in USDC; what counts is its timeline: COMPLETED
/// (2023+) or CONFIRMED / RESOLVED (2018) is the money received, in the order's currency; PENDING keeps
/// it pending; EXPIRED with nothing paid expires it; an UNRESOLVED 2018 charge (under- or overpaid, or
/// paid after it expired) counts what its payments say, and the state machine sorts out which.
/// </summary>
internal static class CoinbaseObservations
{
    public static IReadOnlyList<PaymentObservation> FromCharge(CoinbaseCharge charge, string currency)
    {
        ArgumentNullException.ThrowIfNull(charge);
        var statuses = charge.Timeline.Where(t => t.Status is not null).ToList();
        DateTimeOffset? When(params string[] names) => statuses.FirstOrDefault(t => names.Contains(t.Status!.ToUpperInvariant()))?.Time;

        var detected = charge.Payments.Select(p => p.DetectedAt).Where(d => d is not null).DefaultIfEmpty(When("PENDING")).Min()
            ?? When("COMPLETED", "CONFIRMED", "RESOLVED", "UNRESOLVED") ?? charge.CreatedAt ?? DateTimeOffset.UnixEpoch;
        var observations = new List<PaymentObservation>();
        if (When("PENDING", "SIGNED") is { } pending)
        {
            observations.Add(new PaymentObservation.Pending(pending));
        }

        var key = "coinbase-charge:" + charge.Id;
        if (When("COMPLETED", "CONFIRMED", "RESOLVED") is not null)
        {
            var paid = PaymentsTotal(charge, currency, confirmedOnly: true) ?? LocalPrice(charge, currency);
            if (paid is { IsZero: false } amount)
            {
                observations.Add(new PaymentObservation.Received(key, amount, detected));
            }
        }
        else if (When("UNRESOLVED") is not null && PaymentsTotal(charge, currency, confirmedOnly: false) is { IsZero: false } unresolved)
        {
            observations.Add(new PaymentObservation.Received(key, unresolved, detected));
        }
        else if (When("EXPIRED") is { } expired)
        {
            observations.Add(new PaymentObservation.Expired(expired));
        }
        else if (When("CANCELED", "CANCELLED") is { } cancelled)
        {
            observations.Add(new PaymentObservation.Failed("The Coinbase charge was cancelled.", cancelled));
        }

        return observations;
    }

    /// <summary>The currency the charge is priced in (pricing.local.currency).</summary>
    public static string? LocalCurrency(CoinbaseCharge charge) =>
        charge.Pricing is { } pricing && pricing.TryGetValue("local", out var local) && local.ValueKind == JsonValueKind.Object
        && local.TryGetProperty("currency", out var c) && c.ValueKind == JsonValueKind.String && Currencies.IsKnown(c.GetString())
            ? c.GetString()
            : null;

    /// <summary>The charge's price in the order's currency (pricing.local).</summary>
    public static MoneyAmount? LocalPrice(CoinbaseCharge charge, string currency) =>
        charge.Pricing is { } pricing && pricing.TryGetValue("local", out var local) && local.ValueKind == JsonValueKind.Object
        && local.TryGetProperty("currency", out var c) && c.ValueKind == JsonValueKind.String && c.GetString() == currency
        && local.TryGetProperty("amount", out var a) && a.ValueKind == JsonValueKind.String && DecimalAmounts.TryParse(a.GetString(), currency, out var money)
            ? money
            : null;

    private static MoneyAmount? PaymentsTotal(CoinbaseCharge charge, string currency, bool confirmedOnly)
    {
        MoneyAmount? total = null;
        foreach (var payment in charge.Payments)
        {
            if (confirmedOnly && payment.Status?.ToUpperInvariant() is not ("CONFIRMED" or "COMPLETED"))
            {
                continue;
            }

            if (payment.Value?.Local is { Currency: { } c } local && c == currency && DecimalAmounts.TryParse(local.Amount, currency, out var value))
            {
                total = total is null ? value : total.Value.Plus(value);
            }
        }

        return total;
    }
}
