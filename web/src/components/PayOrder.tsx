import Link from "next/link";
import { useRouter } from "next/router";
import { QRCodeSVG } from "qrcode.react";
import { useEffect, useRef, useState } from "react";
import { call, useLoad } from "@/api/call";
import type { OrderResponse, Schemas } from "@/api/client";
import type { Problem } from "@/api/problem";
import { Countdown } from "@/components/Countdown";
import { ProblemSummary } from "@/components/ProblemSummary";
import { formatMoney, formatSats } from "@/lib/format";
import { newIdempotencyKey } from "@/lib/ids";

type Payment = Schemas["PaymentResponse"];

/** What each provider is to a buyer; the web app pays with these (Razorpay needs its checkout script: not yet). */
const PROVIDERS: Record<string, { label: string; hint: string }> = {
  btcpay: { label: "Bitcoin over Lightning, or on-chain", hint: "A Lightning invoice to scan with your wallet (BTCPay Server)." },
  stripe: { label: "Card", hint: "Stripe's secure checkout page." },
  coinbase: { label: "Crypto with Coinbase Commerce", hint: "Coinbase Commerce's checkout page." },
  bitgo: { label: "Bitcoin on-chain", hint: "An address to send the exact amount to." },
};

/** How often the page asks whether the money arrived. */
const POLL_MS = 2000;

/**
 * Paying a pending order: the providers its event offers, the payment started with one of them
 * (POST /orders/{id}/payments), then the provider's checkout page (card, Coinbase) or the bitcoin
 * invoice on this page, and the order watched until it is paid.
 */
export function PayOrder({ order, returnedFrom, onPaid }: { order: OrderResponse; returnedFrom: string | null; onPaid: (o: OrderResponse) => void }) {
  const router = useRouter();
  const offered = useLoad(order.eventId, (api) => api.GET("/events/{eventId}/payment-providers", { params: { path: { eventId: order.eventId } } }));
  const [provider, setProvider] = useState<string>();
  const [payment, setPayment] = useState<Payment>();
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey);
  const [waiting, setWaiting] = useState(returnedFrom);
  const [deadline] = useState(() => Date.parse(order.paymentDeadline));
  const [late, setLate] = useState(() => Date.parse(order.paymentDeadline) <= Date.now());
  const choices = (offered.data?.providers ?? []).filter((p) => p in PROVIDERS);
  const chosen = provider ?? choices[0];

  // Watch the order (and the payment) until the money arrives: after a return from a provider's page, or while an invoice is shown.
  const watching = waiting !== null || (payment !== undefined && !payment.instructions?.url);
  const onPaidRef = useRef(onPaid);
  onPaidRef.current = onPaid;
  useEffect(() => {
    if (!watching) {
      return;
    }
    let live = true;
    const timer = setInterval(() => {
      void (async () => {
        if (payment) {
          const seen = await call((api) => api.GET("/payments/{paymentId}", { params: { path: { paymentId: payment.id } } }));
          if (live && seen.ok) {
            setPayment((p) => ({ ...seen.data, instructions: seen.data.instructions ?? p?.instructions }));
          }
        }
        const now = await call((api) => api.GET("/orders/{orderId}", { params: { path: { orderId: order.id } } }));
        if (live && now.ok && now.data.status !== "pending") {
          onPaidRef.current(now.data);
        }
      })();
    }, POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [watching, payment?.id, order.id]);

  async function start() {
    if (!chosen) {
      return;
    }
    setBusy(true);
    setProblem(undefined);
    const returnUrl = new URL(`/order?id=${order.id}&paying=${chosen}`, window.location.origin).toString();
    const outcome = await call((api) =>
      api.POST("/orders/{orderId}/payments", {
        params: { path: { orderId: order.id }, header: { "Idempotency-Key": key } },
        body: { provider: chosen, returnUrl },
      }),
    );
    setBusy(false);
    setKey(newIdempotencyKey());
    if (!outcome.ok) {
      setProblem(outcome.problem);
      return;
    }
    const started = outcome.data;
    if (started.instructions?.url && (chosen === "stripe" || chosen === "coinbase")) {
      // The provider's own checkout page; it sends the buyer back to returnUrl.
      window.location.assign(started.instructions.url);
      return;
    }
    setPayment(started);
  }

  if (waiting !== null && !payment) {
    return (
      <section className="card" aria-labelledby="pay-heading">
        <h2 id="pay-heading">Payment</h2>
        <p role="status">
          Waiting for {PROVIDERS[waiting]?.label.toLowerCase() ?? waiting} to confirm your payment… This page updates by itself.
        </p>
        <button
          type="button"
          className="link-button"
          onClick={() => {
            setWaiting(null);
            void router.replace(`/order?id=${order.id}`, undefined, { shallow: true });
          }}
        >
          Choose another way to pay
        </button>
      </section>
    );
  }

  return (
    <section className="card" aria-labelledby="pay-heading">
      <h2 id="pay-heading">Pay for your order</h2>
      {late ? (
        <p className="notice notice-warning">The payment deadline has passed: this order can no longer be paid.</p>
      ) : (
        <p className="hold-timer">
          Pay {formatMoney(order.total)} within <Countdown deadline={deadline} onExpired={() => setLate(true)} /> to keep your seats.
        </p>
      )}
      <ProblemSummary problem={problem ?? offered.problem} title={problem ? "The payment could not start." : undefined} />
      {payment ? (
        <PaymentStatus payment={payment} onAgain={() => setPayment(undefined)} />
      ) : offered.data && !late ? (
        choices.length === 0 ? (
          <p>This event takes no payments online yet: the organizer has not chosen a way to pay.</p>
        ) : (
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void start();
            }}
          >
            <fieldset>
              <legend>How do you want to pay?</legend>
              {choices.map((id) => (
                <label key={id} className="check">
                  <input type="radio" name="provider" value={id} checked={chosen === id} onChange={() => setProvider(id)} /> {PROVIDERS[id]!.label}
                  <span className="hint"> {PROVIDERS[id]!.hint}</span>
                </label>
              ))}
            </fieldset>
            <button type="submit" className="button" disabled={busy}>
              {busy ? "Working…" : `Pay ${formatMoney(order.total)}`}
            </button>
          </form>
        )
      ) : null}
    </section>
  );
}

/** A started payment: the bitcoin invoice to pay, or what happened to it. */
function PaymentStatus({ payment, onAgain }: { payment: Payment; onAgain: () => void }) {
  if (payment.status === "failed" || payment.status === "expired") {
    return (
      <div className="notice notice-warning" role="alert">
        <p>
          The payment {payment.status === "failed" ? "failed" : "expired before the money arrived"}
          {payment.failureReason ? `: ${payment.failureReason}` : "."}
        </p>
        <button type="button" className="button secondary" onClick={onAgain}>
          Try again
        </button>
      </div>
    );
  }
  if (payment.status === "succeeded") {
    return (
      <p className="notice notice-success" role="status">
        Payment received. Issuing your tickets…
      </p>
    );
  }
  const i = payment.instructions;
  if (!i) {
    return <p role="status">Waiting for the payment…</p>;
  }
  const sats = payment.amount.currency === "BTC" ? payment.amount.amount : null;
  const underpaid = payment.exceptions.includes("underpaid");
  return (
    <div className="invoice">
      {underpaid ? (
        <p className="notice notice-warning" role="status">
          {formatSats(payment.received.amount)} arrived: {formatSats(payment.amount.amount - payment.received.amount)} still to pay.
        </p>
      ) : null}
      {i.lightningInvoice ? (
        <LightningInvoice bolt11={i.lightningInvoice} sats={sats} />
      ) : null}
      {i.paymentUri || i.address ? (
        i.lightningInvoice ? (
          <details className="on-chain">
            <summary>Pay on-chain instead</summary>
            <OnChain uri={i.paymentUri} address={i.address} sats={sats} />
          </details>
        ) : (
          <OnChain uri={i.paymentUri} address={i.address} sats={sats} />
        )
      ) : null}
      {i.url ? (
        <p>
          <a href={i.url}>Open the invoice page</a>{" "}
          <span className="hint">(the payment provider&apos;s page; on a local platform it has a &quot;Pay with the fake Lightning wallet&quot; button).</span>
        </p>
      ) : null}
      <p className="muted" role="status">
        Waiting for the payment… This page updates by itself when it arrives.
      </p>
    </div>
  );
}

function LightningInvoice({ bolt11, sats }: { bolt11: string; sats: number | null }) {
  const uri = `lightning:${bolt11}`;
  return (
    <section aria-labelledby="lightning-heading">
      <h3 id="lightning-heading">Lightning</h3>
      <p>
        Scan with your Lightning wallet{sats !== null ? (
          <>
            {" "}
            and pay <strong>{formatSats(sats)}</strong>
          </>
        ) : null}
        .
      </p>
      <figure className="ticket-qr">
        {/* Upper case: the QR code's compact alphanumeric mode, which wallets read as well (BOLT 11). */}
        <QRCodeSVG value={uri.toUpperCase()} level="M" marginSize={4} size={256} title="QR code of the Lightning invoice" />
      </figure>
      <p className="invoice-text">
        <code id="bolt11">{bolt11}</code>
      </p>
      <div className="actions">
        <a className="button" href={uri}>
          Open in a wallet
        </a>
        <CopyButton text={bolt11} label="Copy invoice" />
      </div>
    </section>
  );
}

function OnChain({ uri, address, sats }: { uri: string | null | undefined; address: string | null | undefined; sats: number | null }) {
  return (
    <div>
      <p>
        Send {sats !== null ? <strong>exactly {formatSats(sats)}</strong> : "the amount"} to this bitcoin address.
      </p>
      {uri ? (
        <figure className="ticket-qr">
          <QRCodeSVG value={uri} level="M" marginSize={4} size={256} title="QR code of the bitcoin payment request" />
        </figure>
      ) : null}
      {address ? (
        <p className="invoice-text">
          <code>{address}</code>
        </p>
      ) : null}
      <div className="actions">
        {uri ? (
          <a className="button secondary" href={uri}>
            Open in a wallet
          </a>
        ) : null}
        {address ? <CopyButton text={address} label="Copy address" /> : null}
      </div>
    </div>
  );
}

function CopyButton({ text, label }: { text: string; label: string }) {
  const [said, setSaid] = useState<string>();
  return (
    <>
      <button
        type="button"
        className="button secondary"
        onClick={() => {
          navigator.clipboard.writeText(text).then(
            () => setSaid("Copied."),
            () => setSaid("Copying is not allowed here: select the text and copy it."),
          );
        }}
      >
        {label}
      </button>
      <span role="status" className="hint">
        {said}
      </span>
    </>
  );
}
