/** Time source for the simulator. Everything time-dependent (throttling, discount status, timestamps) reads it. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock tests can drive by hand. Starts at `start` (default 2026-09-01T12:00:00Z) and only moves when told. */
export class FakeClock implements Clock {
  private current: number;

  constructor(start: number | string | Date = "2026-09-01T12:00:00Z") {
    this.current = toMs(start);
  }

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    this.current += ms;
  }

  set(to: number | string | Date): void {
    this.current = toMs(to);
  }
}

/**
 * Real time plus an adjustable offset. The standalone simulator uses it so that e2e tests can
 * "travel" forward (`POST /_sim/clock`) to expire discounts or refill a throttle bucket.
 */
export class OffsetClock implements Clock {
  private offsetMs = 0;

  constructor(private readonly base: Clock = systemClock) {}

  now(): number {
    return this.base.now() + this.offsetMs;
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  set(to: number | string | Date): void {
    this.offsetMs = toMs(to) - this.base.now();
  }

  get offset(): number {
    return this.offsetMs;
  }
}

export interface AdjustableClock extends Clock {
  advance(ms: number): void;
  set(to: number | string | Date): void;
}

export function isAdjustable(clock: Clock): clock is AdjustableClock {
  const c = clock as Partial<AdjustableClock>;
  return typeof c.advance === "function" && typeof c.set === "function";
}

function toMs(v: number | string | Date): number {
  if (typeof v === "number") return v;
  const ms = (v instanceof Date ? v : new Date(v)).getTime();
  if (Number.isNaN(ms)) throw new RangeError(`Invalid date: ${String(v)}`);
  return ms;
}

/** GraphQL DateTime: UTC, second precision, "Z" suffix (e.g. "2026-09-01T18:03:10Z"). */
export function isoUtcSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

/** X-Shopify-Triggered-At style: microsecond precision UTC ("2026-09-01T18:03:11.482913Z"). */
export function isoUtcMicros(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
}

/**
 * REST style timestamp in the shop's time zone with a numeric offset, like Shopify's Rails
 * serializer: "2026-09-01T14:03:10-04:00". UTC zones are printed with "Z"... except Shopify shops
 * are never in "UTC" proper; "Etc/UTC" prints "+00:00" here for consistency with the fixtures.
 */
export function isoInZone(ms: number, timeZone: string): string {
  const seconds = Math.floor(ms / 1000) * 1000;
  const offsetMin = zoneOffsetMinutes(seconds, timeZone);
  const local = new Date(seconds + offsetMin * 60_000).toISOString().slice(0, 19);
  const sign = offsetMin < 0 ? "-" : "+";
  const abs = Math.abs(offsetMin);
  const hh = String(Math.floor(abs / 60)).padStart(2, "0");
  const mm = String(abs % 60).padStart(2, "0");
  return `${local}${sign}${hh}:${mm}`;
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** Offset of `timeZone` from UTC at instant `ms`, in minutes (New York in summer: -240). */
export function zoneOffsetMinutes(ms: number, timeZone: string): number {
  let fmt = offsetFormatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" });
    offsetFormatters.set(timeZone, fmt);
  }
  const name = fmt.formatToParts(new Date(ms)).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? "0");
  return m[1] === "-" ? -minutes : minutes;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}
