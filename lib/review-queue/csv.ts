/** What the review queues' CSV exports share. */

/** "2026-06-03 23:59" in the zone (the spreadsheet-friendly wall clock; the zone is in the header). */
export function localWallClock(at: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** The header of a local-time column, naming its zone: `placed_at_Europe/Madrid`. */
export const zoneColumn = (prefix: string, timeZone: string) => `${prefix}_${timeZone.replace(/[^A-Za-z0-9_/+-]/g, "")}`;
