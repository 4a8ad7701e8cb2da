import Link from "next/link";
import { useRouter } from "next/router";
import { useState } from "react";
import { call, useLoad } from "@/api/call";
import type { EventResponse, TicketTypeResponse } from "@/api/client";
import { fieldId, type Problem } from "@/api/problem";
import { useSession } from "@/auth/session";
import { TextField } from "@/components/Field";
import { Layout } from "@/components/Layout";
import { ProblemSummary } from "@/components/ProblemSummary";
import { Loadable } from "@/components/Status";
import { formatPrice, formatRange, formatSats, zoneName } from "@/lib/format";
import { newIdempotencyKey } from "@/lib/ids";
import { useQueryParam } from "@/lib/useQueryParam";

/** /event?id=…: an event, its ticket types and the first step of buying. */
export default function EventPage() {
  const id = useQueryParam("id");
  const event = useLoad(id.value, (api) => api.GET("/events/{eventId}", { params: { path: { eventId: id.value ?? "" } } }));
  const types = useLoad(id.value, (api) => api.GET("/events/{eventId}/ticket-types", { params: { path: { eventId: id.value ?? "" } } }));

  if (id.ready && !id.value) {
    return (
      <Layout title="Event">
        <h1>No event chosen</h1>
        <p>This link lacks the event&apos;s id.</p>
      </Layout>
    );
  }

  return (
    <Layout title={event.data?.title ?? "Event"}>
      <Loadable loading={event.loading} problem={event.problem} data={event.data}>
        {(e) => (
          <>
            <EventDetails event={e} />
            <section aria-labelledby="tickets-heading">
              <h2 id="tickets-heading">Tickets</h2>
              <Loadable loading={types.loading} problem={types.problem} data={types.data}>
                {(list) => <TicketPicker event={e} types={list.items.filter((t) => !t.hidden && !t.archived)} />}
              </Loadable>
            </section>
          </>
        )}
      </Loadable>
    </Layout>
  );
}

function EventDetails({ event }: { event: EventResponse }) {
  const { venue } = event;
  return (
    <article className="event-details">
      <h1>{event.title}</h1>
      {event.status === "cancelled" ? (
        <p className="notice notice-warning">
          This event is cancelled{event.cancellationReason ? `: ${event.cancellationReason}` : "."}
        </p>
      ) : null}
      <dl className="facts">
        <div>
          <dt>When</dt>
          <dd>
            <time dateTime={event.startsAt}>{formatRange(event.startsAt, event.endsAt, venue.timeZone)}</time>{" "}
            <span className="muted">
              ({zoneName(event.startsAt, venue.timeZone)}, {venue.timeZone})
            </span>
          </dd>
        </div>
        <div>
          <dt>Where</dt>
          <dd>
            <address>
              {venue.name}
              <br />
              {venue.addressLines.map((line) => (
                <span key={line}>
                  {line}
                  <br />
                </span>
              ))}
              {[venue.postalCode, venue.city, venue.region].filter(Boolean).join(" ")}, {venue.country}
            </address>
          </dd>
        </div>
      </dl>
      {event.description ? <p className="description">{event.description}</p> : null}
    </article>
  );
}

function TicketPicker({ event, types }: { event: EventResponse; types: TicketTypeResponse[] }) {
  const router = useRouter();
  const { user } = useSession();
  const [quantities, setQuantities] = useState<Record<string, number>>({});
  const [voucher, setVoucher] = useState("");
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey);

  if (types.length === 0) {
    return <p>No tickets on sale yet.</p>;
  }
  const selected = types.map((t) => ({ ticketTypeId: t.id, quantity: quantities[t.id] ?? 0 })).filter((l) => l.quantity > 0);
  const closed = event.status !== "published";

  async function reserve() {
    if (!user) {
      void router.push(`/signin?next=${encodeURIComponent(router.asPath)}`);
      return;
    }
    setBusy(true);
    const outcome = await call((api) =>
      api.POST("/events/{eventId}/holds", {
        params: { path: { eventId: event.id }, header: { "Idempotency-Key": key } },
        body: { lines: selected, voucherCode: voucher.trim() || null },
      }),
    );
    setBusy(false);
    if (outcome.ok) {
      setKey(newIdempotencyKey());
      void router.push(`/checkout?hold=${outcome.data.id}`);
    } else {
      setProblem(outcome.problem);
    }
  }

  const soldOut = problem as { seatsLeft?: { ticketTypeId: string; available: number }[]; waitingListOpen?: boolean } | undefined;
  const seatsLeft = soldOut?.seatsLeft;
  return (
    <form
      className="ticket-picker"
      onSubmit={(e) => {
        e.preventDefault();
        void reserve();
      }}
    >
      <ProblemSummary problem={problem} fields={["voucherCode"]} />
      <ul className="ticket-types">
        {types.map((type) => {
          const max = Math.min(type.maxPerOrder, type.available);
          const unavailable = !type.onSale || type.soldOut || closed;
          const left = seatsLeft?.find((s) => s.ticketTypeId === type.id);
          const inputId = fieldId(`quantity-${type.id}`);
          return (
            <li key={type.id} className="card ticket-type">
              <div className="ticket-type-head">
                <h3>{type.name}</h3>
                <p className="price">
                  <strong>{formatPrice(type.price)}</strong>
                  {type.satsPrice != null && type.price.amount > 0 ? <span className="sats"> or {formatSats(type.satsPrice)}</span> : null}
                </p>
              </div>
              {type.description ? <p>{type.description}</p> : null}
              <p className="availability">{type.soldOut ? "Sold out" : !type.onSale ? "Not on sale now" : `${type.available} left`}</p>
              {left ? <p className="field-error">{left.available === 0 ? "Sold out just now." : `Only ${left.available} left.`}</p> : null}
              {user && !closed && (type.soldOut || (soldOut?.waitingListOpen && left && left.available < (quantities[type.id] ?? 0))) ? (
                <JoinWaitingList eventId={event.id} type={type} wanted={Math.max(1, quantities[type.id] ?? 1)} />
              ) : null}
              {!unavailable ? (
                <div className="field field-inline">
                  <label htmlFor={inputId}>
                    Quantity<span className="visually-hidden"> of {type.name}</span>
                  </label>
                  <select
                    id={inputId}
                    value={quantities[type.id] ?? 0}
                    onChange={(e) => setQuantities({ ...quantities, [type.id]: Number(e.target.value) })}
                  >
                    {Array.from({ length: max + 1 }, (_, n) => n)
                      .filter((n) => n === 0 || n >= type.minPerOrder)
                      .map((n) => (
                        <option key={n} value={n}>
                          {n}
                        </option>
                      ))}
                  </select>
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
      <TextField name="voucherCode" label="Voucher code (optional)" problem={problem} value={voucher} onChange={(e) => setVoucher(e.target.value)} autoComplete="off" />
      <button type="submit" className="button" disabled={busy || selected.length === 0 || closed}>
        {busy ? "Reserving…" : user === null ? "Sign in to get tickets" : "Get tickets"}
      </button>
    </form>
  );
}

/** A sold-out type's waiting line: join it for a quantity (offers hold exactly that many seats). */
function JoinWaitingList({ eventId, type, wanted }: { eventId: string; type: TicketTypeResponse; wanted: number }) {
  const [quantity, setQuantity] = useState(Math.min(wanted, type.maxPerOrder));
  const [problem, setProblem] = useState<Problem>();
  const [joined, setJoined] = useState(false);
  const [busy, setBusy] = useState(false);
  const [key] = useState(newIdempotencyKey);
  const inputId = fieldId(`waiting-${type.id}`);

  if (joined) {
    return (
      <p className="notice notice-success" role="status">
        You are on the waiting list for {quantity} × {type.name}. We offer you seats when some free up: see <Link href="/waiting-list">My waiting lists</Link>.
      </p>
    );
  }
  async function join() {
    setBusy(true);
    const outcome = await call((api) =>
      api.POST("/events/{eventId}/waiting-list", { params: { path: { eventId }, header: { "Idempotency-Key": key } }, body: { ticketTypeId: type.id, quantity } }),
    );
    setBusy(false);
    if (outcome.ok) {
      setJoined(true);
    } else {
      setProblem(outcome.problem);
    }
  }
  return (
    <div className="waiting-join">
      <ProblemSummary problem={problem} />
      <p>Sold out. Join the waiting list and we offer you seats if some free up.</p>
      <div className="field field-inline">
        <label htmlFor={inputId}>
          Seats wanted<span className="visually-hidden"> of {type.name}</span>
        </label>
        <select id={inputId} value={quantity} onChange={(e) => setQuantity(Number(e.target.value))}>
          {Array.from({ length: type.maxPerOrder }, (_, n) => n + 1)
            .filter((n) => n >= type.minPerOrder)
            .map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
        </select>
      </div>
      <button type="button" className="button secondary" disabled={busy} onClick={() => void join()}>
        Join the waiting list<span className="visually-hidden"> for {type.name}</span>
      </button>
    </div>
  );
}
