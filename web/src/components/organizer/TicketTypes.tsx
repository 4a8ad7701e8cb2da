import { useState } from "react";
import { call, useLoad } from "@/api/call";
import type { EventResponse, Schemas, TicketTypeResponse } from "@/api/client";
import type { Problem } from "@/api/problem";
import { TextArea, TextField } from "@/components/Field";
import { ProblemSummary } from "@/components/ProblemSummary";
import { scoped } from "@/api/problem";
import { Loadable } from "@/components/Status";
import { formatPrice, formatSats, fromMinorUnits, toMinorUnits } from "@/lib/format";
import { newIdempotencyKey } from "@/lib/ids";
import { intOrUndefined, useForm } from "@/lib/useForm";

const FIELDS = ["name", "description", "price", "price.amount", "price.currency", "satsPrice", "minPerOrder", "maxPerOrder", "quotaIds"];

/** The event's ticket types (hidden and archived too) and their quotas: add, change, archive. */
export function TicketTypes({ event }: { event: EventResponse }) {
  const types = useLoad(event.id, (api) => api.GET("/organizer/events/{eventId}/ticket-types", { params: { path: { eventId: event.id } } }));
  const quotas = useLoad(event.id, (api) => api.GET("/organizer/events/{eventId}/quotas", { params: { path: { eventId: event.id } } }));
  const [editing, setEditing] = useState<string | null>(null);
  const extraQuotas = (quotas.data?.items ?? []).filter((q) => !q.isEventTotal);
  const reload = () => {
    types.reload();
    quotas.reload();
  };

  return (
    <>
      <section aria-labelledby="types-heading">
        <h2 id="types-heading">Ticket types</h2>
        <Loadable loading={types.loading} problem={types.problem} data={types.data}>
          {(list) =>
            list.items.length === 0 ? (
              <p>No ticket types yet: add the first below.</p>
            ) : (
              <ul className="admin-list">
                {list.items.map((type) => (
                  <li key={type.id} className="card">
                    <div className="row-between">
                      <div>
                        <h3>{type.name}</h3>
                        <p>
                          {formatPrice(type.price)}
                          {type.satsPrice != null ? ` · ${formatSats(type.satsPrice)}` : ""} · {type.available} left · up to {type.maxPerOrder} per order
                          {type.hidden ? " · hidden" : ""}
                          {type.archived ? " · archived" : ""}
                        </p>
                      </div>
                      <button type="button" className="button secondary" aria-expanded={editing === type.id} onClick={() => setEditing(editing === type.id ? null : type.id)}>
                        {editing === type.id ? "Close" : `Edit ${type.name}`}
                      </button>
                    </div>
                    {editing === type.id ? (
                      <TicketTypeForm
                        event={event}
                        type={type}
                        quotas={extraQuotas}
                        onSaved={() => {
                          setEditing(null);
                          reload();
                        }}
                      />
                    ) : null}
                  </li>
                ))}
              </ul>
            )
          }
        </Loadable>
        <details className="card add-form">
          <summary>Add a ticket type</summary>
          <TicketTypeForm key={types.data?.items.length ?? 0} event={event} quotas={extraQuotas} onSaved={reload} />
        </details>
      </section>
      <Quotas event={event} quotas={quotas.data?.items} loading={quotas.loading} problem={quotas.problem} onChanged={reload} />
    </>
  );
}

function TicketTypeForm({ event, type, quotas, onSaved }: { event: EventResponse; type?: TicketTypeResponse; quotas: Schemas["QuotaResponse"][]; onSaved: () => void }) {
  const currency0 = type?.price.currency ?? (event.venue.country === "IN" ? "INR" : event.venue.country === "US" ? "USD" : "EUR");
  const { values, bind, check } = useForm({
    name: type?.name ?? "",
    description: type?.description ?? "",
    price: type ? fromMinorUnits(type.price.amount, type.price.currency) : "0",
    currency: currency0,
    satsPrice: type?.satsPrice != null ? String(type.satsPrice) : "",
    maxPerOrder: type ? String(type.maxPerOrder) : "10",
    hidden: type?.hidden ?? false,
    archived: type?.archived ?? false,
  });
  const [quotaIds, setQuotaIds] = useState<string[]>(type?.quotaIds.filter((id) => quotas.some((q) => q.id === id)) ?? []);
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey);
  const prefix = type ? `type-${type.id}-` : "new-type-";
  const p = scoped(problem, prefix);

  async function save() {
    const amount = toMinorUnits(values.price, values.currency.trim().toUpperCase());
    if (amount === null) {
      setProblem({ type: "about:blank", title: "Check the price.", status: 400, code: "validation_failed", errors: { "price.amount": ["must be an amount such as 12.50 (0 for free)."] } });
      return;
    }
    setBusy(true);
    const body: Schemas["TicketTypeInput"] = {
      name: values.name,
      description: values.description || null,
      price: { amount, currency: values.currency.trim().toUpperCase() },
      satsPrice: intOrUndefined(values.satsPrice) ?? null,
      maxPerOrder: intOrUndefined(values.maxPerOrder) ?? null,
      hidden: values.hidden,
      quotaIds,
      ...(type ? { archived: values.archived } : {}),
    };
    const outcome = type
      ? await call((api) => api.PATCH("/events/{eventId}/ticket-types/{ticketTypeId}", { params: { path: { eventId: event.id, ticketTypeId: type.id }, header: { "Idempotency-Key": key } }, body }))
      : await call((api) => api.POST("/events/{eventId}/ticket-types", { params: { path: { eventId: event.id }, header: { "Idempotency-Key": key } }, body }));
    setBusy(false);
    if (outcome.ok) {
      setProblem(undefined);
      setKey(newIdempotencyKey());
      onSaved();
    } else {
      setProblem(outcome.problem);
    }
  }

  return (
    <form
      noValidate
      aria-label={type ? `Edit ${type.name}` : "New ticket type"}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <ProblemSummary problem={p} fields={FIELDS.map((f) => prefix + f)} title="The ticket type could not be saved." />
          <>
            <TextField name={`${prefix}name`} label="Name" required problem={p} {...bind("name")} />
            <TextArea name={`${prefix}description`} label="Description" rows={2} problem={p} {...bind("description")} />
            <div className="row">
              <TextField name={`${prefix}price.amount`} label="Price" hint="0 for a free ticket" inputMode="decimal" problem={p} alsoFor={[`${prefix}price`]} {...bind("price")} />
              <TextField name={`${prefix}price.currency`} label="Currency" hint="e.g. EUR" maxLength={3} problem={p} {...bind("currency")} />
            </div>
            <div className="row">
              <TextField name={`${prefix}satsPrice`} label="Price in sats (optional)" inputMode="numeric" problem={p} {...bind("satsPrice")} />
              <TextField name={`${prefix}maxPerOrder`} label="Most per order" inputMode="numeric" problem={p} alsoFor={[`${prefix}minPerOrder`]} {...bind("maxPerOrder")} />
            </div>
          </>
      {quotas.length ? (
        <fieldset>
          <legend>Also draws from</legend>
          {quotas.map((quota) => (
            <label key={quota.id} className="check">
              <input
                type="checkbox"
                checked={quotaIds.includes(quota.id)}
                onChange={(e) => setQuotaIds(e.target.checked ? [...quotaIds, quota.id] : quotaIds.filter((id) => id !== quota.id))}
              />{" "}
              {quota.name} ({quota.capacity})
            </label>
          ))}
        </fieldset>
      ) : null}
      <label className="check">
        <input type="checkbox" {...check("hidden")} /> Hidden (only with a voucher that unlocks it)
      </label>
      {type ? (
        <label className="check">
          <input type="checkbox" {...check("archived")} /> Archived (no longer sold)
        </label>
      ) : null}
      <button type="submit" className="button" disabled={busy}>
        {busy ? "Saving…" : type ? "Save ticket type" : "Add ticket type"}
      </button>
    </form>
  );
}


function Quotas({ event, quotas, loading, problem, onChanged }: { event: EventResponse; quotas: Schemas["QuotaResponse"][] | undefined; loading: boolean; problem: Problem | undefined; onChanged: () => void }) {
  const { values, bind, setValues } = useForm({ name: "", capacity: "" });
  const [formProblem, setFormProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey);

  async function add() {
    setBusy(true);
    const outcome = await call((api) =>
      api.POST("/events/{eventId}/quotas", {
        params: { path: { eventId: event.id }, header: { "Idempotency-Key": key } },
        body: { name: values.name, capacity: intOrUndefined(values.capacity) ?? null },
      }),
    );
    setBusy(false);
    if (outcome.ok) {
      setFormProblem(undefined);
      setKey(newIdempotencyKey());
      setValues({ name: "", capacity: "" });
      onChanged();
    } else {
      setFormProblem(outcome.problem);
    }
  }

  return (
    <section aria-labelledby="quotas-heading">
      <h2 id="quotas-heading">Quotas</h2>
      <p className="hint">A quota caps the seats of the ticket types that draw from it (a room, an early-bird allotment). Every type draws from the event&apos;s capacity.</p>
      <Loadable loading={loading} problem={problem} data={quotas}>
        {(list) => (
          <table className="lines">
            <thead>
              <tr>
                <th scope="col">Quota</th>
                <th scope="col">Capacity</th>
                <th scope="col">Left</th>
              </tr>
            </thead>
            <tbody>
              {list.map((q) => (
                <tr key={q.id}>
                  <td>{q.isEventTotal ? `${q.name} (event capacity)` : q.name}</td>
                  <td>{q.capacity}</td>
                  <td>{q.available}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Loadable>
      <form
        noValidate
        aria-label="New quota"
        className="card"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <ProblemSummary problem={scoped(formProblem, "quota-")} fields={["quota-name", "quota-capacity"]} title="The quota could not be added." />
        <div className="row">
          <TextField name="quota-name" label="Quota name" problem={scoped(formProblem, "quota-")} {...bind("name")} />
          <TextField name="quota-capacity" label="Seats" inputMode="numeric" problem={scoped(formProblem, "quota-")} {...bind("capacity")} />
        </div>
        <button type="submit" className="button secondary" disabled={busy}>
          Add quota
        </button>
      </form>
    </section>
  );
}
