import { z } from "zod";
import { DEFAULT_CODE_TEMPLATE } from "@/lib/codes/constants";
import { ZCodeTemplate } from "@/lib/codes/schemas";
import { ZCode } from "@/lib/codes/schemas";
import { ZCreatorEmail, ZCreatorFullName, ZCreatorHandle } from "@/lib/creators/creator-row";
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

/**
 * The brand portal's form: dates typed in the brand's zone, percent and money as decimals. Every
 * field is checked in one pass (the same rules as the API's `ZCreateCampaign`), so a form with five
 * mistakes shows five messages at once; it runs in the browser before sending and on the server.
 */
export const ZCampaignForm = z
  .object({
    name: z.string().default(""),
    starts_at: z.string().default(""),
    ends_at: z.string().optional(),
    timezone: z.string().default("UTC"),
    discount_type: z.enum(["percentage", "fixed_amount"], { errorMap: () => ({ message: "Choose a percentage or a fixed amount." }) }).default("percentage"),
    discount_value: z.string().default(""),
    commission_percent: z.string().default(""),
    code_template: z.string().optional(),
    landing_url: z.string().optional(),
    /** A checkbox: "on" when ticked, absent when not; `apply_code_from_links_shown` says the form had it. */
    apply_code_from_links: z.string().optional(),
    apply_code_from_links_shown: z.string().optional(),
  })
  .transform((f, ctx) => {
    let failed = false;
    const issue = (path: string, message: string) => {
      failed = true;
      ctx.addIssue({ code: "custom", path: [path], message });
    };
    /** Runs one field's rule; its issues land on that field. */
    const check = <T extends z.ZodTypeAny>(schema: T, value: unknown, path: string): z.infer<T> | undefined => {
      const r = schema.safeParse(value);
      if (r.success) return r.data;
      for (const i of r.error.issues) issue(path, i.message);
      return undefined;
    };
    const validZone = isValidTimeZone(f.timezone);
    if (!validZone) issue("timezone", "Choose a time zone from the list.");
    const toUtc = (v: string, path: string): Date | undefined => {
      if (!validZone) return undefined;
      try {
        return zonedTimeToUtc(v, f.timezone);
      } catch (error) {
        if (!(error instanceof ZonedTimeError)) throw error;
        issue(path, error.message);
        return undefined;
      }
    };
    const num = (v: string, path: string, missing: string): number | undefined => {
      const text = v.trim().replace(",", ".");
      if (text === "") return void issue(path, missing);
      const n = Number(text);
      if (!/^-?\d*\.?\d+$/.test(text) || !Number.isFinite(n)) return void issue(path, "Enter a number, e.g. 10 or 12.5.");
      return n;
    };

    const name = check(ZCampaignFields.shape.name, f.name, "name");
    const startsAt = f.starts_at.trim() ? toUtc(f.starts_at, "starts_at") : void issue("starts_at", "Choose when the campaign starts.");
    const endsAt = f.ends_at?.trim() ? toUtc(f.ends_at, "ends_at") : null;
    if (startsAt && endsAt && endsAt <= startsAt) issue("ends_at", "The end must be after the start.");

    const value = num(f.discount_value, "discount_value", "Enter the customer's discount.");
    if (value !== undefined) {
      if (f.discount_type === "percentage") check(ZDiscount.options[0].shape.value, value, "discount_value");
      else if (value <= 0) issue("discount_value", "A fixed amount must be above 0.");
    }
    const percent = num(f.commission_percent, "commission_percent", "Enter the creator's commission.");
    if (percent !== undefined && (percent < 0 || percent > 100)) issue("commission_percent", "Commission is between 0 and 100 %.");
    else if (percent !== undefined && Math.abs(percent * 100 - Math.round(percent * 100)) > 1e-6) issue("commission_percent", "Use at most 2 decimals.");

    const template = f.code_template?.trim() ? check(ZCodeTemplate, f.code_template, "code_template") : DEFAULT_CODE_TEMPLATE;
    const landingUrl = f.landing_url?.trim() ? check(ZLandingUrl, f.landing_url, "landing_url") : null;

    if (failed || name === undefined || startsAt === undefined || endsAt === undefined || value === undefined || percent === undefined || template === undefined || landingUrl === undefined) {
      return z.NEVER;
    }
    return {
      name,
      starts_at: startsAt,
      ends_at: endsAt,
      timezone: f.timezone,
      discount_value_text: f.discount_value.trim(),
      discount: f.discount_type === "percentage" ? { type: "percentage" as const, value } : { type: "fixed_amount" as const, value },
      commission_rate_bps: Math.round(percent * 100),
      code_template: template,
      landing_url: landingUrl,
      apply_code_from_links: f.apply_code_from_links_shown ? f.apply_code_from_links === "on" : undefined,
    };
  });

/** The roster's add-a-creator form: every field's rule at once (the same rules as API v1's and the CSV's rows). */
export const ZAddCreatorForm = z.object({
  campaignId: z.string().min(1, "Reload the page: the campaign is missing."),
  email: ZCreatorEmail,
  full_name: ZCreatorFullName,
  handle: ZCreatorHandle,
  code: z.union([z.literal(""), ZCode]).optional(),
});
