import { useEffect, useState } from "react";
import { call } from "@/api/call";
import type { EventResponse, OrderResponse } from "@/api/client";
import type { Problem } from "@/api/problem";
import { ProblemSummary } from "@/components/ProblemSummary";
import { StatusBadge } from "@/components/Status";
import { formatDateTime, formatPrice } from "@/lib/format";

/** The event's orders, newest first. */
export function EventOrders({ event }: { event: EventResponse }) {
  const [orders, setOrders] = useState<OrderResponse[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [problem, setProblem] = useState<Problem>();

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
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {cursor && !loading ? (
        <button type="button" className="button secondary" onClick={() => void load(cursor)}>
          Show older orders
        </button>
      ) : null}
    </section>
  );
}
