import Link from "next/link";
import { useEffect, useState } from "react";
import { call } from "@/api/call";
import type { EventResponse } from "@/api/client";
import type { Problem } from "@/api/problem";
import { Layout } from "@/components/Layout";
import { ProblemSummary } from "@/components/ProblemSummary";
import { RequireSignIn } from "@/components/RequireSignIn";
import { StatusBadge } from "@/components/Status";
import { formatDateTime } from "@/lib/format";
import { ORGANIZERS } from "@/nav";

/** /organizer: the organizer's events, drafts included, newest first. */
export default function MyEvents() {
  return (
    <Layout title="My events">
      <div className="row-between">
        <h1>My events</h1>
        <Link className="button" href="/organizer/event">
          New event
        </Link>
      </div>
      <RequireSignIn groups={ORGANIZERS}>
        <EventList />
      </RequireSignIn>
    </Layout>
  );
}

function EventList() {
  const [events, setEvents] = useState<EventResponse[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [problem, setProblem] = useState<Problem>();

  async function load(after?: string) {
    setLoading(true);
    const outcome = await call((api) => api.GET("/organizer/events", { params: { query: { limit: 50, ...(after ? { cursor: after } : {}) } } }));
    setLoading(false);
    if (outcome.ok) {
      setEvents((known) => [...known, ...outcome.data.items]);
      setCursor(outcome.data.nextCursor ?? null);
    } else {
      setProblem(outcome.problem);
    }
  }

  useEffect(() => {
    void load();
  }, []);

  return (
    <>
      <ProblemSummary problem={problem} />
      {!loading && events.length === 0 && !problem ? <p>No events yet: create your first one.</p> : null}
      <ul className="admin-list">
        {events.map((e) => (
          <li key={e.id} className="card">
            <h2 className="h3">
              <Link href={`/organizer/event?id=${e.id}`}>{e.title}</Link>
            </h2>
            <p>
              <StatusBadge status={e.status} /> {formatDateTime(e.startsAt, e.venue.timeZone)} · {e.venue.city}
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
          Show more
        </button>
      ) : null}
    </>
  );
}
