import { useState } from "react";
import { call, useLoad } from "@/api/call";
import type { Schemas } from "@/api/client";
import { fieldErrors, fieldId, type Problem } from "@/api/problem";
import { TextField } from "@/components/Field";
import { Layout } from "@/components/Layout";
import { ProblemSummary } from "@/components/ProblemSummary";
import { RequireSignIn } from "@/components/RequireSignIn";
import { Loadable } from "@/components/Status";
import { newIdempotencyKey } from "@/lib/ids";

type Preferences = Schemas["PreferencesResponse"];

const CHANNELS = [
  { id: "email", label: "Email" },
  { id: "sms", label: "SMS" },
  { id: "push", label: "Push" },
] as const;

/** The kinds in words; a kind the platform adds later shows by its name until it gets one here. */
const KINDS: Record<string, string> = {
  orderConfirmation: "Order confirmations and tickets",
  paymentFailed: "Failed payments",
  orderExpired: "Orders not paid in time",
  orderCancelled: "Cancelled orders",
  refundIssued: "Refunds",
  waitingListOffer: "Waiting list offers",
  ticketReassigned: "Tickets given to someone else",
  eventCancelled: "Cancelled events",
  eventChanged: "Event changes (time or venue)",
  eventReminder: "Reminders the day before an event",
};

/** /settings: how the platform tells the user things (GET/PUT /me/notification-preferences). */
export default function Settings() {
  return (
    <Layout title="Notifications">
      <h1>Notifications</h1>
      <RequireSignIn>
        <PreferencesLoader />
      </RequireSignIn>
    </Layout>
  );
}

function PreferencesLoader() {
  const prefs = useLoad("me", (api) => api.GET("/me/notification-preferences"));
  return (
    <Loadable loading={prefs.loading} problem={prefs.problem} data={prefs.data}>
      {(p) => <PreferencesForm initial={p} />}
    </Loadable>
  );
}

function PreferencesForm({ initial }: { initial: Preferences }) {
  const [kinds, setKinds] = useState(initial.kinds);
  const [phone, setPhone] = useState(initial.phoneNumber ?? "");
  const [quietStart, setQuietStart] = useState(initial.quietHours?.start ?? "");
  const [quietEnd, setQuietEnd] = useState(initial.quietHours?.end ?? "");
  const [zone, setZone] = useState(initial.quietHours?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
  const [problem, setProblem] = useState<Problem>();
  const [saved, setSaved] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey);
  const transactional = new Set(initial.transactional);
  const names = Object.keys(kinds);
  const fields = [
    ...names.flatMap((k) => CHANNELS.map((c) => `kinds.${k}.${c.id}`)),
    "phoneNumber",
    "quietHours",
    "quietHours.start",
    "quietHours.end",
    "quietHours.timeZone",
  ];

  async function save() {
    setBusy(true);
    setSaved(undefined);
    const quiet = quietStart || quietEnd ? { start: quietStart || null, end: quietEnd || null, timeZone: zone.trim() || null } : null;
    const outcome = await call((api) =>
      api.PUT("/me/notification-preferences", {
        params: { header: { "Idempotency-Key": key } },
        body: { kinds, phoneNumber: phone.trim() || null, quietHours: quiet },
      }),
    );
    setBusy(false);
    setKey(newIdempotencyKey());
    if (outcome.ok) {
      setProblem(undefined);
      setKinds(outcome.data.kinds);
      setSaved("Saved.");
    } else {
      setProblem(outcome.problem);
    }
  }

  function toggle(kind: string, channel: string, on: boolean) {
    setKinds({ ...kinds, [kind]: { ...kinds[kind], [channel]: on } });
  }

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <ProblemSummary problem={problem} fields={fields} />
      <fieldset className="preferences-set">
        <legend>What reaches you, and how</legend>
        <p className="hint">
          Messages about your orders and tickets always come by email. SMS needs a mobile number below; push needs the app on a phone
          {initial.pushDevices ? ` (${initial.pushDevices} registered)` : " (none registered yet)"}.
        </p>
        <div className="table-scroll">
          <table className="preferences">
            <thead>
              <tr>
                <th scope="col">Message</th>
                {CHANNELS.map((c) => (
                  <th scope="col" key={c.id}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {names.map((kind) => {
                const errors = CHANNELS.flatMap((c) => fieldErrors(problem, `kinds.${kind}.${c.id}`));
                const errorId = `${fieldId(`kinds.${kind}`)}-error`;
                return (
                  <tr key={kind}>
                    <th scope="row">
                      {KINDS[kind] ?? kind}
                      {errors.length ? (
                        <p className="field-error" id={errorId}>
                          {errors.join(" ")}
                        </p>
                      ) : null}
                    </th>
                    {CHANNELS.map((c) => {
                      const path = `kinds.${kind}.${c.id}`;
                      const invalid = fieldErrors(problem, path).length > 0;
                      const locked = c.id === "email" && transactional.has(kind);
                      return (
                        <td key={c.id}>
                          <input
                            type="checkbox"
                            id={fieldId(path)}
                            aria-label={`${KINDS[kind] ?? kind} by ${c.label}`}
                            checked={kinds[kind]?.[c.id] ?? false}
                            disabled={locked}
                            aria-invalid={invalid || undefined}
                            aria-describedby={invalid ? errorId : undefined}
                            onChange={(e) => toggle(kind, c.id, e.target.checked)}
                          />
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </fieldset>
      <TextField
        name="phoneNumber"
        label="Mobile number for SMS"
        hint="With the country code, e.g. +351 912 345 678."
        problem={problem}
        type="tel"
        autoComplete="tel"
        value={phone}
        onChange={(e) => setPhone(e.target.value)}
      />
      <fieldset>
        <legend>Quiet hours</legend>
        <p className="hint">SMS and push wait until they end; email does not ring, so it is never held back.</p>
        <div className="field-inline">
          <TextField name="quietHours.start" alsoFor={["quietHours"]} label="From" problem={problem} type="time" value={quietStart} onChange={(e) => setQuietStart(e.target.value)} />
          <TextField name="quietHours.end" label="Until" problem={problem} type="time" value={quietEnd} onChange={(e) => setQuietEnd(e.target.value)} />
        </div>
        <TextField name="quietHours.timeZone" label="In time zone" hint="An IANA time zone, e.g. Europe/Lisbon." problem={problem} value={zone} onChange={(e) => setZone(e.target.value)} autoComplete="off" />
      </fieldset>
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Saving…" : "Save"}
        </button>
        <span role="status">{saved}</span>
      </div>
    </form>
  );
}
