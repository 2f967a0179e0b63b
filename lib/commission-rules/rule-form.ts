import { toMinorUnits, toDecimalString } from "@/lib/money";
import type { RulesOutput } from "./schema";
import type { CommissionRule, CustomerCondition, RuleTargets } from "./types";

/**
 * The brand portal's rules editor: what the brand types (percent, money in the campaign's
 * currency, ids and words separated by commas) to and from the API's rules (basis points, minor
 * units, arrays). A leaf with no server-only imports, so the editor can say in the browser which
 * rule shadows which while the brand types; the server checks the same text again
 * (`planFromRulesForm`) and answers with the editor's own field names (`rules.2.rate_percent`).
 */

export type RuleFormAction = "exclude" | "rate" | "fixed_per_unit";

export type RuleFormRow = {
  /** The saved rule's id; empty for a rule not saved yet. */
  id: string;
  name: string;
  action: RuleFormAction;
  rate_percent: string;
  amount: string;
  product_ids: string;
  variant_ids: string;
  collection_ids: string;
  tags: string;
  vendors: string;
  customer: CustomerCondition;
};

export type RulesForm = { rules: RuleFormRow[]; cap_per_order: string; min_order_amount: string };

export type FormIssue = { path: (string | number)[]; message: string };

export const EMPTY_RULE_ROW: RuleFormRow = { id: "", name: "", action: "rate", rate_percent: "", amount: "", product_ids: "", variant_ids: "", collection_ids: "", tags: "", vendors: "", customer: "any" };

const ID_FIELDS = ["product_ids", "variant_ids", "collection_ids"] as const;
const WORD_FIELDS = ["tags", "vendors"] as const;

/** bps → "12.5" */
export function percentText(bps: number): string {
  const whole = Math.floor(bps / 100);
  const frac = String(bps % 100).padStart(2, "0").replace(/0+$/, "");
  return frac ? `${whole}.${frac}` : String(whole);
}

/** The saved rules as the editor shows them. */
export function rulesFormFromOutput(out: RulesOutput, currency: string): RulesForm {
  return {
    rules: out.rules.map((r) => ({
      id: r.id,
      name: r.name,
      action: r.action,
      rate_percent: r.rate_bps === null ? "" : percentText(r.rate_bps),
      amount: r.amount === null ? "" : toDecimalString(r.amount, currency),
      product_ids: r.product_ids.join(", "),
      variant_ids: r.variant_ids.join(", "),
      collection_ids: r.collection_ids.join(", "),
      tags: r.tags.join(", "),
      vendors: r.vendors.join(", "),
      customer: r.customer,
    })),
    cap_per_order: out.cap_per_order === null ? "" : toDecimalString(out.cap_per_order, currency),
    min_order_amount: out.min_order_amount === null ? "" : toDecimalString(out.min_order_amount, currency),
  };
}

const splitList = (text: string) =>
  text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

/** "123, gid://shopify/Product/456" → [123, 456]; null when a part is not an id. */
function parseIds(text: string): number[] | null {
  const ids: number[] = [];
  for (const part of splitList(text)) {
    const m = /^(?:gid:\/\/shopify\/\w+\/)?(\d{1,16})$/.exec(part);
    if (!m || !Number.isSafeInteger(Number(m[1])) || Number(m[1]) <= 0) return null;
    ids.push(Number(m[1]));
  }
  return ids;
}

/** "12.5" → 1250 basis points; null when it is not a percent from 0 to 100 with at most two decimals. */
function parsePercent(text: string): number | null {
  const m = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  const bps = Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
  return bps <= 10_000 ? bps : null;
}

function parseMoney(text: string, currency: string): number | null {
  try {
    const v = toMinorUnits(text.trim().replace(",", "."), currency);
    return v >= 0 ? v : null;
  } catch {
    return null;
  }
}

/**
 * The editor's text as the API's rules input (`rulesInputSchema`), or the fields the brand must fix,
 * each named as the editor names it.
 */
export function rulesFormToInput(form: RulesForm, currency: string): { input: Record<string, unknown>; issues: FormIssue[] } {
  const issues: FormIssue[] = [];
  const moneyHint = `Enter an amount in ${currency}, e.g. ${toDecimalString(2500, currency)}.`;
  const rules = form.rules.map((row, i) => {
    const rule: Record<string, unknown> = { action: row.action, customer: row.customer };
    if (row.id) rule.id = row.id;
    if (row.name.trim()) rule.name = row.name.trim();
    for (const f of ID_FIELDS) {
      const ids = parseIds(row[f]);
      if (ids === null) issues.push({ path: ["rules", i, f], message: "Shopify ids are numbers, separated by commas." });
      rule[f] = ids ?? [];
    }
    for (const f of WORD_FIELDS) rule[f] = splitList(row[f]);
    if (row.action === "rate") {
      const bps = parsePercent(row.rate_percent);
      if (bps === null) issues.push({ path: ["rules", i, "rate_percent"], message: "Enter a rate from 0 to 100 %, e.g. 12.5." });
      else rule.rate_bps = bps;
    }
    if (row.action === "fixed_per_unit") {
      const amount = row.amount.trim() === "" ? null : parseMoney(row.amount, currency);
      if (amount === null) issues.push({ path: ["rules", i, "amount"], message: `${moneyHint} It must not be negative.` });
      else rule.amount = amount;
    }
    return rule;
  });
  const optionalMoney = (field: "cap_per_order" | "min_order_amount") => {
    if (form[field].trim() === "") return null;
    const v = parseMoney(form[field], currency);
    if (v === null) issues.push({ path: [field], message: `${moneyHint} It must not be negative; leave it empty for none.` });
    return v;
  };
  return { input: { rules, cap_per_order: optionalMoney("cap_per_order"), min_order_amount: optionalMoney("min_order_amount") }, issues };
}

/** An API input path (`rules.2.rate_bps`) as the editor's field (`rules.2.rate_percent`). */
export function formPathOf(path: (string | number)[]): (string | number)[] {
  const last = path[path.length - 1];
  if (last === "rate_bps") return [...path.slice(0, -1), "rate_percent"];
  return path;
}

/** The editor's rules as the shadow check reads them (ids and words that do not parse are left out). */
export function rulesForNotes(form: RulesForm): CommissionRule[] {
  return form.rules.map((row, i) => {
    const ids = (text: string) => splitList(text).flatMap((p) => (/^\d+$/.test(p) ? [Number(p)] : []));
    const targets: RuleTargets = { productIds: ids(row.product_ids), variantIds: ids(row.variant_ids), collectionIds: ids(row.collection_ids), tags: splitList(row.tags), vendors: splitList(row.vendors) };
    return { id: row.id || `row-${i}`, name: row.name, targets, customer: row.customer, action: { type: "exclude" } };
  });
}
