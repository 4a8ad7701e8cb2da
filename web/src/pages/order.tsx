import Link from "next/link";
import { useLoad } from "@/api/call";
import { Layout } from "@/components/Layout";
import { OrderSummary } from "@/components/OrderSummary";
import { RequireSignIn } from "@/components/RequireSignIn";
import { Loadable } from "@/components/Status";
import { useQueryParam } from "@/lib/useQueryParam";

/** /order?id=…: one of the buyer's orders. */
export default function OrderPage() {
  const id = useQueryParam("id");
  return (
    <Layout title="Order">
      <h1>Your order</h1>
      <RequireSignIn>{id.value ? <OrderView orderId={id.value} /> : id.ready ? <p>This link lacks the order&apos;s id.</p> : null}</RequireSignIn>
    </Layout>
  );
}

function OrderView({ orderId }: { orderId: string }) {
  const order = useLoad(orderId, (api) => api.GET("/orders/{orderId}", { params: { path: { orderId } } }));
  const event = useLoad(order.data?.eventId ?? null, (api) => api.GET("/events/{eventId}", { params: { path: { eventId: order.data?.eventId ?? "" } } }));
  return (
    <Loadable loading={order.loading} problem={order.problem} data={order.data}>
      {(o) => (
        <>
          {o.status === "paid" ? (
            <p className="notice notice-success" role="status">
              You&apos;re going{event.data ? ` to ${event.data.title}` : ""}!
            </p>
          ) : null}
          <OrderSummary order={o} timeZone={event.data?.venue.timeZone} />
          <p>
            <Link href={`/event?id=${o.eventId}`}>{event.data ? event.data.title : "The event"}</Link> · <Link href="/orders">All my orders</Link>
          </p>
        </>
      )}
    </Loadable>
  );
}
