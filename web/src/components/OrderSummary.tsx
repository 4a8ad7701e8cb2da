import type { OrderResponse } from "@/api/client";
import { formatDateTime, formatMoney, formatPrice } from "@/lib/format";
import { StatusBadge } from "./Status";

const UTC = "UTC";

export function OrderSummary({ order, timeZone = UTC }: { order: OrderResponse; timeZone?: string }) {
  return (
    <div className="card order">
      <p>
        <StatusBadge status={order.status} /> Order <code>{order.id.slice(0, 8)}</code>, placed {formatDateTime(order.createdAt, timeZone)}
      </p>
      <table className="lines">
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">Quantity</th>
            <th scope="col">Price</th>
            <th scope="col">Holders</th>
          </tr>
        </thead>
        <tbody>
          {order.lines.map((line) => (
            <tr key={`${line.kind}-${line.itemId}`}>
              <td>{line.description}</td>
              <td>{line.quantity}</td>
              <td>{formatPrice(line.unitPrice)}</td>
              <td>{line.holderNames.join(", ")}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={2}>
              Total
            </th>
            <td colSpan={2}>
              <strong>{formatPrice(order.total)}</strong>
              {order.discount.amount > 0 ? <span className="muted"> (saved {formatMoney(order.discount)})</span> : null}
            </td>
          </tr>
        </tfoot>
      </table>
      {order.status === "pending" ? <p className="notice">Awaiting payment until {formatDateTime(order.paymentDeadline, timeZone)}.</p> : null}
      {order.status === "paid" ? (
        <p>
          {order.ticketIds.length} {order.ticketIds.length === 1 ? "ticket" : "tickets"} issued.
        </p>
      ) : null}
    </div>
  );
}
