import { useRouter } from "next/router";
import { useMemo, useState } from "react";
import { call } from "@/api/call";
import type { EventResponse, Schemas } from "@/api/client";
import type { Problem } from "@/api/problem";
import { SelectField, TextArea, TextField } from "@/components/Field";
import { ProblemSummary } from "@/components/ProblemSummary";
import { utcToZoned, zonedToUtc } from "@/lib/format";
import { newIdempotencyKey } from "@/lib/ids";
import { intOrUndefined, useForm } from "@/lib/useForm";

const FIELDS = [
  "title",
  "description",
  "venue.name",
  "venue.addressLines",
  "venue.city",
  "venue.region",
  "venue.postalCode",
  "venue.country",
  "venue.timeZone",
  "startsAt",
  "endsAt",
  "capacity",
];

function timeZones(): string[] {
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.("timeZone") ?? [];
  return supported.length ? supported : ["UTC", "Europe/Lisbon", "Europe/London", "America/New_York", "Asia/Kolkata"];
}

/** Creates an event (no `event`) or edits one; the venue's time zone is the one its times are typed in. */
export function EventForm({ event, onSaved }: { event?: EventResponse; onSaved?: (e: EventResponse) => void }) {
  const router = useRouter();
  const zones = useMemo(timeZones, []);
  const initialZone = event?.venue.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? "UTC";
  const { values, bind } = useForm({
    title: event?.title ?? "",
    description: event?.description ?? "",
    venueName: event?.venue.name ?? "",
    addressLines: event?.venue.addressLines.join("\n") ?? "",
    city: event?.venue.city ?? "",
    region: event?.venue.region ?? "",
    postalCode: event?.venue.postalCode ?? "",
    country: event?.venue.country ?? "",
    timeZone: initialZone,
    startsAt: event ? utcToZoned(event.startsAt, event.venue.timeZone) : "",
    endsAt: event ? utcToZoned(event.endsAt, event.venue.timeZone) : "",
    capacity: event ? String(event.capacity) : "",
  });
  const [problem, setProblem] = useState<Problem>();
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey);

  async function save() {
    setBusy(true);
    setSaved(false);
    const venue: Schemas["VenueRequest"] = {
      name: values.venueName,
      addressLines: values.addressLines.split("\n").map((l) => l.trim()).filter(Boolean),
      city: values.city,
      region: values.region || null,
      postalCode: values.postalCode || null,
      country: values.country.trim(),
      timeZone: values.timeZone,
    };
    // A field left empty is sent empty (null): the API names every missing or invalid field in one answer.
    const body = {
      title: values.title,
      description: values.description || null,
      venue,
      startsAt: zonedToUtc(values.startsAt, values.timeZone),
      endsAt: zonedToUtc(values.endsAt, values.timeZone),
      capacity: intOrUndefined(values.capacity) ?? null,
    } as Schemas["CreateEventRequest"];
    const outcome = event
      ? await call((api) => api.PATCH("/events/{eventId}", { params: { path: { eventId: event.id }, header: { "Idempotency-Key": key } }, body }))
      : await call((api) => api.POST("/events", { params: { header: { "Idempotency-Key": key } }, body }));
    setBusy(false);
    if (!outcome.ok) {
      setProblem(outcome.problem);
      return;
    }
    setProblem(undefined);
    setKey(newIdempotencyKey());
    setSaved(true);
    if (event) {
      onSaved?.(outcome.data);
    } else {
      void router.push(`/organizer/event?id=${outcome.data.id}&tab=tickets`);
    }
  }

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <ProblemSummary problem={problem} fields={FIELDS} title="The event could not be saved." />
      {saved ? (
        <p className="notice notice-success" role="status">
          Saved.
        </p>
      ) : null}
      <TextField name="title" label="Title" required maxLength={200} problem={problem} {...bind("title")} />
      <TextArea name="description" label="Description" rows={4} problem={problem} {...bind("description")} />
      <fieldset>
        <legend>Venue</legend>
        <TextField name="venue.name" label="Venue name" required problem={problem} alsoFor={["venue"]} {...bind("venueName")} />
        <TextArea
          name="venue.addressLines"
          label="Address"
          hint="One line per row, up to 4."
          rows={2}
          required
          problem={problem}
          alsoFor={["venue.addressLines[0]", "venue.addressLines[1]", "venue.addressLines[2]", "venue.addressLines[3]"]}
          {...bind("addressLines")}
        />
        <div className="row">
          <TextField name="venue.city" label="City" required problem={problem} {...bind("city")} />
          <TextField name="venue.postalCode" label="Postal code" problem={problem} {...bind("postalCode")} />
        </div>
        <div className="row">
          <TextField name="venue.region" label="Region" problem={problem} {...bind("region")} />
          <TextField name="venue.country" label="Country" hint="Two letters, e.g. PT" required maxLength={2} autoComplete="country" problem={problem} {...bind("country")} />
        </div>
        <SelectField name="venue.timeZone" label="Time zone" hint="The times below are in this zone." problem={problem} {...bind("timeZone")}>
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </SelectField>
      </fieldset>
      <div className="row">
        <TextField name="startsAt" label="Starts" type="datetime-local" required problem={problem} {...bind("startsAt")} />
        <TextField name="endsAt" label="Ends" type="datetime-local" required problem={problem} {...bind("endsAt")} />
      </div>
      <TextField name="capacity" label="Capacity" hint="How many people the venue admits." inputMode="numeric" required problem={problem} {...bind("capacity")} />
      <button type="submit" className="button" disabled={busy}>
        {busy ? "Saving…" : event ? "Save changes" : "Create draft"}
      </button>
    </form>
  );
}
