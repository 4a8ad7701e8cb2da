// Data a page keeps on this device, so it still shows (and works) without a network: the
// attendee's tickets, the door's keys, door list and queue of offline scans. JSON in localStorage,
// each under one key; a private window without storage just keeps nothing.

const PREFIX = "bitcoin-events.";

export function readSaved<T>(key: string): T | undefined {
  try {
    const raw = localStorage.getItem(PREFIX + key);
    return raw ? (JSON.parse(raw) as T) : undefined;
  } catch {
    return undefined;
  }
}

export function writeSaved<T>(key: string, value: T): void {
  try {
    localStorage.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: the page works online only.
  }
}

export function removeSaved(key: string): void {
  try {
    localStorage.removeItem(PREFIX + key);
  } catch {
    // Nothing saved.
  }
}

/** Forgets everything saved under a key prefix (a signed-out user's tickets). */
export function removeSavedPrefix(prefix: string): void {
  try {
    Object.keys(localStorage)
      .filter((key) => key.startsWith(PREFIX + prefix))
      .forEach((key) => localStorage.removeItem(key));
  } catch {
    // Nothing saved.
  }
}

/** True when a problem says the platform could not be reached (offline), not that it refused. */
export function isOffline(problem: { code?: string | null } | undefined): boolean {
  return problem?.code === "network_error";
}
