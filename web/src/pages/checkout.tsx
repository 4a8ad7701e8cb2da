import Link from "next/link";
import { useRouter } from "next/router";
import { useCallback, useMemo, useState } from "react";
import { call, useLoad } from "@/api/call";
import type { HoldResponse } from "@/api/client";
import type { Problem } from "@/api/problem";
import { Countdown } from "@/components/Countdown";
import { TextField } from "@/components/Field";
import { Layout } from "@/components/Layout";
import { ProblemSummary } from "@/components/ProblemSummary";
import { RequireSignIn } from "@/components/RequireSignIn";
import { Loadable } from "@/components/Status";
import { formatMoney, formatPrice } from "@/lib/format";
import { newIdempotencyKey } from "@/lib/ids";
import { useQueryParam } from "@/lib/useQueryParam";

/** /checkout?hold=…: the seats held for the buyer, the countdown, each attendee's name, and checkout. */
export default function Checkout() {
  const hold = useQueryParam("hold");
  return (
    <Layout title="Checkout">
      <h1>Checkout</h1>
      <RequireSignIn>{hold.value ? <HoldCheckout holdId={hold.value} /> : hold.ready ? <p>This link lacks the hold&apos;s id.</p> : null}</RequireSignIn>
    </Layout>
  );
}

function HoldCheckout({ holdId }: { holdId: string }) {
  const hold = useLoad(holdId, (api) => api.GET("/holds/{holdId}", { params: { path: { holdId } } }));
  return (
    <Loadable loading={hold.loading} problem={hold.problem} data={hold.data}>
      {(h) => <CheckoutForm hold={h} onChanged={hold.reload} />}
    </Loadable>
  );
}

function CheckoutForm({ hold, onChanged }: { hold: HoldResponse; onChanged: () => void }) {
  const router = useRouter();
  const seats = useMemo(() => hold.lines.flatMap((line) => Array.from({ length: line.quantity }, () => line)), [hold]);
  const [names, setNames] = useState<string[]>(() => seats.map(() => ""));
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const [key] = useState(newIdempotencyKey);
  // The deadline as this device's clock sees it: the server's seconds left, counted from the answer.
  const [deadline] = useState(() => Date.now() + hold.secondsLeft * 1000);
  const [expired, setExpired] = useState(hold.status !== "active");
  const onExpired = useCallback(() => setExpired(true), []);

  if (hold.status === "checked_out" && hold.orderId) {
    return (
      <p>
        This hold is already an order: <Link href={`/order?id=${hold.orderId}`}>see the order</Link>.
      </p>
    );
  }

  async function checkout() {
    setBusy(true);
    const outcome = await call((api) =>
      api.POST("/holds/{holdId}/checkout", {
        params: { path: { holdId: hold.id }, header: { "Idempotency-Key": key } },
        body: { attendees: seats.map((seat, i) => ({ ticketTypeId: seat.ticketTypeId, name: names[i] ?? "" })) },
      }),
    );
    setBusy(false);
    if (outcome.ok) {
      void router.push(`/order?id=${outcome.data.id}`);
    } else {
      setProblem(outcome.problem);
    }
  }

  async function release() {
    setBusy(true);
    const outcome = await call((api) => api.DELETE("/holds/{holdId}", { params: { path: { holdId: hold.id }, header: { "Idempotency-Key": newIdempotencyKey() } } }));
    setBusy(false);
    if (outcome.ok) {
      void router.push(`/event?id=${hold.eventId}`);
    } else {
      setProblem(outcome.problem);
      onChanged();
    }
  }

  return (
    <>
      <section aria-labelledby="summary-heading" className="card">
        <h2 id="summary-heading">Your tickets</h2>
        <table className="lines">
          <thead>
            <tr>
              <th scope="col">Ticket</th>
              <th scope="col">Quantity</th>
              <th scope="col">Price</th>
            </tr>
          </thead>
          <tbody>
            {hold.lines.map((line) => (
              <tr key={line.ticketTypeId}>
                <td>{line.name}</td>
                <td>{line.quantity}</td>
                <td>{formatPrice(line.unitPrice)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            {hold.discount.amount > 0 ? (
              <tr>
                <th scope="row" colSpan={2}>
                  Discount{hold.voucherCode ? ` (${hold.voucherCode})` : ""}
                </th>
                <td>−{formatMoney(hold.discount)}</td>
              </tr>
            ) : null}
            <tr>
              <th scope="row" colSpan={2}>
                Total
              </th>
              <td>
                <strong>{formatPrice(hold.total)}</strong>
              </td>
            </tr>
          </tfoot>
        </table>
        {expired ? (
          <p className="notice notice-warning" role="alert">
            Your hold has {hold.status === "released" ? "been released" : "expired"}: the seats went back on sale.{" "}
            <Link href={`/event?id=${hold.eventId}`}>Choose tickets again</Link>.
          </p>
        ) : (
          <p className="hold-timer">
            Seats held for you for <Countdown deadline={deadline} onExpired={onExpired} />.
          </p>
        )}
      </section>
      {!expired ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void checkout();
          }}
        >
          <ProblemSummary problem={problem} fields={seats.map((_, i) => `attendees[${i}].name`)} />
          <fieldset>
            <legend>Who is coming?</legend>
            <p className="hint">Each ticket carries its holder&apos;s name.</p>
            {seats.map((seat, i) => (
              <TextField
                key={i}
                name={`attendees[${i}].name`}
                label={`Name on ticket ${i + 1} (${seat.name})`}
                problem={problem}
                value={names[i] ?? ""}
                onChange={(e) => setNames(names.map((n, j) => (j === i ? e.target.value : n)))}
                autoComplete={i === 0 ? "name" : "off"}
              />
            ))}
          </fieldset>
          {hold.total.amount > 0 ? (
            <p className="notice">
              Next you choose how to pay (card or bitcoin): placing the order keeps your seats until its payment deadline.
            </p>
          ) : null}
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {busy ? "Working…" : hold.total.amount > 0 ? "Place order" : "Get free tickets"}
            </button>
            <button type="button" className="button secondary" disabled={busy} onClick={() => void release()}>
              Release seats
            </button>
          </div>
        </form>
      ) : null}
    </>
  );
}
