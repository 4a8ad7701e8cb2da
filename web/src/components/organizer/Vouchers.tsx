import { useState } from "react";
import { call, useLoad } from "@/api/call";
import type { EventResponse, Schemas } from "@/api/client";
import { scoped, type Problem } from "@/api/problem";
import { SelectField, TextField } from "@/components/Field";
import { ProblemSummary } from "@/components/ProblemSummary";
import { Loadable } from "@/components/Status";
import { formatMoney, toMinorUnits } from "@/lib/format";
import { newIdempotencyKey } from "@/lib/ids";
import { intOrUndefined, useForm } from "@/lib/useForm";

/** Voucher codes: a percentage or an amount off, a usage limit, the types they apply to; disable and enable. */
export function Vouchers({ event }: { event: EventResponse }) {
  const vouchers = useLoad(event.id, (api) => api.GET("/organizer/events/{eventId}/vouchers", { params: { path: { eventId: event.id } } }));
  const types = useLoad(event.id, (api) => api.GET("/organizer/events/{eventId}/ticket-types", { params: { path: { eventId: event.id } } }));
  const { values, bind, setValues } = useForm({ code: "", kind: "percent", percentOff: "", amountOff: "", currency: "EUR", usageLimit: "" });
  const [typeIds, setTypeIds] = useState<string[]>([]);
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey);
  const p = scoped(problem, "voucher-");

  async function add() {
    setBusy(true);
    const body: Schemas["VoucherInput"] = {
      code: values.code,
      usageLimit: intOrUndefined(values.usageLimit) ?? null,
      ticketTypeIds: typeIds,
      ...(values.kind === "percent"
        ? { percentOff: intOrUndefined(values.percentOff) ?? null }
        : { amountOff: { amount: toMinorUnits(values.amountOff, values.currency) ?? Number.NaN, currency: values.currency } }),
    };
    const outcome = await call((api) => api.POST("/events/{eventId}/vouchers", { params: { path: { eventId: event.id }, header: { "Idempotency-Key": key } }, body }));
    setBusy(false);
    if (outcome.ok) {
      setProblem(undefined);
      setKey(newIdempotencyKey());
      setValues({ ...values, code: "", percentOff: "", amountOff: "", usageLimit: "" });
      setTypeIds([]);
      vouchers.reload();
    } else {
      setProblem(outcome.problem);
    }
  }

  async function toggle(voucher: Schemas["VoucherResponse"]) {
    const outcome = await call((api) =>
      api.PATCH("/events/{eventId}/vouchers/{voucherCode}", {
        params: { path: { eventId: event.id, voucherCode: voucher.code }, header: { "Idempotency-Key": newIdempotencyKey() } },
        body: { disabled: !voucher.disabled },
      }),
    );
    if (outcome.ok) {
      vouchers.reload();
    } else {
      setProblem(outcome.problem);
    }
  }

  return (
    <section aria-labelledby="vouchers-heading">
      <h2 id="vouchers-heading">Vouchers</h2>
      <Loadable loading={vouchers.loading} problem={vouchers.problem} data={vouchers.data}>
        {(list) =>
          list.items.length === 0 ? (
            <p>No vouchers yet.</p>
          ) : (
            <table className="lines">
              <thead>
                <tr>
                  <th scope="col">Code</th>
                  <th scope="col">Discount</th>
                  <th scope="col">Used</th>
                  <th scope="col">State</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((v) => (
                  <tr key={v.code}>
                    <td>
                      <code>{v.code}</code>
                    </td>
                    <td>{v.percentOff != null ? `${v.percentOff}%` : v.amountOff ? formatMoney(v.amountOff) : "unlocks types"}</td>
                    <td>
                      {v.used}
                      {v.usageLimit != null ? ` of ${v.usageLimit}` : ""}
                    </td>
                    <td>
                      <button type="button" className="link-button" onClick={() => void toggle(v)}>
                        {v.disabled ? `Enable ${v.code}` : `Disable ${v.code}`}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loadable>
      <form
        noValidate
        aria-label="New voucher"
        className="card"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <ProblemSummary problem={p} fields={["voucher-code", "voucher-percentOff", "voucher-amountOff", "voucher-amountOff.amount", "voucher-usageLimit"]} title="The voucher could not be added." />
        <div className="row">
          <TextField name="voucher-code" label="Code" autoComplete="off" problem={p} {...bind("code")} />
          <TextField name="voucher-usageLimit" label="Uses (optional)" inputMode="numeric" problem={p} {...bind("usageLimit")} />
        </div>
        <div className="row">
          <SelectField name="voucher-kind" label="Discount" {...bind("kind")}>
            <option value="percent">Percent off</option>
            <option value="amount">Amount off</option>
          </SelectField>
          {values.kind === "percent" ? (
            <TextField name="voucher-percentOff" label="Percent" inputMode="numeric" problem={p} {...bind("percentOff")} />
          ) : (
            <TextField name="voucher-amountOff.amount" label={`Amount (${values.currency})`} inputMode="decimal" problem={p} alsoFor={["voucher-amountOff"]} {...bind("amountOff")} />
          )}
        </div>
        {types.data?.items.length ? (
          <fieldset>
            <legend>Applies to (none ticked: every type)</legend>
            {types.data.items.map((t) => (
              <label key={t.id} className="check">
                <input type="checkbox" checked={typeIds.includes(t.id)} onChange={(e) => setTypeIds(e.target.checked ? [...typeIds, t.id] : typeIds.filter((id) => id !== t.id))} /> {t.name}
              </label>
            ))}
          </fieldset>
        ) : null}
        <button type="submit" className="button secondary" disabled={busy}>
          Add voucher
        </button>
      </form>
    </section>
  );
}
