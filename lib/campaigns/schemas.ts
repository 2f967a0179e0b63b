import { z } from "zod";
import { DEFAULT_CODE_TEMPLATE, ZCodeTemplate } from "@/lib/codes";
import { isValidTimeZone, zonedTimeToUtc, ZonedTimeError } from "./zoned-time";

/** The largest fixed discount: 100,000,000 minor units (1,000,000.00 in a two-decimal currency). */
export const MAX_FIXED_DISCOUNT = 100_000_000;

/** A landing URL's form; where it may point is checked against the workspace (lib/campaigns/landing-url.ts). */
export const ZLandingUrl = z
  .string()
  .trim()
  .max(2048, "Use at most 2048 characters.")
  .url("Use a full URL, e.g. https://your-store.com/collections/summer.")
  .refine((v) => /^https?:\/\//i.test(v), "Use an https:// address.");

/**
 * Campaign input as the API and the forms give it. Discount: percentage `value` is a percent
 * (10 = 10 %, up to 2 decimals); fixed_amount `value` is minor units of the shop currency (500 = $5.00).
 */
export const ZDiscount = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("percentage"),
    value: z.number().gt(0, "A percentage discount must be above 0.").max(100, "A percentage discount is at most 100.").multipleOf(0.01, "Use at most 2 decimals."),
  }),
  z.object({
    type: z.literal("fixed_amount"),
    value: z
      .number()
      .int("A fixed amount is in minor units (cents): a whole number.")
      .positive("A fixed amount must be above 0.")
      .max(MAX_FIXED_DISCOUNT, `A fixed amount is at most ${MAX_FIXED_DISCOUNT} minor units.`),
  }),
]);
export type TDiscount = z.infer<typeof ZDiscount>;

const ZInstant = z.union([z.string().datetime({ offset: true }), z.date()]).transform((v) => new Date(v));

export const ZCampaignFields = z.object({
  name: z.string().trim().min(1, "Name the campaign.").max(120, "Use at most 120 characters."),
  starts_at: ZInstant,
  ends_at: ZInstant.nullable().optional(),
  timezone: z.string().refine(isValidTimeZone, "Unknown time zone.").default("UTC"),
  discount: ZDiscount,
  commission_rate_bps: z.number().int().min(0, "Commission cannot be negative.").max(10_000, "Commission is at most 100 % (10000 bps)."),
  code_template: ZCodeTemplate.default(DEFAULT_CODE_TEMPLATE),
  landing_url: ZLandingUrl.nullable().optional(),
  /** Referral links go through the store's shareable discount URL so the creator's code applies itself (default on). */
  apply_code_from_links: z.boolean().optional(),
});

export const ZCreateCampaign = ZCampaignFields.refine((c) => !c.ends_at || c.ends_at > c.starts_at, {
  message: "The end must be after the start.",
  path: ["ends_at"],
});
export type TCreateCampaign = z.infer<typeof ZCreateCampaign>;

export const ZUpdateCampaign = z
  .object({
    name: ZCampaignFields.shape.name.optional(),
    ends_at: ZInstant.nullable().optional(),
    status: z.literal("ended", { errorMap: () => ({ message: "status can only be set to \"ended\"." }) }).optional(),
    apply_code_from_links: z.boolean().optional(),
  })
  .strict();
export type TUpdateCampaign = z.infer<typeof ZUpdateCampaign>;

/** The brand portal's form: dates typed in the brand's zone, percent and money as decimals. */
export const ZCampaignForm = z
  .object({
    name: z.string(),
    starts_at: z.string().min(1, "Choose a start."),
    ends_at: z.string().optional(),
    timezone: z.string().refine(isValidTimeZone, "Unknown time zone."),
    discount_type: z.enum(["percentage", "fixed_amount"]),
    discount_value: z.string().min(1, "Enter the discount."),
    commission_percent: z.string().min(1, "Enter the commission."),
    code_template: z.string().optional(),
    landing_url: z.string().optional(),
    /** A checkbox: "on" when ticked, absent when not; `apply_code_from_links_shown` says the form had it. */
    apply_code_from_links: z.string().optional(),
    apply_code_from_links_shown: z.string().optional(),
  })
  .transform((f, ctx) => {
    const toUtc = (v: string, path: string) => {
      try {
        return zonedTimeToUtc(v, f.timezone);
      } catch (error) {
        if (!(error instanceof ZonedTimeError)) throw error;
        ctx.addIssue({ code: "custom", path: [path], message: error.message });
        return z.NEVER;
      }
    };
    const num = (v: string, path: string) => {
      const n = Number(v.replace(",", "."));
      if (!Number.isFinite(n)) ctx.addIssue({ code: "custom", path: [path], message: "Enter a number." });
      return n;
    };
    return {
      name: f.name,
      starts_at: toUtc(f.starts_at, "starts_at"),
      ends_at: f.ends_at ? toUtc(f.ends_at, "ends_at") : null,
      timezone: f.timezone,
      discount_value_text: f.discount_value,
      discount:
        f.discount_type === "percentage"
          ? { type: "percentage" as const, value: num(f.discount_value, "discount_value") }
          : { type: "fixed_amount" as const, value: num(f.discount_value, "discount_value") },
      commission_rate_bps: Math.round(num(f.commission_percent, "commission_percent") * 100),
      code_template: f.code_template?.trim() || DEFAULT_CODE_TEMPLATE,
      landing_url: f.landing_url?.trim() || null,
      apply_code_from_links: f.apply_code_from_links_shown ? f.apply_code_from_links === "on" : undefined,
    };
  });
