import { tzOffset } from "@date-fns/tz";

/**
 * Wall-clock times in an IANA zone ("2026-12-01T09:00" in "Europe/Paris") ↔ UTC instants, for the
 * places where brands type dates in their own zone. Offsets come from @date-fns/tz (the zone data
 * of the runtime's Intl). A time that does not exist (skipped when clocks go forward) or exists
 * twice (clocks go back) is refused with a sentence that says so, never shifted silently.
 */
export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** A wall-clock time that cannot be turned into one instant; the message is for the brand. */
export class ZonedTimeError extends Error {
  readonly reason: "invalid" | "nonexistent" | "ambiguous";
  constructor(reason: ZonedTimeError["reason"], message: string) {
    super(message);
    this.name = "ZonedTimeError";
    this.reason = reason;
  }
}

const HOUR = 3_600_000;
const pad = (n: number) => String(n).padStart(2, "0");

export function zonedTimeToUtc(local: string, tz: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!m) throw new ZonedTimeError("invalid", "Use a valid date and time.");
  if (!isValidTimeZone(tz)) throw new ZonedTimeError("invalid", "Unknown time zone.");
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number];
  const naive = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(naive);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
    throw new ZonedTimeError("invalid", "Use a valid date and time.");
  }
  // The zone's offsets on either side of this wall-clock time (they differ only around a change);
  // each offset gives a candidate instant, which is real only if the zone has that offset then.
  const offsets = new Set([tzOffset(tz, new Date(naive - 24 * HOUR)), tzOffset(tz, new Date(naive + 24 * HOUR))]);
  const instants = [...offsets]
    .map((offset) => naive - offset * 60_000)
    .filter((instant) => tzOffset(tz, new Date(instant)) * 60_000 === naive - instant)
    .sort((a, b) => a - b);
  const shown = `${y}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)}`;
  if (instants.length === 0) {
    throw new ZonedTimeError("nonexistent", `${shown} does not exist in ${tz}: the clocks skip that time when they go forward. Choose a time outside the skipped hour.`);
  }
  if (instants.length > 1) {
    throw new ZonedTimeError("ambiguous", `${shown} happens twice in ${tz}: the clocks go back over that time. Choose a time outside the repeated hour.`);
  }
  return new Date(instants[0]!);
}

/** The instant shown as "YYYY-MM-DDTHH:mm" in a zone (for datetime-local inputs). */
export function utcToZonedInput(instant: Date, tz: string): string {
  const local = new Date(instant.getTime() + tzOffset(tz, instant) * 60_000);
  return local.toISOString().slice(0, 16);
}
