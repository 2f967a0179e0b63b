import { z } from "zod";
import { createId } from "@/lib/ids";
import type { CommissionPlan, CommissionRule } from "./types";

/**
 * The rules as API v1 reads and writes them (snake_case, money in minor units of the campaign's
 * currency) and their conversion to the plan the evaluator reads. Bad input names its field
 * (`rules.2.rate_bps`): rates outside 0–100 %, negative amounts, a cap below zero are refused.
 */

const MAX_RULES = 100;
const MAX_TARGETS = 500;

const shopifyId = z.number({ invalid_type_error: "must be a Shopify id (a positive integer)" }).int().positive().max(Number.MAX_SAFE_INTEGER);
const word = z.string().trim().min(1, "must not be empty").max(255);
const minorUnits = (what: string) =>
  z
    .number({ invalid_type_error: `${what} must be an integer of minor units` })
    .int(`${what} must be an integer of minor units`)
    .min(0, `${what} must not be negative`)
    .max(Number.MAX_SAFE_INTEGER);

export const ruleInputSchema = z
  .object({
    id: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "letters, digits, - and _ only").optional(),
    name: z.string().trim().max(120).optional(),
    product_ids: z.array(shopifyId).max(MAX_TARGETS).default([]),
    variant_ids: z.array(shopifyId).max(MAX_TARGETS).default([]),
    collection_ids: z.array(shopifyId).max(MAX_TARGETS).default([]),
    tags: z.array(word).max(MAX_TARGETS).default([]),
    vendors: z.array(word).max(MAX_TARGETS).default([]),
    customer: z.enum(["any", "first_order", "returning"]).default("any"),
    action: z.enum(["exclude", "rate", "fixed_per_unit"]),
    rate_bps: z
      .number({ invalid_type_error: "rate_bps must be an integer of basis points" })
      .int("rate_bps must be an integer of basis points")
      .min(0, "rate_bps must be between 0 and 10000 (0–100 %)")
      .max(10_000, "rate_bps must be between 0 and 10000 (0–100 %)")
      .optional(),
    amount: minorUnits("amount").optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.action === "rate" && r.rate_bps === undefined) ctx.addIssue({ code: "custom", path: ["rate_bps"], message: "a rate rule needs rate_bps" });
    if (r.action === "fixed_per_unit" && r.amount === undefined) ctx.addIssue({ code: "custom", path: ["amount"], message: "a fixed_per_unit rule needs amount (minor units per unit)" });
    if (r.action !== "rate" && r.rate_bps !== undefined) ctx.addIssue({ code: "custom", path: ["rate_bps"], message: `rate_bps is only for action "rate"` });
    if (r.action !== "fixed_per_unit" && r.amount !== undefined) ctx.addIssue({ code: "custom", path: ["amount"], message: `amount is only for action "fixed_per_unit"` });
  });

export const rulesInputSchema = z
  .object({
    rules: z.array(ruleInputSchema).max(MAX_RULES, `at most ${MAX_RULES} rules`),
    cap_per_order: minorUnits("cap_per_order").nullable().default(null),
    min_order_amount: minorUnits("min_order_amount").nullable().default(null),
  })
  .strict()
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.rules.forEach((r, i) => {
      if (r.id === undefined) return;
      if (seen.has(r.id)) ctx.addIssue({ code: "custom", path: ["rules", i, "id"], message: "two rules have this id" });
      seen.add(r.id);
    });
  });

export type RulesInput = z.input<typeof rulesInputSchema>;
export type RuleOutput = {
  id: string;
  name: string;
  product_ids: number[];
  variant_ids: number[];
  collection_ids: number[];
  tags: string[];
  vendors: string[];
  customer: CommissionRule["customer"];
  action: CommissionRule["action"]["type"];
  rate_bps: number | null;
  amount: number | null;
};
export type RulesOutput = { rules: RuleOutput[]; cap_per_order: number | null; min_order_amount: number | null };

/** Parsed API input → the plan (ids given to new rules; names defaulted from what the rule does). */
export function planFromInput(input: z.output<typeof rulesInputSchema>): CommissionPlan {
  return {
    rules: input.rules.map((r) => {
      const action: CommissionRule["action"] =
        r.action === "exclude" ? { type: "exclude" } : r.action === "rate" ? { type: "rate", rateBps: r.rate_bps! } : { type: "fixed_per_unit", amountCents: r.amount! };
      const rule: CommissionRule = {
        id: r.id ?? createId("commissionRule"),
        name: "",
        targets: { productIds: dedupe(r.product_ids), variantIds: dedupe(r.variant_ids), collectionIds: dedupe(r.collection_ids), tags: dedupe(r.tags), vendors: dedupe(r.vendors) },
        customer: r.customer,
        action,
      };
      return { ...rule, name: r.name && r.name.length > 0 ? r.name : defaultRuleName(rule) };
    }),
    capPerOrderCents: input.cap_per_order,
    minOrderAmountCents: input.min_order_amount,
  };
}

export function planToOutput(plan: CommissionPlan): RulesOutput {
  return {
    rules: plan.rules.map((r) => ({
      id: r.id,
      name: r.name,
      product_ids: r.targets.productIds,
      variant_ids: r.targets.variantIds,
      collection_ids: r.targets.collectionIds,
      tags: r.targets.tags,
      vendors: r.targets.vendors,
      customer: r.customer,
      action: r.action.type,
      rate_bps: r.action.type === "rate" ? r.action.rateBps : null,
      amount: r.action.type === "fixed_per_unit" ? r.action.amountCents : null,
    })),
    cap_per_order: plan.capPerOrderCents,
    min_order_amount: plan.minOrderAmountCents,
  };
}

/** A plan as stored (jsonb): anything unreadable is an empty plan rather than a crash. */
export function readStoredPlan(stored: unknown): CommissionPlan {
  if (!stored || typeof stored !== "object") return { rules: [], capPerOrderCents: null, minOrderAmountCents: null };
  const s = stored as Partial<CommissionPlan>;
  return { rules: Array.isArray(s.rules) ? s.rules : [], capPerOrderCents: s.capPerOrderCents ?? null, minOrderAmountCents: s.minOrderAmountCents ?? null };
}

function defaultRuleName(r: CommissionRule): string {
  const what =
    r.action.type === "exclude" ? "Exclude" : r.action.type === "rate" ? `${trimZeros(r.action.rateBps / 100)} %` : `Fixed ${r.action.amountCents} per unit`;
  const t = r.targets;
  const on = [
    t.productIds.length ? `${t.productIds.length} product${t.productIds.length === 1 ? "" : "s"}` : "",
    t.variantIds.length ? `${t.variantIds.length} variant${t.variantIds.length === 1 ? "" : "s"}` : "",
    t.collectionIds.length ? `${t.collectionIds.length} collection${t.collectionIds.length === 1 ? "" : "s"}` : "",
    t.tags.length ? `tag ${t.tags.join(", ")}` : "",
    t.vendors.length ? `vendor ${t.vendors.join(", ")}` : "",
  ].filter(Boolean);
  const who = r.customer === "first_order" ? " for first orders" : r.customer === "returning" ? " for returning customers" : "";
  return `${what}${on.length ? ` on ${on.join(" / ")}` : " on every line"}${who}`;
}

const trimZeros = (n: number) => String(Number(n.toFixed(2)));
const dedupe = <T>(xs: T[]): T[] => [...new Set(xs)];
