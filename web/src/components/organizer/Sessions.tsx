import { useState } from "react";
import { call, useLoad } from "@/api/call";
import type { EventResponse } from "@/api/client";
import { scoped, type Problem } from "@/api/problem";
import { TextField } from "@/components/Field";
import { ProblemSummary } from "@/components/ProblemSummary";
import { Loadable } from "@/components/Status";
import { formatRange, zonedToUtc } from "@/lib/format";
import { newIdempotencyKey } from "@/lib/ids";
import { useForm } from "@/lib/useForm";

/** Sessions (days, tracks, workshops) of an event; times typed in the venue's time zone. */
export function Sessions({ event }: { event: EventResponse }) {
  const sessions = useLoad(event.id, (api) => api.GET("/events/{eventId}/sessions", { params: { path: { eventId: event.id } } }));
  const { values, bind, setValues } = useForm({ name: "", startsAt: "", endsAt: "" });
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey);
  const tz = event.venue.timeZone;
  const p = scoped(problem, "session-");

  async function add() {
    setBusy(true);
    const outcome = await call((api) =>
      api.POST("/events/{eventId}/sessions", {
        params: { path: { eventId: event.id }, header: { "Idempotency-Key": key } },
        body: { name: values.name, startsAt: zonedToUtc(values.startsAt, tz), endsAt: zonedToUtc(values.endsAt, tz) },
      }),
    );
    setBusy(false);
    if (outcome.ok) {
      setProblem(undefined);
      setKey(newIdempotencyKey());
      setValues({ name: "", startsAt: "", endsAt: "" });
      sessions.reload();
    } else {
      setProblem(outcome.problem);
    }
  }

  return (
    <section aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Sessions</h2>
      <Loadable loading={sessions.loading} problem={sessions.problem} data={sessions.data}>
        {(list) =>
          list.items.length === 0 ? (
            <p>No sessions: tickets admit to the whole event.</p>
          ) : (
            <ul className="admin-list">
              {list.items.map((s) => (
                <li key={s.id} className="card">
                  <strong>{s.name}</strong> · {formatRange(s.startsAt, s.endsAt, tz)}
                </li>
              ))}
            </ul>
          )
        }
      </Loadable>
      <form
        noValidate
        aria-label="New session"
        className="card"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <ProblemSummary problem={p} fields={["session-name", "session-startsAt", "session-endsAt"]} title="The session could not be added." />
        <TextField name="session-name" label="Session name" problem={p} {...bind("name")} />
        <div className="row">
          <TextField name="session-startsAt" label={`Starts (${tz})`} type="datetime-local" problem={p} {...bind("startsAt")} />
          <TextField name="session-endsAt" label={`Ends (${tz})`} type="datetime-local" problem={p} {...bind("endsAt")} />
        </div>
        <button type="submit" className="button secondary" disabled={busy}>
          Add session
        </button>
      </form>
    </section>
  );
}
