import type { CommissionRule, ProductFacts, RuleTargets } from "./types";

export type RuleNote =
  /** An earlier rule matches every line this one could: this rule never fires. */
  | { type: "shadowed"; ruleId: string; byRuleId: string; byIndex: number }
  /** An earlier rule matches some of the lines this one names: those lines go to the earlier rule. */
  | { type: "overlaps"; ruleId: string; withRuleId: string; withIndex: number }
  /** Products the rule names that Tally knows were deleted from the store (the rule is kept). */
  | { type: "missing_products"; ruleId: string; productIds: number[] };

const DIMENSIONS = ["productIds", "variantIds", "collectionIds", "tags", "vendors"] as const;

const targeted = (t: RuleTargets) => DIMENSIONS.some((d) => t[d].length > 0);
const key = (v: number | string) => (typeof v === "string" ? v.trim().toLowerCase() : String(v));

/**
 * What the rules editor says about an ordered list of rules (overlaps are allowed: the first rule
 * wins): which rule is shadowed by an earlier one (never fires), which overlaps an earlier one, and
 * which names products that no longer exist. Only what the targets themselves prove is said (a
 * product's collections are not looked at), so a rule is never called shadowed when it can fire.
 */
export function ruleNotes(rules: readonly CommissionRule[], products?: ReadonlyMap<number, ProductFacts>): RuleNote[] {
  const notes: RuleNote[] = [];
  rules.forEach((rule, i) => {
    let shadowed = false;
    for (let j = 0; j < i && !shadowed; j++) {
      const earlier = rules[j]!;
      const customerCovers = earlier.customer === "any" || earlier.customer === rule.customer;
      const customerMeets = earlier.customer === "any" || rule.customer === "any" || earlier.customer === rule.customer;
      if (!customerMeets) continue;
      if (customerCovers && covers(earlier.targets, rule.targets)) {
        notes.push({ type: "shadowed", ruleId: rule.id, byRuleId: earlier.id, byIndex: j });
        shadowed = true;
      } else if (shares(earlier.targets, rule.targets)) {
        notes.push({ type: "overlaps", ruleId: rule.id, withRuleId: earlier.id, withIndex: j });
      }
    }
    if (products) {
      const missing = rule.targets.productIds.filter((id) => products.get(id)?.deleted === true);
      if (missing.length > 0) notes.push({ type: "missing_products", ruleId: rule.id, productIds: missing });
    }
  });
  return notes;
}

/** Every line `b` can match, `a` matches too (as far as the targets alone prove). */
function covers(a: RuleTargets, b: RuleTargets): boolean {
  if (!targeted(a)) return true;
  if (!targeted(b)) return false;
  // each of b's targets must be one of a's targets in the same dimension
  return DIMENSIONS.every((d) => {
    const have = new Set((a[d] as (number | string)[]).map(key));
    return (b[d] as (number | string)[]).every((v) => have.has(key(v)));
  });
}

/** Some line can match both (the targets share a value, or one of them names no targets). */
function shares(a: RuleTargets, b: RuleTargets): boolean {
  if (!targeted(a) || !targeted(b)) return true;
  return DIMENSIONS.some((d) => {
    const have = new Set((a[d] as (number | string)[]).map(key));
    return (b[d] as (number | string)[]).some((v) => have.has(key(v)));
  });
}
