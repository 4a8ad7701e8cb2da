import Link from "next/link";
import { useEffect, useState } from "react";
import { call } from "@/api/call";
import type { OrderResponse } from "@/api/client";
import type { Problem } from "@/api/problem";
import { Layout } from "@/components/Layout";
import { ProblemSummary } from "@/components/ProblemSummary";
import { RequireSignIn } from "@/components/RequireSignIn";
import { StatusBadge } from "@/components/Status";
import { useSession } from "@/auth/session";
import { formatDateTime, formatPrice } from "@/lib/format";

/** /orders: the signed-in buyer's orders, newest first. */
export default function Orders() {
  return (
    <Layout title="My orders">
      <h1>My orders</h1>
      <RequireSignIn>
        <OrderList />
      </RequireSignIn>
    </Layout>
  );
}

function OrderList() {
  const { user } = useSession();
  const [orders, setOrders] = useState<OrderResponse[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [problem, setProblem] = useState<Problem>();

  async function load(after?: string) {
    setLoading(true);
    const outcome = await call((api) => api.GET("/me/orders", { params: { query: { limit: "20", ...(after ? { cursor: after } : {}) } } }));
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
  }, [user?.sub]);

  return (
    <>
      <ProblemSummary problem={problem} />
      {!loading && orders.length === 0 && !problem ? (
        <p>
          No orders yet. <Link href="/">Find an event</Link>.
        </p>
      ) : null}
      <ul className="order-list">
        {orders.map((order) => (
          <li key={order.id} className="card">
            <Link href={`/order?id=${order.id}`}>{order.lines.map((l) => `${l.quantity} × ${l.description}`).join(", ")}</Link>
            <p>
              <StatusBadge status={order.status} /> {formatPrice(order.total)} · {formatDateTime(order.createdAt, Intl.DateTimeFormat().resolvedOptions().timeZone)}
            </p>
          </li>
        ))}
      </ul>
      {loading ? (
        <p className="loading" role="status">
          Loading…
        </p>
      ) : null}
      {cursor && !loading ? (
        <button type="button" className="button secondary" onClick={() => void load(cursor)}>
          Show older orders
        </button>
      ) : null}
    </>
  );
}
