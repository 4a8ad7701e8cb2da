// Money in minor units and instants in the event's own time zone, as people read them.

export interface Money {
  amount: number;
  currency: string;
}

const LOCALE = undefined; // the reader's own locale

/** Digits after the decimal point for a currency (EUR 2, JPY 0, ...). */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

export function formatMoney(money: Money): string {
  const digits = minorDigits(money.currency);
  const major = money.amount / 10 ** digits;
  try {
    return new Intl.NumberFormat(LOCALE, { style: "currency", currency: money.currency }).format(major);
  } catch {
    return `${major.toFixed(digits)} ${money.currency}`;
  }
}

export function formatPrice(money: Money): string {
  return money.amount === 0 ? "Free" : formatMoney(money);
}

export function formatSats(sats: number): string {
  return `${new Intl.NumberFormat(LOCALE).format(sats)} sats`;
}

/** "12.50" in EUR → 1250 (cents); null when it is not an amount. */
export function toMinorUnits(text: string, currency: string): number | null {
  const trimmed = text.trim().replace(",", ".");
  if (!/^\d+(\.\d+)?$/.test(trimmed)) {
    return null;
  }
  const digits = minorDigits(currency);
  const [whole = "0", fraction = ""] = trimmed.split(".");
  if (fraction.length > digits) {
    return null;
  }
  return Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, "0") || "0");
}

export function fromMinorUnits(amount: number, currency: string): string {
  const digits = minorDigits(currency);
  return digits === 0 ? String(amount) : (amount / 10 ** digits).toFixed(digits);
}

/** "Sat 1 Mar 2027, 19:00" in the given IANA time zone. */
export function formatDateTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(LOCALE, {
    timeZone,
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(iso));
}

export function formatTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(LOCALE, { timeZone, hour: "2-digit", minute: "2-digit" }).format(new Date(iso));
}

function sameDay(a: string, b: string, timeZone: string): boolean {
  const day = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
  return day.format(new Date(a)) === day.format(new Date(b));
}

/** "Sat 1 Mar 2027, 19:00 – 22:00 (Europe/Lisbon)" or across days with both dates. */
export function formatRange(startsAt: string, endsAt: string, timeZone: string): string {
  const end = sameDay(startsAt, endsAt, timeZone) ? formatTime(endsAt, timeZone) : formatDateTime(endsAt, timeZone);
  return `${formatDateTime(startsAt, timeZone)} – ${end}`;
}

/** The zone's short name at that instant ("WET", "GMT+5:30"). */
export function zoneName(iso: string, timeZone: string): string {
  const part = new Intl.DateTimeFormat("en", { timeZone, timeZoneName: "short" })
    .formatToParts(new Date(iso))
    .find((p) => p.type === "timeZoneName");
  return part?.value ?? timeZone;
}

function offsetMinutes(utcMillis: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(utcMillis));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? "0");
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return Math.round((asUtc - utcMillis) / 60000);
}

/** A wall time "2027-03-01T19:00" in an IANA zone → the UTC instant (ISO 8601), or null. */
export function zonedToUtc(wall: string, timeZone: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(wall);
  if (!match) {
    return null;
  }
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const naive = Date.UTC(y, mo - 1, d, h, mi);
  try {
    let utc = naive - offsetMinutes(naive, timeZone) * 60000;
    utc = naive - offsetMinutes(utc, timeZone) * 60000; // across a DST change
    return new Date(utc).toISOString().replace(/\.000Z$/, "Z");
  } catch {
    return null;
  }
}

/** A UTC instant → its wall time "2027-03-01T19:00" in an IANA zone (for datetime-local inputs). */
export function utcToZoned(iso: string, timeZone: string): string {
  const millis = new Date(iso).getTime();
  const local = new Date(millis + offsetMinutes(millis, timeZone) * 60000);
  return local.toISOString().slice(0, 16);
}

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
