import Link from "next/link";
import { useCallback, useEffect, useRef, useState } from "react";
import type { JSONWebKeySet } from "jose";
import { call, useLoad } from "@/api/call";
import type { Problem } from "@/api/problem";
import { useSession } from "@/auth/session";
import { CameraScanner } from "@/components/CameraScanner";
import { TextArea } from "@/components/Field";
import { Layout } from "@/components/Layout";
import { ProblemSummary } from "@/components/ProblemSummary";
import { QrImageInput } from "@/components/QrImageInput";
import { RequireSignIn } from "@/components/RequireSignIn";
import { loadConfig } from "@/lib/config";
import {
  decideOffline,
  deviceId,
  noteCheckIn,
  readKit,
  readQueue,
  saveKit,
  saveQueue,
  verifyOffline,
  type DoorKit,
  type DoorTicket,
  type QueuedScan,
  type ScanAnswer,
} from "@/lib/door";
import { formatDateTime, formatRange } from "@/lib/format";
import { isOffline } from "@/lib/saved";
import { useQueryParam } from "@/lib/useQueryParam";
import { DOOR } from "@/nav";

/** /scanner?event=…: the door. Without an event: the events to choose from. */
export default function Scanner() {
  const eventId = useQueryParam("event");
  return (
    <Layout title="Door scanner">
      <RequireSignIn groups={DOOR}>{eventId.value ? <Door eventId={eventId.value} /> : eventId.ready ? <ChooseEvent /> : null}</RequireSignIn>
    </Layout>
  );
}

function ChooseEvent() {
  const { user } = useSession();
  const events = useLoad("events", (api) => api.GET("/events", { params: { query: { sort: "soonest", limit: 50 } } }));
  return (
    <>
      <h1>Door scanner</h1>
      <p>Choose the event whose door you are at. The organizer adds you to its staff with your user id:</p>
      <p>
        <code className="user-id">{user?.sub}</code>
      </p>
      <ul className="order-list">
        {events.data?.items.map((e) => (
          <li key={e.id} className="card">
            <Link href={`/scanner?event=${e.id}`}>{e.title}</Link>
            <p>{formatRange(e.startsAt, e.endsAt, e.venue.timeZone)}</p>
          </li>
        ))}
      </ul>
    </>
  );
}

/** Everything the door downloads while online: the keys and every page of the door list. */
async function downloadKit(eventId: string): Promise<{ kit?: DoorKit; problem?: Problem }> {
  const event = await call((api) => api.GET("/events/{eventId}", { params: { path: { eventId } } }));
  if (!event.ok) {
    return { problem: event.problem };
  }
  const tickets: Record<string, DoorTicket> = {};
  let cursor: string | null | undefined;
  do {
    const after = cursor;
    const page = await call((api) => api.GET("/events/{eventId}/tickets", { params: { path: { eventId }, query: { limit: "100", ...(after ? { cursor: after } : {}) } } }));
    if (!page.ok) {
      return { problem: page.problem };
    }
    page.data.items.forEach((t) => (tickets[t.id] = t));
    cursor = page.data.nextCursor;
  } while (cursor);
  let keys: JSONWebKeySet;
  try {
    const response = await fetch(new URL("ticket-keys", (await loadConfig()).apiUrl.replace(/\/?$/, "/")));
    keys = (await response.json()) as JSONWebKeySet;
  } catch {
    return { problem: { type: "about:blank", title: "Could not reach the platform.", status: 0, code: "network_error" } };
  }
  return { kit: { eventId, title: event.data.title, keys, tickets, updatedAt: new Date().toISOString() } };
}

interface Upload {
  sent: number;
  admitted: number;
  alreadyCheckedIn: number;
  refused: number;
  notRecorded: number;
  answers: ScanAnswer[];
}

function Door({ eventId }: { eventId: string }) {
  const [kit, setKit] = useState<DoorKit>();
  const [queue, setQueue] = useState<QueuedScan[]>([]);
  const [online, setOnline] = useState(true);
  const [problem, setProblem] = useState<Problem>();
  const [answer, setAnswer] = useState<ScanAnswer>();
  const [upload, setUpload] = useState<Upload>();
  const [token, setToken] = useState("");
  const [busy, setBusy] = useState(false);
  const uploading = useRef(false);
  const device = useRef("");
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  const refresh = useCallback(async () => {
    const downloaded = await downloadKit(eventId);
    if (downloaded.kit) {
      // Check-ins this device made offline and has not uploaded stay known to it.
      const merged = readQueue(eventId).reduce<DoorKit>(
        (k, q) => noteCheckIn(k, { scanId: q.scanId, result: "admitted", code: "admitted", message: "", ticket: { id: q.ticketId, holderName: "", typeName: "", sessionIds: [], revision: 0, status: "valid" }, checkIn: { session: "event", at: q.scannedAt, deviceId: q.deviceId, staffId: "", scanId: q.scanId }, displaced: null, replayed: false }),
        downloaded.kit,
      );
      saveKit(merged);
      setKit(merged);
      setProblem(undefined);
    } else if (!isOffline(downloaded.problem)) {
      setProblem(downloaded.problem);
    }
  }, [eventId]);

  const sendQueue = useCallback(async () => {
    const pending = readQueue(eventId);
    if (pending.length === 0 || uploading.current) {
      return;
    }
    uploading.current = true;
    try {
      const total: Upload = { sent: 0, admitted: 0, alreadyCheckedIn: 0, refused: 0, notRecorded: 0, answers: [] };
      let left = pending;
      while (left.length > 0) {
        const batch = left.slice(0, 100);
        const outcome = await call((api) =>
          api.POST("/events/{eventId}/check-ins/batch", {
            params: { path: { eventId } },
            body: { scans: batch.map((q) => ({ scanId: q.scanId, token: q.token, deviceId: q.deviceId, scannedAt: q.scannedAt })) },
          }),
        );
        if (!outcome.ok) {
          if (!isOffline(outcome.problem)) {
            setProblem(outcome.problem);
          }
          break;
        }
        // A scan the platform could not record because its ticket kept changing is sent again later.
        const retry = new Set(outcome.data.results.filter((r) => r.result === "not_recorded" && r.code === "conflict").map((r) => r.scanId));
        left = [...left.slice(batch.length), ...batch.filter((q) => retry.has(q.scanId))];
        saveQueue(eventId, left);
        total.sent += batch.length - retry.size;
        total.admitted += outcome.data.admitted;
        total.alreadyCheckedIn += outcome.data.alreadyCheckedIn;
        total.refused += outcome.data.refused;
        total.notRecorded += outcome.data.notRecorded;
        total.answers.push(...outcome.data.results);
        if (retry.size === batch.length) {
          break;
        }
      }
      setQueue(readQueue(eventId));
      if (total.sent > 0) {
        setUpload(total);
        await refresh();
      }
    } finally {
      uploading.current = false;
    }
  }, [eventId, refresh]);

  useEffect(() => {
    device.current = deviceId();
    setKit(readKit(eventId));
    setQueue(readQueue(eventId));
    setOnline(navigator.onLine);
    void refresh().then(sendQueue);
    const up = () => {
      setOnline(true);
      void sendQueue();
    };
    const down = () => setOnline(false);
    window.addEventListener("online", up);
    window.addEventListener("offline", down);
    return () => {
      window.removeEventListener("online", up);
      window.removeEventListener("offline", down);
    };
  }, [eventId, refresh, sendQueue]);

  const scan = useCallback(
    async (text: string) => {
      const current = readKit(eventId) ?? kit;
      if (!current) {
        setProblem({ type: "about:blank", title: "The door is not ready.", status: 0, code: "not_ready", detail: "Download the keys and the door list first: connect to the network and reload." });
        return;
      }
      setBusy(true);
      const scanId = crypto.randomUUID();
      const at = new Date().toISOString();
      const verified = await verifyOffline(text, current.keys, eventId);
      // A key this door has not downloaded yet is for the platform to judge, when it can be asked.
      if (!verified.ok && !(verified.code === "unknown_key" && navigator.onLine)) {
        setAnswer({ scanId, result: "refused", code: verified.code, message: verified.message, ticket: null, checkIn: null, displaced: null, replayed: false });
        setBusy(false);
        return;
      }
      if (navigator.onLine) {
        const outcome = await call((api) =>
          api.POST("/events/{eventId}/check-ins", { params: { path: { eventId } }, body: { scanId, token: text.trim(), deviceId: device.current, scannedAt: at } }),
        );
        if (outcome.ok) {
          const next = noteCheckIn(current, outcome.data);
          saveKit(next);
          setKit(next);
          setAnswer(outcome.data);
          setProblem(undefined);
          setBusy(false);
          return;
        }
        if (!isOffline(outcome.problem) || !verified.ok) {
          setProblem(outcome.problem);
          setBusy(false);
          return;
        }
      }
      if (!verified.ok) {
        setBusy(false);
        return;
      }
      const pending = readQueue(eventId);
      const decided = decideOffline(verified.claims, current, pending, scanId, device.current, at);
      if (decided.result === "admitted") {
        const next = [...pending, { scanId, token: text.trim(), deviceId: device.current, scannedAt: at, ticketId: verified.claims.tid }];
        saveQueue(eventId, next);
        setQueue(next);
      }
      setAnswer(decided);
      setBusy(false);
    },
    [eventId, kit],
  );

  return (
    <>
      <h1>Door{kit ? `: ${kit.title}` : ""}</h1>
      <p className={`notice${online ? "" : " notice-warning"}`} role="status">
        {online ? "Online: each scan is checked with the platform." : "Offline: scans are checked on this device and uploaded when the network is back."}
        {kit ? ` Keys and door list (${Object.keys(kit.tickets).length} ${Object.keys(kit.tickets).length === 1 ? "ticket" : "tickets"}) saved ${formatDateTime(kit.updatedAt, timeZone)}.` : " Not ready for offline use yet."}
        {queue.length ? ` ${queue.length} ${queue.length === 1 ? "scan" : "scans"} waiting for upload.` : ""}
      </p>
      <ProblemSummary problem={problem} />
      <ScanResult answer={answer} timeZone={timeZone} />
      <section aria-labelledby="scan-heading" className="card">
        <h2 id="scan-heading">Scan a ticket</h2>
        <CameraScanner onCode={(code) => void scan(code)} />
        <QrImageInput onCode={(code) => void scan(code)} />
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void scan(token).then(() => setToken(""));
          }}
        >
          <TextArea name="token" label="Or enter the ticket's code" hint="The text inside the QR code, for a code the camera cannot read." rows={3} value={token} onChange={(e) => setToken(e.target.value)} autoComplete="off" spellCheck={false} />
          <button type="submit" className="button" disabled={busy || token.trim() === ""}>
            Check in
          </button>
        </form>
      </section>
      {upload ? (
        <section aria-labelledby="upload-heading" className="card">
          <h2 id="upload-heading">Offline scans uploaded</h2>
          <p role="status">
            Uploaded {upload.sent} {upload.sent === 1 ? "scan" : "scans"}: {upload.admitted} admitted, {upload.alreadyCheckedIn} already checked in, {upload.refused} refused
            {upload.notRecorded ? `, ${upload.notRecorded} not recorded` : ""}.
          </p>
          <ul>
            {upload.answers
              .filter((a) => a.result !== "admitted")
              .map((a) => (
                <li key={a.scanId}>
                  {a.ticket?.holderName ?? "A ticket"}: {a.message}
                  {a.checkIn ? ` (first in ${formatDateTime(a.checkIn.at, timeZone)} at ${a.checkIn.deviceId})` : ""}
                </li>
              ))}
          </ul>
        </section>
      ) : null}
      <p className="hint">This device is {device.current || "…"} at the door.</p>
    </>
  );
}

const HEADLINES: Record<string, string> = { admitted: "Admitted", already_checked_in: "Already checked in", refused: "Refused" };

/** The door's answer, big enough to read at arm's length, announced to screen readers. */
function ScanResult({ answer, timeZone }: { answer: ScanAnswer | undefined; timeZone: string }) {
  return (
    <div className={`scan-result${answer ? ` scan-${answer.result}` : ""}`} role="status" aria-live="assertive" aria-atomic="true">
      {answer ? (
        <>
          <p className="scan-headline">{HEADLINES[answer.result] ?? answer.result}</p>
          {answer.ticket ? (
            <p className="scan-holder">
              {answer.ticket.holderName}
              {answer.ticket.typeName ? ` · ${answer.ticket.typeName}` : ""}
            </p>
          ) : null}
          <p>
            {answer.message}
            {answer.result === "already_checked_in" && answer.checkIn ? ` First in at ${formatDateTime(answer.checkIn.at, timeZone)} (${answer.checkIn.deviceId}).` : ""}
          </p>
        </>
      ) : (
        <p className="muted">Scan a ticket to check its holder in.</p>
      )}
    </div>
  );
}
