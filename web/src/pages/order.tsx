import Link from "next/link";
import { useState } from "react";
import { call, useLoad } from "@/api/call";
import type { EventResponse, OrderResponse } from "@/api/client";
import type { Problem } from "@/api/problem";
import { TextField } from "@/components/Field";
import { ProblemSummary } from "@/components/ProblemSummary";
import { formatDateTime, formatMoney } from "@/lib/format";
import { newIdempotencyKey } from "@/lib/ids";
import { Layout } from "@/components/Layout";
import { OrderSummary } from "@/components/OrderSummary";
import { PayOrder } from "@/components/PayOrder";
import { RequireSignIn } from "@/components/RequireSignIn";
import { Loadable } from "@/components/Status";
import { useQueryParam } from "@/lib/useQueryParam";

/** /order?id=…: one of the buyer's orders. */
export default function OrderPage() {
  const id = useQueryParam("id");
  const paying = useQueryParam("paying");
  return (
    <Layout title="Order">
      <h1>Your order</h1>
      <RequireSignIn>{id.value ? <OrderView orderId={id.value} paying={paying.value} /> : id.ready ? <p>This link lacks the order&apos;s id.</p> : null}</RequireSignIn>
    </Layout>
  );
}

function OrderView({ orderId, paying }: { orderId: string; paying: string | null }) {
  const order = useLoad(orderId, (api) => api.GET("/orders/{orderId}", { params: { path: { orderId } } }));
  const [changed, setChanged] = useState<OrderResponse>();
  const event = useLoad(order.data?.eventId ?? null, (api) => api.GET("/events/{eventId}", { params: { path: { eventId: order.data?.eventId ?? "" } } }));
  return (
    <Loadable loading={order.loading} problem={order.problem} data={changed ?? order.data}>
      {(o) => (
        <>
          {o.status === "paid" ? (
            <p className="notice notice-success" role="status">
              You&apos;re going{event.data ? ` to ${event.data.title}` : ""}! <Link href="/tickets">See your tickets</Link>
            </p>
          ) : null}
          <OrderSummary order={o} timeZone={event.data?.venue.timeZone} />
          {o.status === "pending" && o.total.amount > 0 ? <PayOrder order={o} returnedFrom={paying} onPaid={setChanged} /> : null}
          {o.status === "cancelled" ? <CancelledNotice order={o} /> : null}
          {event.data && (o.status === "paid" || o.status === "pending") ? <CancelOrder order={o} event={event.data} onCancelled={setChanged} /> : null}
          <p>
            <Link href={`/event?id=${o.eventId}`}>{event.data ? event.data.title : "The event"}</Link> · <Link href="/orders">All my orders</Link>
          </p>
        </>
      )}
    </Loadable>
  );
}

/** What a cancellation did: the reason, and the refund the policy gave (or that nothing was paid). */
function CancelledNotice({ order }: { order: OrderResponse }) {
  const refund = order.refundRequested ?? (order.amountRefunded.amount > 0 ? order.amountRefunded : null);
  return (
    <div className="notice notice-warning" role="status">
      <p>
        Order cancelled{order.cancelledAt ? ` on ${formatDateTime(order.cancelledAt, Intl.DateTimeFormat().resolvedOptions().timeZone)}` : ""}: {order.cancellationReason}
      </p>
      <p>
        {refund && refund.amount > 0
          ? `A refund of ${formatMoney(refund)} is on its way to you.`
          : order.amountPaid.amount > 0
            ? "The refund policy returns nothing of what was paid."
            : "Nothing was paid, so there is nothing to refund."}{" "}
        Its tickets no longer admit anyone.
      </p>
    </div>
  );
}

/** The event's refund policy in words, and the buyer's cancellation under it. */
function CancelOrder({ order, event, onCancelled }: { order: OrderResponse; event: EventResponse; onCancelled: (o: OrderResponse) => void }) {
  const settings = useLoad(event.id, (api) => api.GET("/events/{eventId}/ticketing-settings", { params: { path: { eventId: event.id } } }));
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey);
  const zone = event.venue.timeZone;
  if (!settings.data) {
    return null;
  }
  const hours = settings.data.refundUntilHoursBeforeStart;
  const deadline = hours == null ? null : new Date(Date.parse(event.startsAt) - hours * 3_600_000).toISOString();
  const paid = order.status === "paid" && !order.complimentary;
  const allowed = !paid || (deadline !== null && Date.parse(deadline) > Date.now());
  const policy = !paid
    ? order.complimentary
      ? "Complimentary tickets can be given back any time."
      : "You can cancel this order until it is paid; its seats go back on sale."
    : deadline === null
      ? "The organizer gives no refunds: a paid order cannot be cancelled."
      : `You can cancel until ${formatDateTime(deadline, zone)} (${hours} hours before the event starts) and get ${settings.data.refundPercent}% of what you paid back.`;

  async function cancel() {
    setBusy(true);
    const outcome = await call((api) =>
      api.POST("/orders/{orderId}/cancel", { params: { path: { orderId: order.id }, header: { "Idempotency-Key": key } }, body: { reason: reason.trim() || null } }),
    );
    setBusy(false);
    if (outcome.ok) {
      setKey(newIdempotencyKey());
      onCancelled(outcome.data);
    } else {
      setProblem(outcome.problem);
    }
  }

  return (
    <section className="card" aria-labelledby="cancel-heading">
      <h2 id="cancel-heading">Cancel this order</h2>
      <p>{policy}</p>
      {allowed && !open ? (
        <button type="button" className="button secondary" onClick={() => setOpen(true)}>
          Cancel this order…
        </button>
      ) : null}
      {allowed && open ? (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void cancel();
          }}
        >
          <ProblemSummary problem={problem} fields={["reason"]} />
          <TextField name="reason" label="Why (optional)" problem={problem} value={reason} onChange={(e) => setReason(e.target.value)} autoComplete="off" />
          <button type="submit" className="button danger" disabled={busy}>
            Cancel order and its {order.ticketIds.length === 1 ? "ticket" : "tickets"}
          </button>
        </form>
      ) : null}
    </section>
  );
}
