import { useState } from "react";
import { useLoad } from "@/api/call";
import type { EventResponse } from "@/api/client";
import { SelectField } from "@/components/Field";
import { Loadable, StatusBadge } from "@/components/Status";
import { formatDateTime } from "@/lib/format";

/** A ticket type's waiting line, in the order people joined: who waits, who holds an offer until when. */
export function WaitingLine({ event }: { event: EventResponse }) {
  const types = useLoad(event.id, (api) => api.GET("/organizer/events/{eventId}/ticket-types", { params: { path: { eventId: event.id } } }));
  const [chosen, setChosen] = useState<string>();
  const typeId = chosen ?? types.data?.items[0]?.id ?? null;
  const line = useLoad(typeId, (api) =>
    api.GET("/organizer/events/{eventId}/waiting-list", { params: { path: { eventId: event.id }, query: { ticketTypeId: typeId ?? "", limit: "100" } } }),
  );
  const zone = event.venue.timeZone;
  return (
    <section aria-labelledby="waiting-heading">
      <h2 id="waiting-heading">Waiting list</h2>
      <Loadable loading={types.loading} problem={types.problem} data={types.data}>
        {(list) =>
          list.items.length === 0 ? (
            <p>No ticket types yet.</p>
          ) : (
            <SelectField name="waitingType" label="Ticket type" value={typeId ?? ""} onChange={(e) => setChosen(e.target.value)}>
              {list.items.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </SelectField>
          )
        }
      </Loadable>
      {typeId ? (
        <Loadable loading={line.loading} problem={line.problem} data={line.data}>
          {(entries) =>
            entries.items.length === 0 ? (
              <p>Nobody is waiting for this ticket type.</p>
            ) : (
              <table className="lines">
                <thead>
                  <tr>
                    <th scope="col">Place</th>
                    <th scope="col">Joined</th>
                    <th scope="col">Seats</th>
                    <th scope="col">Status</th>
                    <th scope="col">Offer until</th>
                  </tr>
                </thead>
                <tbody>
                  {entries.items.map((e, i) => (
                    <tr key={e.id}>
                      <td>{i + 1}</td>
                      <td>{formatDateTime(e.joinedAt, zone)}</td>
                      <td>{e.quantity}</td>
                      <td>
                        <StatusBadge status={e.status} />
                      </td>
                      <td>{e.offerExpiresAt ? formatDateTime(e.offerExpiresAt, zone) : "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </Loadable>
      ) : null}
    </section>
  );
}
