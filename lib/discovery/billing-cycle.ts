/**
 * Monthly billing cycles from a workspace's anchor instant. Cycle k starts at the anchor moved by
 * k calendar months (UTC), keeping the anchor's day of month and time of day; a month without that
 * day starts the cycle on its last day instead (anchor Jan 31 → Feb 28/29, Mar 31, Apr 30, …: the
 * day is always taken from the anchor, never from the previous, clamped cycle).
 */
export type BillingCycle = { start: Date; end: Date };

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/** The anchor moved by `months` calendar months (negative moves back), day clamped to the month. */
export function addMonthsClamped(anchor: Date, months: number): Date {
  const total = anchor.getUTCFullYear() * 12 + anchor.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const day = Math.min(anchor.getUTCDate(), daysInMonth(year, month));
  return new Date(
    Date.UTC(year, month, day, anchor.getUTCHours(), anchor.getUTCMinutes(), anchor.getUTCSeconds(), anchor.getUTCMilliseconds()),
  );
}

/** The cycle that contains `now`: start ≤ now < end. Works for a `now` before the anchor too. */
export function billingCycleAt(anchor: Date, now: Date): BillingCycle {
  let k = (now.getUTCFullYear() - anchor.getUTCFullYear()) * 12 + (now.getUTCMonth() - anchor.getUTCMonth());
  while (addMonthsClamped(anchor, k).getTime() > now.getTime()) k--;
  while (addMonthsClamped(anchor, k + 1).getTime() <= now.getTime()) k++;
  return { start: addMonthsClamped(anchor, k), end: addMonthsClamped(anchor, k + 1) };
}
