import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { EMPTY_RULE_ROW, percentText, rulesForNotes, rulesFormFromOutput, type RulesForm } from "./rule-form";
import { planFromRulesForm } from "./rules-form-plan";
import { planToOutput } from "./schema";
import { ruleNotes } from "./shadows";

const form = (rules: Partial<typeof EMPTY_RULE_ROW>[], extra: Partial<RulesForm> = {}): RulesForm => ({ rules: rules.map((r) => ({ ...EMPTY_RULE_ROW, ...r })), cap_per_order: "", min_order_amount: "", ...extra });

function fieldsOf(f: RulesForm, currency = "USD"): Record<string, string[]> {
  try {
    planFromRulesForm(JSON.stringify(f), currency);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return ((e as AppError).details?.fields ?? {}) as Record<string, string[]>;
  }
  throw new Error("expected the form to be refused");
}

describe("the rules editor's form", () => {
  it("reads what the brand types as the plan: percent to basis points, money to minor units, ids and words split on commas", () => {
    const plan = planFromRulesForm(
      JSON.stringify(
        form(
          [
            { name: "Launch", action: "rate", rate_percent: "12.5", product_ids: "8123, gid://shopify/Product/8124", customer: "first_order" },
            { action: "fixed_per_unit", amount: "2,50", tags: " sale , bundle ", vendors: "Outlet Co" },
            { action: "exclude", collection_ids: "77\n78", variant_ids: "" },
          ],
          { cap_per_order: "40", min_order_amount: "10.00" },
        ),
      ),
      "USD",
    );
    expect(plan.capPerOrderCents).toBe(4000);
    expect(plan.minOrderAmountCents).toBe(1000);
    expect(plan.rules[0]).toMatchObject({ name: "Launch", customer: "first_order", action: { type: "rate", rateBps: 1250 }, targets: { productIds: [8123, 8124] } });
    expect(plan.rules[1]).toMatchObject({ action: { type: "fixed_per_unit", amountCents: 250 }, targets: { tags: ["sale", "bundle"], vendors: ["Outlet Co"] } });
    expect(plan.rules[2]).toMatchObject({ action: { type: "exclude" }, targets: { collectionIds: [77, 78], variantIds: [] } });
    expect(plan.rules.every((r) => r.id.startsWith("rul_"))).toBe(true);
    // and back: what the editor shows for the saved plan reads as the same plan
    const again = planFromRulesForm(JSON.stringify(rulesFormFromOutput(planToOutput(plan), "USD")), "USD");
    expect(again).toEqual(plan);
  });

  it("names every bad field as the editor names it (rate over 100 %, negative money, bad ids, a cap below zero), all at once", () => {
    const fields = fieldsOf(
      form([{ action: "rate", rate_percent: "150" }, { action: "fixed_per_unit", amount: "-3" }, { action: "exclude", product_ids: "abc" }, { action: "rate", rate_percent: "" }], { cap_per_order: "-1", min_order_amount: "lots" }),
    );
    expect(Object.keys(fields).sort()).toEqual(["cap_per_order", "min_order_amount", "rules.0.rate_percent", "rules.1.amount", "rules.2.product_ids", "rules.3.rate_percent"]);
    expect(fields["rules.0.rate_percent"]![0]).toMatch(/0 to 100 %/);
    expect(fieldsOf(form([{ action: "fixed_per_unit", amount: "1.234" }]))["rules.0.amount"]![0]).toMatch(/USD/);
    // the API's own checks are named by the editor's fields too
    expect(Object.keys(fieldsOf(form([{ id: "dup" }, { id: "dup" }].map((r) => ({ ...r, action: "exclude" as const })))))).toEqual(["rules.1.id"]);
  });

  it("gives 0 % and 100 % and JPY amounts exactly; unreadable JSON is a bad request", () => {
    const plan = planFromRulesForm(JSON.stringify(form([{ action: "rate", rate_percent: "0" }, { action: "rate", rate_percent: "100" }, { action: "fixed_per_unit", amount: "500" }])), "JPY");
    expect(plan.rules.map((r) => r.action)).toEqual([{ type: "rate", rateBps: 0 }, { type: "rate", rateBps: 10_000 }, { type: "fixed_per_unit", amountCents: 500 }]);
    expect(percentText(1250)).toBe("12.5");
    expect(percentText(1205)).toBe("12.05");
    expect(() => planFromRulesForm("{", "USD")).toThrow(AppError);
  });

  it("says which rule shadows which while the brand types", () => {
    const f = form([{ action: "exclude", tags: "sale" }, { action: "rate", rate_percent: "5", tags: "Sale" }, { action: "rate", rate_percent: "20", tags: "sale, launch" }]);
    const notes = ruleNotes(rulesForNotes(f));
    expect(notes).toEqual([
      { type: "shadowed", ruleId: "row-1", byRuleId: "row-0", byIndex: 0 },
      { type: "overlaps", ruleId: "row-2", withRuleId: "row-0", withIndex: 0 },
      { type: "overlaps", ruleId: "row-2", withRuleId: "row-1", withIndex: 1 },
    ]);
  });
});
