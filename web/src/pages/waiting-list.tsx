import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import { call } from "@/api/call";
import type { Schemas } from "@/api/client";
import type { Problem } from "@/api/problem";
import { useSession } from "@/auth/session";
import { Countdown } from "@/components/Countdown";
import { Layout } from "@/components/Layout";
import { ProblemSummary } from "@/components/ProblemSummary";
import { RequireSignIn } from "@/components/RequireSignIn";
import { StatusBadge } from "@/components/Status";
import { loadEventFacts, type EventFacts } from "@/lib/events";
import { formatDateTime } from "@/lib/format";

type Entry = Schemas["WaitingListEntryResponse"];

/** /waiting-list: the lines the signed-in user waits in, and the seats offered to them with their deadline. */
export default function WaitingList() {
  return (
    <Layout title="My waiting lists">
      <h1>My waiting lists</h1>
      <RequireSignIn>
        <Entries />
      </RequireSignIn>
    </Layout>
  );
}

function Entries() {
  const { user } = useSession();
  const [entries, setEntries] = useState<Entry[]>();
  const [events, setEvents] = useState<Record<string, EventFacts>>({});
  const [typeNames, setTypeNames] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<Problem>();

  const load = useCallback(async () => {
    const outcome = await call((api) => api.GET("/me/waiting-list", { params: { query: { limit: "100" } } }));
    if (!outcome.ok) {
      setProblem(outcome.problem);
      return;
    }
    const items = outcome.data.items;
    const eventIds = [...new Set(items.map((e) => e.eventId))];
    const [facts, types] = await Promise.all([
      loadEventFacts(eventIds),
      Promise.all(eventIds.map((eventId) => call((api) => api.GET("/events/{eventId}/ticket-types", { params: { path: { eventId } } })))),
    ]);
    setEvents(facts);
    setTypeNames(Object.fromEntries(types.flatMap((t) => (t.ok ? t.data.items.map((type) => [type.id, type.name] as const) : []))));
    setProblem(undefined);
    setEntries(items);
  }, []);

  useEffect(() => {
    void load();
  }, [user?.sub, load]);

  if (!entries) {
    return problem ? (
      <ProblemSummary problem={problem} />
    ) : (
      <p className="loading" role="status">
        Loading…
      </p>
    );
  }
  return (
    <>
      <ProblemSummary problem={problem} />
      {entries.length === 0 ? (
        <p>You are on no waiting list. When an event you want is sold out, join its waiting list on the event&apos;s page.</p>
      ) : null}
      <ul className="order-list">
        {entries.map((entry) => (
          <EntryCard key={entry.id} entry={entry} event={events[entry.eventId]} typeName={typeNames[entry.ticketTypeId] ?? "Tickets"} onChanged={load} onProblem={setProblem} />
        ))}
      </ul>
    </>
  );
}

function EntryCard({ entry, event, typeName, onChanged, onProblem }: { entry: Entry; event: EventFacts | undefined; typeName: string; onChanged: () => Promise<void>; onProblem: (p: Problem) => void }) {
  const [busy, setBusy] = useState(false);
  const zone = event?.timeZone ?? "UTC";
  const headingId = `entry-${entry.id}`;
  const active = entry.status === "waiting" || entry.status === "offered";
  const offerOpen = entry.status === "offered" && entry.offerHoldId && entry.offerExpiresAt && Date.parse(entry.offerExpiresAt) > Date.now();

  async function leave() {
    setBusy(true);
    const outcome = await call((api) => api.DELETE("/waiting-list/{entryId}", { params: { path: { entryId: entry.id } } }));
    setBusy(false);
    if (outcome.ok) {
      await onChanged();
    } else {
      onProblem(outcome.problem);
    }
  }

  return (
    <li className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {entry.quantity} × {typeName}
        {event ? ` · ${event.title}` : ""}
      </h2>
      <p>
        <StatusBadge status={entry.status} /> Joined {formatDateTime(entry.joinedAt, zone)}
        {event ? (
          <>
            {" "}
            · <Link href={`/event?id=${event.id}`}>The event</Link>
          </>
        ) : null}
      </p>
      {offerOpen ? (
        <div className="notice notice-success">
          <p>
            Seats are held for you until <strong>{formatDateTime(entry.offerExpiresAt!, zone)}</strong> (<Countdown deadline={Date.parse(entry.offerExpiresAt!)} /> left).
          </p>
          <Link className="button" href={`/checkout?hold=${entry.offerHoldId}`}>
            Buy the offered {entry.quantity === 1 ? "ticket" : "tickets"}
          </Link>
        </div>
      ) : entry.status === "waiting" ? (
        <p>You are in line. When seats free up they are offered in the order people joined; you will have a limited time to buy them.</p>
      ) : null}
      {active ? (
        <button type="button" className="button secondary" disabled={busy} onClick={() => void leave()}>
          Leave the waiting list<span className="visually-hidden"> for {typeName}</span>
        </button>
      ) : null}
    </li>
  );
}
