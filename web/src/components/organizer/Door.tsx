import Link from "next/link";
import { useState } from "react";
import { call, useLoad } from "@/api/call";
import type { EventResponse } from "@/api/client";
import type { Problem } from "@/api/problem";
import { TextField } from "@/components/Field";
import { ProblemSummary } from "@/components/ProblemSummary";
import { Loadable } from "@/components/Status";
import { formatDateTime } from "@/lib/format";
import { newIdempotencyKey } from "@/lib/ids";

/** The event's door: who may scan tickets, and how many people are in. */
export function Door({ event }: { event: EventResponse }) {
  return (
    <>
      <CheckInCounts event={event} />
      <Staff event={event} />
    </>
  );
}

function CheckInCounts({ event }: { event: EventResponse }) {
  const counts = useLoad(event.id, (api) => api.GET("/organizer/events/{eventId}/check-ins", { params: { path: { eventId: event.id } } }));
  return (
    <section aria-labelledby="counts-heading">
      <h2 id="counts-heading">Check-ins</h2>
      <Loadable loading={counts.loading} problem={counts.problem} data={counts.data}>
        {(c) => (
          <>
            <p className="big-count" role="status">
              <strong>{c.checkedIn}</strong> of {c.issued} tickets checked in
            </p>
            {c.sessions.length > 1 ? (
              <table className="lines">
                <thead>
                  <tr>
                    <th scope="col">Door</th>
                    <th scope="col">Checked in</th>
                    <th scope="col">Valid tickets</th>
                  </tr>
                </thead>
                <tbody>
                  {c.sessions.map((s) => (
                    <tr key={s.session}>
                      <td>{s.session === "event" ? "The event" : (s.name ?? s.session)}</td>
                      <td>{s.checkedIn}</td>
                      <td>{s.issued}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
            <p className="hint">Counted {formatDateTime(c.countedAt, event.venue.timeZone)}.</p>
          </>
        )}
      </Loadable>
      <p>
        <button type="button" className="button secondary" onClick={counts.reload}>
          Refresh counts
        </button>{" "}
        <Link href={`/scanner?event=${event.id}`}>Open the door scanner</Link>
      </p>
    </section>
  );
}

function Staff({ event }: { event: EventResponse }) {
  const staff = useLoad(event.id, (api) => api.GET("/organizer/events/{eventId}/staff", { params: { path: { eventId: event.id } } }));
  const [userId, setUserId] = useState("");
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);

  async function assign() {
    setBusy(true);
    const id = userId.trim();
    const outcome = await call((api) =>
      api.PUT("/events/{eventId}/staff/{userId}", { params: { path: { eventId: event.id, userId: id }, header: { "Idempotency-Key": newIdempotencyKey() } } }),
    );
    setBusy(false);
    if (outcome.ok) {
      setUserId("");
      setProblem(undefined);
      staff.reload();
    } else {
      // The user id is a path segment: the API names it `userId`, as the field is.
      setProblem(outcome.problem);
    }
  }

  async function remove(id: string) {
    const outcome = await call((api) => api.DELETE("/events/{eventId}/staff/{userId}", { params: { path: { eventId: event.id, userId: id } } }));
    if (outcome.ok) {
      staff.reload();
    } else {
      setProblem(outcome.problem);
    }
  }

  return (
    <section aria-labelledby="staff-heading">
      <h2 id="staff-heading">Door staff</h2>
      <p>
        Staff scan tickets at this event&apos;s door. They need a staff account; their user id is shown on their <strong>Door</strong> page.
      </p>
      <Loadable loading={staff.loading} problem={staff.problem} data={staff.data}>
        {(list) =>
          list.items.length ? (
            <ul className="staff-list">
              {list.items.map((m) => (
                <li key={m.userId}>
                  <code>{m.userId}</code> <span className="muted">since {formatDateTime(m.assignedAt, event.venue.timeZone)}</span>{" "}
                  <button type="button" className="link-button" onClick={() => void remove(m.userId)}>
                    Remove<span className="visually-hidden"> {m.userId} from the staff</span>
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <p>No staff yet: only you can check people in.</p>
          )
        }
      </Loadable>
      <form
        noValidate
        aria-label="Add door staff"
        onSubmit={(e) => {
          e.preventDefault();
          void assign();
        }}
      >
        <ProblemSummary problem={problem} fields={["userId"]} />
        <TextField name="userId" label="Staff member's user id" problem={problem} value={userId} onChange={(e) => setUserId(e.target.value)} autoComplete="off" spellCheck={false} />
        <button type="submit" className="button" disabled={busy || userId.trim() === ""}>
          Add to staff
        </button>
      </form>
    </section>
  );
}
