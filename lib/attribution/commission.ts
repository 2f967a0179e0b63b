const BPS_DENOMINATOR = 10_000n;

/**
 * The commission on an amount, in the same minor units: `amountCents × rateBps / 10 000`, rounded half
 * up, in integer arithmetic only (BigInt, so no product ever loses precision).
 * 1500 bps of 9000 → 1350; 5000 bps of 1 → 1; 5000 bps of 3 → 2; 3333 bps of 1 → 0.
 *
 * Never negative and never more than the amount: a zero or negative amount or rate gives 0, a rate
 * above 100 % gives the amount. Throws a RangeError on a non-integer (a float is a bug upstream).
 */
export function commissionFor(amountCents: number, rateBps: number): number {
  if (!Number.isSafeInteger(amountCents)) throw new RangeError(`Amount must be an integer of minor units, got ${amountCents}.`);
  if (!Number.isSafeInteger(rateBps)) throw new RangeError(`Rate must be an integer of basis points, got ${rateBps}.`);
  if (amountCents <= 0 || rateBps <= 0) return 0;
  const product = BigInt(amountCents) * BigInt(rateBps);
  // round half up: floor((2p + d) / 2d), all non-negative
  const rounded = (2n * product + BPS_DENOMINATOR) / (2n * BPS_DENOMINATOR);
  const commission = Number(rounded);
  return commission > amountCents ? amountCents : commission;
}
