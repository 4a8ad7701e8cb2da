using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using BitcoinEvents.Domain.Money;
using BitcoinEvents.Domain.Payments;
using BitcoinEvents.Domain.Results;
using BitcoinEvents.Payments.Crypto;

namespace BitcoinEvents.Payments.Providers.Bitgo;

/// <summary>
/// BTC to a fresh receive address of the platform's custodial BitGo wallet. The buyer gives a refund
/// address when they start (<c>options.refund_address</c>, checked against the configured network)
/// and gets the address and a BIP21 URI with the quoted amount. The address's BitGo label carries our
/// payment id and the refund address, so both live with the wallet. A webhook only names a transfer:
/// it is re-read from BitGo and counts at the confirmation threshold. Refunds are sends through BitGo
/// Express with our refund request's key as the sequence id (BitGo never sends one twice).
/// </summary>
internal sealed class BitgoProvider(BitgoApi api, BitcoinQuotes quotes, ProviderSettings settings, TimeProvider clock) : IPaymentProvider
{
    public const string ProviderId = "bitgo";

    public const string RefundAddressOption = "refund_address";

    private const string LabelPrefix = "payment ";
    private const string LabelRefund = " refund ";

    public string Id => ProviderId;

    public bool IsConfigured =>
        settings.Optional(BitgoSettings.AccessToken) is not null && settings.Optional(BitgoSettings.WalletId) is not null && quotes.IsConfigured;

    public bool Accepts(string currency) => Currencies.IsKnown(currency);

    private int MinConfirmations =>
        int.TryParse(settings.Optional(BitgoSettings.MinConfirmations), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 100
            ? n
            : BitgoSettings.DefaultMinConfirmations;

    private BitcoinNetwork Network => CryptoNetwork.From(settings, api.Coin.StartsWith('t') ? BitcoinNetwork.Testnet : BitcoinNetwork.Mainnet);

    public async Task<Result<StartedPayment>> StartAsync(PaymentStart start, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(start);
        var payment = start.Payment;
        var refundTo = BitcoinAddresses.Validate(start.Options.GetValueOrDefault(RefundAddressOption), Network, "options." + RefundAddressOption);
        if (!refundTo.TryGetValue(out var refundAddress, out var invalid))
        {
            return Result<StartedPayment>.Failure(invalid);
        }

        var locked = await quotes.LockAsync(payment, null, ct);
        if (!locked.TryGetValue(out var quote, out var error))
        {
            return Result<StartedPayment>.Failure(error);
        }

        // BitGo has no idempotency key for addresses: one labelled with this payment is found before another is made.
        var existing = await api.FindAddressesAsync(LabelPrefix + payment.Id, ct);
        var address = existing.FirstOrDefault(a => a.Label?.StartsWith(LabelPrefix + payment.Id, StringComparison.Ordinal) == true)
            ?? await api.CreateAddressAsync(LabelPrefix + payment.Id + LabelRefund + refundAddress.Value, ct);
        var instructions = new PaymentInstructions
        {
            Kind = "crypto",
            Amount = quote.Amount,
            Address = address.Address,
            PaymentUri = Bip21.Uri(address.Address, quote.Satoshis),
            ExpiresAt = quote.ValidUntil,
        };
        return new StartedPayment(address.Address, instructions, quote.ToPaymentQuote());
    }

    public WebhookVerification Verify(WebhookDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var check = BitgoWebhookSignature.Verify(delivery.Body.Span, delivery.Header(BitgoWebhookSignature.Header), settings.Required(BitgoSettings.WebhookSecret));
        if (check != SignatureCheck.Valid)
        {
            return new WebhookVerification.Rejected(HexHmacSignature.Reason(check, BitgoWebhookSignature.Header));
        }

        var webhook = Parse(delivery.Body);
        if (webhook is not { Type: { Length: > 0 } type })
        {
            return new WebhookVerification.Rejected("the body is not a BitGo webhook notification (no type).");
        }

        // BitGo's notifications carry no event id: a transfer's notification is one per state, and
        // anything else is identified by its bytes (a retry sends the same bytes).
        var eventId = type == "transfer" && webhook.Transfer is { Length: > 0 } transfer
            ? $"{webhook.Wallet}:{transfer}:{webhook.State}"
            : Convert.ToHexStringLower(SHA256.HashData(delivery.Body.Span));
        return new WebhookVerification.Verified(eventId, type);
    }

    public async Task<WebhookTranslation> TranslateAsync(VerifiedWebhook webhook, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        var notification = Parse(webhook.Body);
        if (notification is not { Type: "transfer", Transfer: { Length: > 0 } transferId })
        {
            return new WebhookTranslation.Ignored($"BitGo {notification?.Type ?? "notification"} is not used");
        }

        if (!string.Equals(notification.Wallet, settings.Required(BitgoSettings.WalletId), StringComparison.Ordinal) || !string.Equals(notification.Coin, api.Coin, StringComparison.Ordinal))
        {
            return new WebhookTranslation.Ignored("a transfer of another wallet");
        }

        // The notification says only that something happened: what counts is the transfer as BitGo has it now.
        var transfer = await api.GetTransferAsync(transferId, ct);
        var wallet = settings.Required(BitgoSettings.WalletId);
        var entry = transfer?.Entries.FirstOrDefault(e => e.Wallet == wallet && e.Address is not null && DecimalAmounts.TryParseMinorUnits(e.ValueString, 0, out var v) && v > 0);
        if (transfer is not { Type: "receive" } || entry is null)
        {
            return new WebhookTranslation.Ignored("not a receive to one of the wallet's addresses");
        }

        return new WebhookTranslation.About(PaymentLocator.ByReference(entry.Address!), BitgoObservations.FromTransfer(transfer, entry.Address!, MinConfirmations));
    }

    public async Task<IReadOnlyList<PaymentObservation>> FetchAsync(Payment payment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(payment);
        var observations = new List<PaymentObservation>();
        if (payment.ProviderReference is { } address)
        {
            foreach (var transfer in await api.GetTransfersAsync(address, ct))
            {
                observations.AddRange(BitgoObservations.FromTransfer(transfer, address, MinConfirmations));
            }
        }

        foreach (var claim in payment.RefundClaims.Where(c => c is { Status: RefundClaimStatus.Submitted, ProviderRefundId: not null }))
        {
            if (await api.GetTransferAsync(claim.ProviderRefundId!, ct) is { } sent)
            {
                observations.AddRange(BitgoObservations.FromRefund(sent, claim.Amount, clock.GetUtcNow()));
            }
        }

        return observations;
    }

    public async Task<ProviderRefundResult> RefundAsync(Payment payment, ProviderRefundRequest refund, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(payment);
        ArgumentNullException.ThrowIfNull(refund);
        if (refund.Amount.Currency != Currencies.Bitcoin)
        {
            throw new InvalidOperationException($"A BitGo refund is in BTC, not {refund.Amount.Currency}.");
        }

        var sent = await api.GetTransferBySequenceIdAsync(refund.IdempotencyKey, ct);
        if (sent is null)
        {
            var receive = payment.ProviderReference ?? throw new InvalidOperationException($"Payment {payment.Id} has no BitGo address.");
            var label = (await api.GetAddressAsync(receive, ct))?.Label ?? string.Empty;
            var at = label.IndexOf(LabelRefund, StringComparison.Ordinal);
            var destination = BitcoinAddresses.Validate(at < 0 ? null : label[(at + LabelRefund.Length)..], Network, "refundAddress");
            if (!destination.TryGetValue(out var refundAddress, out _))
            {
                var id = "unsent-" + refund.IdempotencyKey;
                return new ProviderRefundResult(id, [new PaymentObservation.RefundFailed(id, "The payment's address has no valid refund address.", clock.GetUtcNow())]);
            }

            var response = await api.SendCoinsAsync(refundAddress.Value, refund.Amount.Minor, refund.IdempotencyKey, ct);
            sent = response.Transfer ?? throw new HttpRequestException("BitGo Express answered no transfer to send coins.");
        }

        return new ProviderRefundResult(sent.Id, BitgoObservations.FromRefund(sent, refund.Amount, clock.GetUtcNow()));
    }

    public Task<IReadOnlyList<PaymentObservation>> CloseAsync(Payment payment, CancellationToken ct) =>
        // A receive address can't be closed: money sent to it later is still seen (and refunded, or honoured as late).
        Task.FromResult<IReadOnlyList<PaymentObservation>>([]);

    private static BitgoWebhook? Parse(ReadOnlyMemory<byte> body)
    {
        try
        {
            return JsonSerializer.Deserialize(body.Span, BitgoJsonContext.Default.BitgoWebhook);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
