import { useEffect, useMemo, useState } from "react";
import { call } from "@/api/call";
import type { EventResponse } from "@/api/client";
import type { Problem } from "@/api/problem";
import { EventCard } from "@/components/EventCard";
import { Layout } from "@/components/Layout";
import { ProblemSummary } from "@/components/ProblemSummary";

const PAGE = 50;

function normalize(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/** Upcoming events, soonest first; search by text and city over the events loaded so far. */
export default function Browse() {
  const [events, setEvents] = useState<EventResponse[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [problem, setProblem] = useState<Problem>();
  const [text, setText] = useState("");
  const [city, setCity] = useState("");

  async function loadMore(after?: string) {
    setLoading(true);
    const outcome = await call((api) => api.GET("/events", { params: { query: { sort: "soonest", limit: PAGE, ...(after ? { cursor: after } : {}) } } }));
    setLoading(false);
    if (!outcome.ok) {
      setProblem(outcome.problem);
      return;
    }
    setProblem(undefined);
    setEvents((known) => [...known, ...outcome.data.items.filter((e) => !known.some((k) => k.id === e.id))]);
    setCursor(outcome.data.nextCursor ?? null);
  }

  useEffect(() => {
    void loadMore();
  }, []);

  const cities = useMemo(() => [...new Set(events.map((e) => e.venue.city))].sort((a, b) => a.localeCompare(b)), [events]);
  const shown = useMemo(() => {
    const words = normalize(text).split(/\s+/).filter(Boolean);
    return events.filter((e) => {
      if (city && e.venue.city !== city) {
        return false;
      }
      const haystack = normalize([e.title, e.description ?? "", e.venue.name, e.venue.city, e.venue.country].join(" "));
      return words.every((word) => haystack.includes(word));
    });
  }, [events, text, city]);

  return (
    <Layout title="Upcoming events">
      <h1>Upcoming events</h1>
      <form className="search" role="search" aria-label="Events" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="search-text">Search</label>
          <input id="search-text" type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="Lightning, workshop, meetup…" />
        </div>
        <div className="field">
          <label htmlFor="search-city">City</label>
          <select id="search-city" value={city} onChange={(e) => setCity(e.target.value)}>
            <option value="">Any city</option>
            {cities.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
      </form>
      <ProblemSummary problem={problem} />
      <p className="result-count" role="status">
        {loading && events.length === 0 ? "Loading…" : `${shown.length} ${shown.length === 1 ? "event" : "events"}`}
      </p>
      <ul className="event-list">
        {shown.map((event) => (
          <EventCard key={event.id} event={event} />
        ))}
      </ul>
      {!loading && events.length === 0 && !problem ? <p>No upcoming events yet.</p> : null}
      {cursor ? (
        <button type="button" className="button secondary" disabled={loading} onClick={() => void loadMore(cursor)}>
          {loading ? "Loading…" : "Show later events"}
        </button>
      ) : null}
    </Layout>
  );
}
