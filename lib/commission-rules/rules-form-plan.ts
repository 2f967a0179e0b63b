import { z } from "zod";
import { AppError, validationError } from "@/lib/errors";
import { formPathOf, rulesFormToInput, type RulesForm } from "./rule-form";
import { planFromInput, rulesInputSchema } from "./schema";
import type { CommissionPlan } from "./types";

const text = z.string().max(20_000);
const ZRulesForm = z.object({
  rules: z
    .array(
      z.object({
        id: z.string().max(64),
        name: z.string().max(120, "A name is at most 120 characters."),
        action: z.enum(["exclude", "rate", "fixed_per_unit"]),
        rate_percent: z.string().max(20),
        amount: z.string().max(30),
        product_ids: text,
        variant_ids: text,
        collection_ids: text,
        tags: text,
        vendors: text,
        customer: z.enum(["any", "first_order", "returning"]),
      }),
    )
    .max(100, "At most 100 rules."),
  cap_per_order: z.string().max(30),
  min_order_amount: z.string().max(30),
}) satisfies z.ZodType<RulesForm>;

/**
 * The rules editor's text (sent as JSON by the brand portal) as the plan to save or preview: the
 * editor's own checks, then the API's rules (`rulesInputSchema`), every refusal named by the
 * editor's field (`rules.2.rate_percent`, `cap_per_order`).
 */
export function planFromRulesForm(json: string, currency: string): CommissionPlan {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new AppError("bad_request", "The rules could not be read; reload the page and try again.");
  }
  const form = ZRulesForm.safeParse(raw);
  if (!form.success) throw validationError(form.error.issues.map((i) => ({ path: i.path, message: i.message })), "Some rules are invalid.");
  const { input, issues } = rulesFormToInput(form.data, currency);
  if (issues.length > 0) throw validationError(issues, "Some rules are invalid: see the message beside each field.");
  const parsed = rulesInputSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues.map((i) => ({ path: formPathOf(i.path), message: i.message })), "Some rules are invalid: see the message beside each field.");
  return planFromInput(parsed.data);
}
