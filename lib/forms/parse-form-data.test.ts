import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ZForgotPassword, ZResetPassword, ZSignIn, ZSignUp } from "@/lib/auth/schemas";
import { ZApiKeyForm } from "@/lib/api-keys/schemas";
import { ZAddCreatorForm, ZCampaignForm } from "@/lib/campaigns/schemas";
import { ZCreatorProfile } from "@/lib/creators/update-creator-profile";
import { ZAcceptWithPassword, ZInviteCreator, ZInviteMember } from "@/lib/invitations/schemas";
import { ZAttributionSettings } from "@/lib/workspaces/update-attribution-settings";
import { ZCreateWorkspaceForm, ZRenameWorkspaceForm } from "@/lib/workspaces/schemas";
import { formErrorMap } from "./error-map";
import { invalidFormMessage, parseFormData } from "./parse-form-data";

/** What zod says when a schema leaves the words to it: never shown to a brand. */
const RAW_ZOD = /character\(s\)|^Required$|^Invalid|Expected .* received|String must|Number must|^Invalid enum value/;

function form(entries: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(entries)) data.append(k, v);
  return data;
}

describe("forms say everything at once", () => {
  it.each([
    ["sign in", ZSignIn, { email: "", password: "" }, ["email", "password"]],
    ["sign up", ZSignUp, { name: "", email: "", password: "", workspaceName: "" }, ["name", "email", "password", "workspaceName"]],
    ["sign up, bad values", ZSignUp, { name: " ", email: "not-an-email", password: "short", workspaceName: "x" }, ["name", "email", "password", "workspaceName"]],
    ["forgot password", ZForgotPassword, { email: "" }, ["email"]],
    ["reset password", ZResetPassword, { token: "0123456789abc", password: "" }, ["password"]],
    ["accept an invitation", ZAcceptWithPassword, { name: "", password: "123" }, ["name", "password"]],
    ["new workspace", ZCreateWorkspaceForm, { workspaceName: "" }, ["workspaceName"]],
    ["rename workspace", ZRenameWorkspaceForm, { name: "a" }, ["name"]],
    ["API key", ZApiKeyForm, { name: "" }, ["name"]],
    ["invite a creator", ZInviteCreator, { email: "nope", fullName: "", handle: "has space" }, ["email", "fullName", "handle"]],
    ["invite a teammate", ZInviteMember, { email: "", role: "owner" }, ["email", "role"]],
    ["add a creator", ZAddCreatorForm, { campaignId: "cmp_1", email: "", full_name: "", handle: "https://instagram.com/zoe", code: "no spaces!" }, ["email", "full_name", "handle", "code"]],
    [
      "new campaign, everything empty",
      ZCampaignForm,
      { name: "", starts_at: "", ends_at: "", timezone: "UTC", discount_type: "percentage", discount_value: "", commission_percent: "", code_template: "", landing_url: "" },
      ["name", "starts_at", "discount_value", "commission_percent"],
    ],
    [
      "new campaign, everything wrong",
      ZCampaignForm,
      {
        name: "",
        starts_at: "2026-06-10T10:00",
        ends_at: "2026-06-01T10:00",
        timezone: "Europe/Paris",
        discount_type: "percentage",
        discount_value: "150",
        commission_percent: "ten",
        code_template: "{nope}",
        landing_url: "not a url",
      },
      ["name", "ends_at", "discount_value", "commission_percent", "code_template", "landing_url"],
    ],
    ["attribution settings", ZAttributionSettings, { tie_break: "x", self_referral: "y", click_window_days: "abc", new_creator_flag_days: "1.5" }, ["tie_break", "self_referral", "click_window_days", "new_creator_flag_days"]],
    ["creator profile", ZCreatorProfile, { fullName: "", handle: "a", payoutEmail: "x@", instagram: "http://example.com" }, ["fullName", "handle", "payoutEmail", "instagram"]],
  ] as [string, z.ZodTypeAny, Record<string, string>, string[]][])("%s: a message beside every wrong field, in a brand's words", (_name, schema, entries, expected) => {
    const parsed = parseFormData(schema, form(entries));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.fields).sort()).toEqual([...expected].sort());
    for (const messages of Object.values(parsed.fields)) {
      expect(messages).toHaveLength(1);
      expect(messages[0]).not.toMatch(RAW_ZOD);
    }
    expect(parsed.message).toMatch(expected.length === 1 ? /^One field needs your attention/ : new RegExp(`^${expected.length} fields need your attention`));
  });

  it("keeps a schema's own words and words zod's defaults", () => {
    const schema = z.object({ a: z.string().min(1), b: z.string().min(3), c: z.coerce.number().int().max(9), d: z.enum(["x", "y"]), e: z.string().email(), f: z.string().min(1, "Mine.") });
    const parsed = schema.safeParse({ b: "1", c: "1.5", d: "z", e: "e", f: "" }, { errorMap: formErrorMap });
    expect(parsed.success).toBe(false);
    const byField = Object.fromEntries(parsed.error!.issues.map((i) => [i.path[0], i.message]));
    expect(byField).toEqual({ a: "Fill this in.", b: "Use at least 3 characters.", c: "Enter a whole number.", d: "Choose one of the options.", e: "Enter a valid email address.", f: "Mine." });
  });

  it("sums up what needs attention", () => {
    expect(invalidFormMessage({ email: ["x"] })).toBe("One field needs your attention: see the message beside it.");
    expect(invalidFormMessage({ _: ["The campaign has ended."] })).toBe("The campaign has ended.");
  });
});
