/** P-0003: how a brand and its creators name a payout (its number in the workspace's sequence). */
export function payoutLabel(number: number): string {
  return `P-${String(number).padStart(4, "0")}`;
}
