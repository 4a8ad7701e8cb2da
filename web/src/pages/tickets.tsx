import Link from "next/link";
import { QRCodeSVG } from "qrcode.react";
import { useCallback, useEffect, useState } from "react";
import { call } from "@/api/call";
import type { Schemas } from "@/api/client";
import { scoped, type Problem } from "@/api/problem";
import { useSession } from "@/auth/session";
import { TextField } from "@/components/Field";
import { Layout } from "@/components/Layout";
import { ProblemSummary } from "@/components/ProblemSummary";
import { RequireSignIn } from "@/components/RequireSignIn";
import { StatusBadge } from "@/components/Status";
import { loadEventFacts, type EventFacts } from "@/lib/events";
import { formatDateTime } from "@/lib/format";
import { newIdempotencyKey } from "@/lib/ids";
import { isOffline, readSaved, writeSaved } from "@/lib/saved";

type Ticket = Schemas["TicketResponse"];

/** What this device keeps of the signed-in user's tickets, to show them at the door without a network. */
interface SavedTickets {
  savedAt: string;
  tickets: Ticket[];
  events: Record<string, EventFacts>;
}

const savedKey = (sub: string) => `tickets.${sub}`;

/** /tickets: the signed-in user's tickets, each with its QR code; kept on the device for offline use. */
export default function Tickets() {
  return (
    <Layout title="My tickets">
      <h1>My tickets</h1>
      <RequireSignIn>
        <TicketList />
      </RequireSignIn>
    </Layout>
  );
}

function TicketList() {
  const { user } = useSession();
  const sub = user?.sub ?? "";
  const [saved, setSaved] = useState<SavedTickets>();
  const [offline, setOffline] = useState(false);
  const [problem, setProblem] = useState<Problem>();
  const [loading, setLoading] = useState(true);

  const load = useCallback(async () => {
    setLoading(true);
    const tickets: Ticket[] = [];
    let cursor: string | null | undefined;
    do {
      const after = cursor;
      const outcome = await call((api) => api.GET("/me/tickets", { params: { query: { limit: "100", ...(after ? { cursor: after } : {}) } } }));
      if (!outcome.ok) {
        setLoading(false);
        if (isOffline(outcome.problem)) {
          setOffline(true);
        } else {
          setProblem(outcome.problem);
        }
        return;
      }
      tickets.push(...outcome.data.items);
      cursor = outcome.data.nextCursor;
    } while (cursor);
    const next: SavedTickets = { savedAt: new Date().toISOString(), tickets, events: await loadEventFacts(tickets.map((t) => t.eventId)) };
    writeSaved(savedKey(sub), next);
    setSaved(next);
    setOffline(false);
    setProblem(undefined);
    setLoading(false);
  }, [sub]);

  useEffect(() => {
    setSaved(readSaved<SavedTickets>(savedKey(sub)));
    void load();
    const online = () => void load();
    window.addEventListener("online", online);
    return () => window.removeEventListener("online", online);
  }, [sub, load]);

  const replace = (ticket: Ticket) => {
    setSaved((s) => {
      if (!s) {
        return s;
      }
      const next = { ...s, tickets: s.tickets.map((t) => (t.id === ticket.id ? ticket : t)) };
      writeSaved(savedKey(sub), next);
      return next;
    });
  };

  return (
    <>
      {offline ? (
        <p className="notice notice-warning" role="status">
          You are offline. These are the tickets saved on this device{saved ? ` (updated ${formatDateTime(saved.savedAt, Intl.DateTimeFormat().resolvedOptions().timeZone)})` : ""}: their QR codes work at the door.
        </p>
      ) : null}
      <ProblemSummary problem={problem} />
      {loading && !saved ? (
        <p className="loading" role="status">
          Loading…
        </p>
      ) : null}
      {saved && saved.tickets.length === 0 ? (
        <p>
          No tickets yet. <Link href="/">Find an event</Link>.
        </p>
      ) : null}
      <ul className="ticket-list">
        {saved?.tickets.map((ticket) => (
          <TicketCard key={ticket.id} ticket={ticket} event={saved.events[ticket.eventId]} canChange={!offline} onChanged={replace} />
        ))}
      </ul>
    </>
  );
}

function TicketCard({ ticket, event, canChange, onChanged }: { ticket: Ticket; event: EventFacts | undefined; canChange: boolean; onChanged: (t: Ticket) => void }) {
  const headingId = `ticket-${ticket.id}`;
  const admits = ticket.status === "valid" && ticket.token;
  return (
    <li className="card ticket" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {ticket.holderName} · {ticket.typeName}
      </h2>
      <p>
        {event ? (
          <>
            <Link href={`/event?id=${event.id}`}>{event.title}</Link>, {formatDateTime(event.startsAt, event.timeZone)} · {event.venue}
          </>
        ) : (
          "An event no longer listed"
        )}
      </p>
      <p>
        <StatusBadge status={ticket.status} />
        {ticket.checkIns.length ? ` Checked in ${formatDateTime(ticket.checkIns[0]!.at, event?.timeZone ?? "UTC")}.` : null}
        {ticket.voidReason ? ` ${ticket.voidReason}` : null}
      </p>
      {admits ? (
        <figure className="ticket-qr">
          <QRCodeSVG value={ticket.token!} level="M" marginSize={4} size={256} title={`QR code of ${ticket.holderName}'s ticket`} />
          <figcaption>Show this code at the door. Ticket {ticket.id.slice(0, 8)}</figcaption>
        </figure>
      ) : null}
      {admits && ticket.checkIns.length === 0 && canChange ? <Reassign ticket={ticket} onChanged={onChanged} /> : null}
    </li>
  );
}

function Reassign({ ticket, onChanged }: { ticket: Ticket; onChanged: (t: Ticket) => void }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey);
  const prefix = `reassign-${ticket.id}-`;

  if (!open) {
    return (
      <button type="button" className="button secondary" onClick={() => setOpen(true)}>
        Give this ticket to someone else<span className="visually-hidden"> ({ticket.holderName})</span>
      </button>
    );
  }
  async function submit() {
    setBusy(true);
    const outcome = await call((api) =>
      api.POST("/tickets/{ticketId}/reassign", { params: { path: { ticketId: ticket.id }, header: { "Idempotency-Key": key } }, body: { holderName: name } }),
    );
    setBusy(false);
    if (outcome.ok) {
      setKey(newIdempotencyKey());
      setOpen(false);
      setName("");
      onChanged(outcome.data);
    } else {
      setProblem(scoped(outcome.problem, prefix));
    }
  }
  return (
    <form
      noValidate
      aria-label={`Give ${ticket.holderName}'s ticket to someone else`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <ProblemSummary problem={problem} fields={[`${prefix}holderName`]} />
      <TextField name={`${prefix}holderName`} label="New holder's name" hint="Their name goes on the ticket and a new QR code replaces this one." problem={problem} value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
      <button type="submit" className="button" disabled={busy}>
        Reassign ticket
      </button>{" "}
      <button type="button" className="button secondary" onClick={() => setOpen(false)}>
        Keep it
      </button>
    </form>
  );
}
