import Link from "next/link";
import type { EventResponse } from "@/api/client";
import { formatDateTime } from "@/lib/format";

export function EventCard({ event }: { event: EventResponse }) {
  const { venue } = event;
  return (
    <li className="card event-card">
      <h3>
        <Link href={`/event?id=${event.id}`}>{event.title}</Link>
      </h3>
      <p className="event-when">
        <time dateTime={event.startsAt}>{formatDateTime(event.startsAt, venue.timeZone)}</time>
      </p>
      <p className="event-where">
        {venue.name}, {venue.city}
      </p>
      {event.status === "cancelled" ? <p className="badge badge-cancelled">Cancelled</p> : null}
    </li>
  );
}
