// What a door scanner decides on this device (docs/ticketing.md, "What a door app can check
// offline"): the QR's signature against the platform's JWK Set (ES256 only, the key chosen by
// `kid`), then the door list for what a signature cannot say (void, reassigned, already in).
// Scans decided offline are queued and uploaded with POST /events/{eventId}/check-ins/batch.

import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from "jose";
import type { Schemas } from "@/api/client";
import { readSaved, writeSaved } from "./saved";

export type DoorTicket = Schemas["DoorTicketResponse"];
export type ScanAnswer = Schemas["CheckInResultResponse"];
export type ScanInput = Schemas["ScanInput"];

/** What the door keeps of an event, downloaded before the doors open. */
export interface DoorKit {
  eventId: string;
  title: string;
  keys: JSONWebKeySet;
  /** The door list by ticket id: revision, status, check-ins (never tokens). */
  tickets: Record<string, DoorTicket>;
  updatedAt: string;
}

/** A scan decided offline, waiting for upload. */
export interface QueuedScan {
  scanId: string;
  token: string;
  deviceId: string;
  scannedAt: string;
  ticketId: string;
}

/** The claims of a ticket's QR token (docs/ticket-signing.md). */
export interface TicketClaims {
  tid: string;
  eid: string;
  sid: string[];
  rev: number;
  nam: string;
}

export type Verified = { ok: true; claims: TicketClaims } | { ok: false; code: string; message: string };

export const kitKey = (eventId: string) => `door.${eventId}`;
export const queueKey = (eventId: string) => `door.${eventId}.queue`;

export function readKit(eventId: string): DoorKit | undefined {
  return readSaved<DoorKit>(kitKey(eventId));
}

export function saveKit(kit: DoorKit): void {
  writeSaved(kitKey(kit.eventId), kit);
}

export function readQueue(eventId: string): QueuedScan[] {
  return readSaved<QueuedScan[]>(queueKey(eventId)) ?? [];
}

export function saveQueue(eventId: string, queue: QueuedScan[]): void {
  writeSaved(queueKey(eventId), queue);
}

/** This device's name at the door, kept across visits (check-ins say which device let someone in). */
export function deviceId(): string {
  const saved = readSaved<string>("door.device");
  if (saved) {
    return saved;
  }
  const made = `web-${crypto.randomUUID().slice(0, 8)}`;
  writeSaved("door.device", made);
  return made;
}

const JOSE_REFUSALS: Record<string, [string, string]> = {
  ERR_JOSE_ALG_NOT_ALLOWED: ["unsupported_algorithm", "Not a ticket of this platform (its code is not signed with ES256)."],
  ERR_JWKS_NO_MATCHING_KEY: ["unknown_key", "Signed with a key this door does not know: update the door list, or the code is not ours."],
  ERR_JWKS_MULTIPLE_MATCHING_KEYS: ["unknown_key", "Signed with a key this door cannot tell apart."],
  ERR_JWS_SIGNATURE_VERIFICATION_FAILED: ["bad_signature", "Forged or altered code: its signature does not verify."],
  ERR_JWS_INVALID: ["malformed_token", "This code is not a ticket."],
};

/** Checks a token's signature and claims against the saved JWK Set, and that it is for this event. */
export async function verifyOffline(token: string, keys: JSONWebKeySet, eventId: string): Promise<Verified> {
  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(token.trim(), createLocalJWKSet(keys), { algorithms: ["ES256"] }));
  } catch (error) {
    const code = (error as { code?: string }).code ?? "";
    const [refusal, message] = JOSE_REFUSALS[code] ?? ["malformed_token", "This code is not a ticket."];
    return { ok: false, code: refusal, message };
  }
  let claims: TicketClaims;
  try {
    const c = JSON.parse(new TextDecoder().decode(payload)) as Partial<TicketClaims>;
    if (typeof c.tid !== "string" || typeof c.eid !== "string" || !Array.isArray(c.sid) || typeof c.rev !== "number" || typeof c.nam !== "string") {
      throw new Error("claims");
    }
    claims = c as TicketClaims;
  } catch {
    return { ok: false, code: "invalid_claims", message: "The code is signed but does not describe a ticket." };
  }
  if (claims.eid !== eventId) {
    return { ok: false, code: "wrong_event", message: `${claims.nam}'s ticket is for another event.` };
  }
  return { ok: true, claims };
}

/**
 * The door's answer without the platform, from the door list and this device's own queue: the
 * same rules the platform applies (void, superseded, already checked in), on what was downloaded.
 */
export function decideOffline(claims: TicketClaims, kit: DoorKit, queue: readonly QueuedScan[], scanId: string, device: string, at: string): ScanAnswer {
  const listed = kit.tickets[claims.tid];
  const ticket = {
    id: claims.tid,
    holderName: listed?.holderName ?? claims.nam,
    typeName: listed?.typeName ?? "",
    sessionIds: claims.sid,
    revision: claims.rev,
    status: listed?.status ?? "valid",
  };
  const answer = (result: string, code: string, message: string, checkIn: ScanAnswer["checkIn"] = null): ScanAnswer => ({
    scanId,
    result,
    code,
    message,
    ticket,
    checkIn,
    displaced: null,
    replayed: false,
  });
  if (listed?.status === "void") {
    return answer("refused", "void", "This ticket is void.");
  }
  if (listed && claims.rev < listed.revision) {
    return answer("refused", "superseded", "An old QR code: the ticket was given to someone else since.");
  }
  const first = listed?.checkIns.find((c) => c.session === "event");
  if (first) {
    return answer("already_checked_in", "already_checked_in", "Already checked in.", first);
  }
  const queued = queue.find((q) => q.ticketId === claims.tid);
  if (queued) {
    return answer("already_checked_in", "already_checked_in", "Already checked in (on this device, offline).", { session: "event", at: queued.scannedAt, deviceId: queued.deviceId, staffId: "", scanId: queued.scanId });
  }
  return answer(
    "admitted",
    "admitted",
    listed ? "Checked in offline: queued for upload." : "Checked in offline (not in the door list yet: issued after it was downloaded): queued for upload.",
    { session: "event", at, deviceId: device, staffId: "", scanId },
  );
}

/** Records a check-in in the saved door list, so the next offline decision knows it. */
export function noteCheckIn(kit: DoorKit, answer: ScanAnswer): DoorKit {
  const id = answer.ticket?.id;
  if (!id || !answer.checkIn || (answer.result !== "admitted" && answer.result !== "already_checked_in")) {
    return kit;
  }
  const listed = kit.tickets[id];
  const checkIn = answer.checkIn;
  const updated: DoorTicket = listed
    ? { ...listed, checkIns: listed.checkIns.some((c) => c.session === checkIn.session) ? listed.checkIns : [...listed.checkIns, checkIn] }
    : { id, ticketTypeId: "", typeName: answer.ticket?.typeName ?? "", sessionIds: answer.ticket?.sessionIds ?? [], holderName: answer.ticket?.holderName ?? "", status: answer.ticket?.status ?? "valid", revision: answer.ticket?.revision ?? 1, checkIns: [checkIn] };
  return { ...kit, tickets: { ...kit.tickets, [id]: updated } };
}
