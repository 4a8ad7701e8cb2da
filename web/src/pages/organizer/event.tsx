import Link from "next/link";
import { useState } from "react";
import { call, useLoad } from "@/api/call";
import type { EventResponse } from "@/api/client";
import type { Problem } from "@/api/problem";
import { TextArea } from "@/components/Field";
import { Layout } from "@/components/Layout";
import { EventForm } from "@/components/organizer/EventForm";
import { Door } from "@/components/organizer/Door";
import { EventOrders } from "@/components/organizer/EventOrders";
import { Sessions } from "@/components/organizer/Sessions";
import { TicketTypes } from "@/components/organizer/TicketTypes";
import { Vouchers } from "@/components/organizer/Vouchers";
import { WaitingLine } from "@/components/organizer/WaitingLine";
import { ProblemSummary } from "@/components/ProblemSummary";
import { RequireSignIn } from "@/components/RequireSignIn";
import { Loadable, StatusBadge } from "@/components/Status";
import { formatRange } from "@/lib/format";
import { newIdempotencyKey } from "@/lib/ids";
import { useQueryParam } from "@/lib/useQueryParam";
import { ORGANIZERS } from "@/nav";

// The sections of an event's admin page (?id=…&tab=…).
const TABS = [
  { id: "details", label: "Details" },
  { id: "tickets", label: "Tickets and quotas" },
  { id: "sessions", label: "Sessions" },
  { id: "vouchers", label: "Vouchers" },
  { id: "orders", label: "Orders" },
  { id: "waiting", label: "Waiting list" },
  { id: "door", label: "Check-ins and staff" },
] as const;

/** /organizer/event: a new event (no id), or one event's admin (?id=…&tab=…). */
export default function OrganizerEvent() {
  const id = useQueryParam("id");
  const tab = useQueryParam("tab");
  return (
    <Layout title={id.value ? "Manage event" : "New event"}>
      <RequireSignIn groups={ORGANIZERS}>
        {id.value ? (
          <ManageEvent eventId={id.value} tab={tab.value ?? "details"} />
        ) : id.ready ? (
          <>
            <h1>New event</h1>
            <p className="hint">It starts as a draft: only you see it until you publish it.</p>
            <EventForm />
          </>
        ) : null}
      </RequireSignIn>
    </Layout>
  );
}

function ManageEvent({ eventId, tab }: { eventId: string; tab: string }) {
  const loaded = useLoad(eventId, (api) => api.GET("/organizer/events/{eventId}", { params: { path: { eventId } } }));
  const [event, setEvent] = useState<EventResponse>();
  const current = event ?? loaded.data;
  return (
    <Loadable loading={loaded.loading} problem={loaded.problem} data={current}>
      {(e) => (
        <>
          <p>
            <Link href="/organizer">← My events</Link>
          </p>
          <h1>{e.title}</h1>
          <p>
            <StatusBadge status={e.status} /> {formatRange(e.startsAt, e.endsAt, e.venue.timeZone)} · {e.venue.city}
            {e.status !== "draft" ? (
              <>
                {" "}
                · <Link href={`/event?id=${e.id}`}>Public page</Link>
              </>
            ) : null}
          </p>
          <nav aria-label="Event sections" className="tabs">
            <ul>
              {TABS.map((t) => (
                <li key={t.id}>
                  <Link href={`/organizer/event?id=${e.id}&tab=${t.id}`} aria-current={tab === t.id ? "page" : undefined}>
                    {t.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          {tab === "details" ? (
            <>
              <Lifecycle event={e} onChanged={setEvent} />
              <h2>Details</h2>
              <EventForm key={e.version} event={e} onSaved={setEvent} />
            </>
          ) : null}
          {tab === "tickets" ? <TicketTypes event={e} /> : null}
          {tab === "sessions" ? <Sessions event={e} /> : null}
          {tab === "vouchers" ? <Vouchers event={e} /> : null}
          {tab === "orders" ? <EventOrders event={e} /> : null}
          {tab === "waiting" ? <WaitingLine event={e} /> : null}
          {tab === "door" ? <Door event={e} /> : null}
        </>
      )}
    </Loadable>
  );
}

function Lifecycle({ event, onChanged }: { event: EventResponse; onChanged: (e: EventResponse) => void }) {
  const [problem, setProblem] = useState<Problem>();
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);

  async function act(action: "publish" | "cancel") {
    setBusy(true);
    const key = newIdempotencyKey();
    const outcome =
      action === "publish"
        ? await call((api) => api.POST("/events/{eventId}/publish", { params: { path: { eventId: event.id }, header: { "Idempotency-Key": key } } }))
        : await call((api) => api.POST("/events/{eventId}/cancel", { params: { path: { eventId: event.id }, header: { "Idempotency-Key": key } }, body: { reason } }));
    setBusy(false);
    if (outcome.ok) {
      setProblem(undefined);
      onChanged(outcome.data);
    } else {
      setProblem(outcome.problem);
    }
  }

  if (event.status === "draft") {
    return (
      <section className="card" aria-labelledby="publish-heading">
        <h2 id="publish-heading">Publish</h2>
        <ProblemSummary problem={problem} />
        <p>Publishing lists the event and opens ticket sales.</p>
        <button type="button" className="button" disabled={busy} onClick={() => void act("publish")}>
          Publish event
        </button>
      </section>
    );
  }
  if (event.status === "published") {
    return (
      <section className="card" aria-labelledby="cancel-heading">
        <h2 id="cancel-heading">Cancel the event</h2>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void act("cancel");
          }}
        >
          <ProblemSummary problem={problem} fields={["reason"]} />
          <TextArea name="reason" label="Why (shown to ticket holders)" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} problem={problem} />
          <button type="submit" className="button danger" disabled={busy}>
            Cancel event
          </button>
        </form>
      </section>
    );
  }
  return null;
}
