import { useEffect, useState } from "react";
import { call, useLoad } from "@/api/call";
import type { EventResponse, OrderResponse } from "@/api/client";
import { scoped, type Problem } from "@/api/problem";
import { SelectField, TextField } from "@/components/Field";
import { ProblemSummary } from "@/components/ProblemSummary";
import { StatusBadge } from "@/components/Status";
import { formatDateTime, formatPrice } from "@/lib/format";
import { newIdempotencyKey } from "@/lib/ids";

/** The event's orders, newest first. */
export function EventOrders({ event }: { event: EventResponse }) {
  const [orders, setOrders] = useState<OrderResponse[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [problem, setProblem] = useState<Problem>();
  const [cancelling, setCancelling] = useState<OrderResponse>();
  const replace = (order: OrderResponse) => setOrders((known) => known.map((o) => (o.id === order.id ? order : o)));

  async function load(after?: string) {
    setLoading(true);
    const outcome = await call((api) =>
      api.GET("/organizer/events/{eventId}/orders", { params: { path: { eventId: event.id }, query: { limit: "50", ...(after ? { cursor: after } : {}) } } }),
    );
    setLoading(false);
    if (outcome.ok) {
      setOrders((known) => [...known, ...outcome.data.items]);
      setCursor(outcome.data.nextCursor ?? null);
    } else {
      setProblem(outcome.problem);
    }
  }

  useEffect(() => {
    void load();
  }, [event.id]);

  const tickets = orders.filter((o) => o.status === "paid").reduce((n, o) => n + o.lines.reduce((m, l) => m + l.quantity, 0), 0);
  return (
    <section aria-labelledby="orders-heading">
      <h2 id="orders-heading">Orders</h2>
      <Complimentary event={event} onCreated={(order) => setOrders((known) => [order, ...known])} />
      <ProblemSummary problem={problem} />
      <p role="status">
        {orders.length} orders loaded · {tickets} tickets paid
      </p>
      {orders.length ? (
        <table className="lines">
          <thead>
            <tr>
              <th scope="col">Placed</th>
              <th scope="col">Items</th>
              <th scope="col">Holders</th>
              <th scope="col">Total</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {orders.map((o) => (
              <tr key={o.id}>
                <td>{formatDateTime(o.createdAt, event.venue.timeZone)}</td>
                <td>{o.lines.map((l) => `${l.quantity} × ${l.description}`).join(", ")}</td>
                <td>{o.lines.flatMap((l) => l.holderNames).join(", ")}</td>
                <td>{formatPrice(o.total)}</td>
                <td>
                  <StatusBadge status={o.status} />
                  {o.complimentary ? <span className="muted"> complimentary</span> : null}
                </td>
                <td>
                  {o.status === "paid" || o.status === "pending" ? (
                    <button type="button" className="link-button" onClick={() => setCancelling(o)}>
                      Cancel<span className="visually-hidden"> the order of {o.lines.flatMap((l) => l.holderNames).join(", ") || o.id}</span>
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {cancelling ? (
        <CancelOrder
          event={event}
          order={cancelling}
          onDone={(order) => {
            setCancelling(undefined);
            if (order) {
              replace(order);
            }
          }}
        />
      ) : null}
      {cursor && !loading ? (
        <button type="button" className="button secondary" onClick={() => void load(cursor)}>
          Show older orders
        </button>
      ) : null}
    </section>
  );
}

/** The organizer cancels an order: its tickets void, its seats to the waiting list first, everything paid refunded. */
function CancelOrder({ event, order, onDone }: { event: EventResponse; order: OrderResponse; onDone: (o?: OrderResponse) => void }) {
  const [reason, setReason] = useState("");
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const [key] = useState(newIdempotencyKey);
  const holders = order.lines.flatMap((l) => l.holderNames).join(", ");

  async function cancel() {
    setBusy(true);
    const outcome = await call((api) =>
      api.POST("/organizer/events/{eventId}/orders/{orderId}/cancel", {
        params: { path: { eventId: event.id, orderId: order.id }, header: { "Idempotency-Key": key } },
        body: { reason: reason.trim() || null },
      }),
    );
    setBusy(false);
    if (outcome.ok) {
      onDone(outcome.data);
    } else {
      setProblem(scoped(outcome.problem, "cancel-"));
    }
  }

  return (
    <form
      noValidate
      className="card"
      aria-labelledby="cancel-order-heading"
      onSubmit={(e) => {
        e.preventDefault();
        void cancel();
      }}
    >
      <h3 id="cancel-order-heading">Cancel the order of {holders || order.id.slice(0, 8)}</h3>
      <p>Its tickets stop admitting anyone, its seats go to the waiting list first, and everything paid for it is refunded.</p>
      <ProblemSummary problem={problem} fields={["cancel-reason"]} />
      <TextField name="cancel-reason" label="Reason (the buyer reads it)" problem={problem} value={reason} onChange={(e) => setReason(e.target.value)} autoComplete="off" />
      <button type="submit" className="button danger" disabled={busy}>
        Cancel order
      </button>{" "}
      <button type="button" className="button secondary" onClick={() => onDone()}>
        Keep it
      </button>
    </form>
  );
}

/** Free tickets the organizer hands out (speakers, press, volunteers): paid at once, tickets issued at once. */
function Complimentary({ event, onCreated }: { event: EventResponse; onCreated: (o: OrderResponse) => void }) {
  const types = useLoad(event.id, (api) => api.GET("/organizer/events/{eventId}/ticket-types", { params: { path: { eventId: event.id } } }));
  const [attendees, setAttendees] = useState([{ ticketTypeId: "", name: "" }]);
  const [buyerId, setBuyerId] = useState("");
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string>();
  const [key, setKey] = useState(newIdempotencyKey);
  const firstType = types.data?.items[0]?.id ?? "";
  const set = (i: number, change: Partial<{ ticketTypeId: string; name: string }>) => setAttendees((list) => list.map((a, j) => (j === i ? { ...a, ...change } : a)));

  async function issue() {
    setBusy(true);
    const body = { buyerId: buyerId.trim() || null, attendees: attendees.map((a) => ({ ticketTypeId: a.ticketTypeId || firstType, name: a.name })) };
    const outcome = await call((api) =>
      api.POST("/events/{eventId}/complimentary-orders", { params: { path: { eventId: event.id }, header: { "Idempotency-Key": key } }, body }),
    );
    setBusy(false);
    if (outcome.ok) {
      setKey(newIdempotencyKey());
      setProblem(undefined);
      setAttendees([{ ticketTypeId: "", name: "" }]);
      setBuyerId("");
      setDone(`Issued ${outcome.data.ticketIds.length} complimentary ${outcome.data.ticketIds.length === 1 ? "ticket" : "tickets"} to ${body.attendees.map((a) => a.name).join(", ")}.`);
      onCreated(outcome.data);
    } else {
      setDone(undefined);
      setProblem(outcome.problem);
    }
  }

  return (
    <details className="card">
      <summary>Issue complimentary tickets</summary>
      <form
        noValidate
        aria-label="Complimentary tickets"
        onSubmit={(e) => {
          e.preventDefault();
          void issue();
        }}
      >
        <ProblemSummary problem={problem} fields={[...attendees.flatMap((_, i) => [`attendees[${i}].ticketTypeId`, `attendees[${i}].name`]), "buyerId"]} />
        {done ? (
          <p className="notice notice-success" role="status">
            {done}
          </p>
        ) : null}
        {attendees.map((a, i) => (
          <fieldset key={i} className="attendee">
            <legend>Ticket {i + 1}</legend>
            <SelectField name={`attendees[${i}].ticketTypeId`} label="Ticket type" problem={problem} value={a.ticketTypeId || firstType} onChange={(e) => set(i, { ticketTypeId: e.target.value })}>
              {types.data?.items.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </SelectField>
            <TextField name={`attendees[${i}].name`} label="Name on the ticket" problem={problem} value={a.name} onChange={(e) => set(i, { name: e.target.value })} autoComplete="off" />
          </fieldset>
        ))}
        <p>
          <button type="button" className="button secondary" onClick={() => setAttendees((list) => [...list, { ticketTypeId: "", name: "" }])}>
            Add another ticket
          </button>
        </p>
        <TextField
          name="buyerId"
          label="Give them to user (optional)"
          hint="A user id: the tickets appear in their account. Empty: they are yours to hand out."
          problem={problem}
          value={buyerId}
          onChange={(e) => setBuyerId(e.target.value)}
          autoComplete="off"
          spellCheck={false}
        />
        <button type="submit" className="button" disabled={busy}>
          Issue tickets
        </button>
      </form>
    </details>
  );
}
