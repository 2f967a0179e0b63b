/**
 * A workspace's plan decides its monthly email-unlock allowance. The allowance is read from this
 * table at the moment it is needed, so a plan change applies at once (to the current cycle too).
 */
export const PLANS = ["free", "growth", "scale"] as const;
export type Plan = (typeof PLANS)[number];

export const PLAN_UNLOCK_ALLOWANCE: Record<Plan, number> = {
  free: 10,
  growth: 100,
  scale: 1000,
};

export const PLAN_LABEL: Record<Plan, string> = { free: "Free", growth: "Growth", scale: "Scale" };

export function unlockAllowance(plan: Plan): number {
  return PLAN_UNLOCK_ALLOWANCE[plan];
}
