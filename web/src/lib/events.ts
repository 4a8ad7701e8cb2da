// The few facts about an event that lists of tickets, orders and waiting-list entries show
// beside each item: loaded once per event per page.

import { call } from "@/api/call";

export interface EventFacts {
  id: string;
  title: string;
  startsAt: string;
  timeZone: string;
  venue: string;
}

/** The public facts of each event, by id (events the platform no longer shows are left out). */
export async function loadEventFacts(ids: readonly string[]): Promise<Record<string, EventFacts>> {
  const unique = [...new Set(ids)];
  const loaded = await Promise.all(
    unique.map((eventId) => call((api) => api.GET("/events/{eventId}", { params: { path: { eventId } } }))),
  );
  const facts: Record<string, EventFacts> = {};
  loaded.forEach((outcome) => {
    if (outcome.ok) {
      const e = outcome.data;
      facts[e.id] = { id: e.id, title: e.title, startsAt: e.startsAt, timeZone: e.venue.timeZone, venue: `${e.venue.name}, ${e.venue.city}` };
    }
  });
  return facts;
}
