import { expect, test, type Locator, type Page } from "@playwright/test";
import { connectStore, createCampaign, PASSWORD, screenshot, signUpBrand, uniq } from "./helpers";

/** Zod's own words: a brand never sees them. */
const RAW_ZOD = /character\(s\)|Required|Invalid enum|Expected .* received|String must|Number must/;

/** The message shown beside a field (its aria-describedby error), and the field is marked invalid. */
async function expectFieldMessage(form: Locator, label: string | RegExp, message: string | RegExp) {
  const field = form.getByLabel(label, { exact: typeof label === "string" });
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAccessibleDescription(message);
}

async function expectNoRawZod(page: Page) {
  await expect(page.locator("main, body").first()).not.toContainText(RAW_ZOD);
}

test("sign-in and sign-up say what is wrong with every field at once, beside each field", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in" }).click();
  const signIn = page.locator("form");
  await expectFieldMessage(signIn, "Email", "Enter your email address.");
  await expectFieldMessage(signIn, "Password", "Enter your password.");
  await expect(signIn.getByRole("alert")).toHaveText("2 fields need your attention: see the message beside each.");
  await expect(signIn.getByLabel("Email")).toBeFocused();

  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill(" ");
  await page.getByLabel("Work email").fill("olivia@");
  await page.getByLabel("Password").fill("short");
  await page.getByLabel("Brand name").fill("x");
  await page.getByRole("button", { name: "Create account" }).click();
  const signUp = page.locator("form");
  await expectFieldMessage(signUp, "Your name", "Tell us your name.");
  await expectFieldMessage(signUp, "Work email", "Enter a valid email address.");
  await expectFieldMessage(signUp, "Password", "Use at least 10 characters.");
  await expectFieldMessage(signUp, "Brand name", "Use at least 2 characters.");
  await expect(signUp.getByRole("alert")).toHaveText("4 fields need your attention: see the message beside each.");
  await expectNoRawZod(page);
  // What was typed stays; fixing every field gets through.
  await expect(page.getByLabel("Work email")).toHaveValue("olivia@");
  await page.getByLabel("Your name").fill("Olivia Owner");
  await page.getByLabel("Work email").fill(`owner-${uniq()}@example.com`);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByLabel("Brand name").fill("Forms Co");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/brand\/[a-z0-9-]+$/);
});

test("the campaign, roster, invitation and API-key forms show every field's message at once", async ({ page }) => {
  const brand = await signUpBrand(page, "Forms All At Once");
  await connectStore(page, brand.slug);

  // New campaign with six mistakes: six messages, one beside each field.
  await page.goto(`/brand/${brand.slug}/campaigns/new`);
  const campaign = page.getByRole("form", { name: "New campaign" });
  await campaign.getByLabel("Campaign name").fill("");
  await campaign.getByLabel("Ends").fill("2020-01-01T10:00");
  await campaign.getByLabel("Discount (%)").fill("150");
  await campaign.getByLabel("Creator commission (%)").fill("ten");
  await campaign.getByLabel("Code template").fill("{nope}");
  await campaign.getByLabel("Landing page (optional)").fill("not a url");
  await campaign.getByRole("button", { name: "Create campaign" }).click();
  await expectFieldMessage(campaign, "Campaign name", "Name the campaign.");
  await expectFieldMessage(campaign, "Ends", "The end must be after the start.");
  await expectFieldMessage(campaign, "Discount (%)", "A percentage discount is at most 100.");
  await expectFieldMessage(campaign, "Creator commission (%)", "Enter a number, e.g. 10 or 12.5.");
  await expectFieldMessage(campaign, "Code template", /\{nope\}/);
  await expectFieldMessage(campaign, "Landing page (optional)", /full URL/);
  await expect(campaign.getByRole("alert")).toHaveText("6 fields need your attention: see the message beside each.");
  await expect(campaign.getByLabel("Campaign name")).toBeFocused();
  await expectNoRawZod(page);
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await screenshot(page, `forms-campaign-errors-${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  // Add a creator: four wrong fields, four messages.
  await createCampaign(page, brand.slug, "Forms Campaign");
  const add = page.getByRole("form", { name: "Add a creator" });
  await add.getByLabel("Email").fill("lia@");
  await add.getByLabel("Handle").fill("https://instagram.com/lia");
  await add.getByLabel("Code (optional)").fill("NO SPACES!");
  await add.getByRole("button", { name: "Add creator" }).click();
  await expectFieldMessage(add, "Email", "Enter a valid email address.");
  await expectFieldMessage(add, "Full name", "Enter the creator's full name.");
  await expectFieldMessage(add, "Handle", "Enter just the handle, not a link to the profile.");
  await expectFieldMessage(add, "Code (optional)", /./);
  await expect(add.getByRole("alert")).toHaveText("4 fields need your attention: see the message beside each.");
  await expect(page.getByRole("heading", { name: "Roster · 0 creators" })).toBeVisible();
  await expectNoRawZod(page);

  // Invite a creator with nothing filled in.
  await page.goto(`/brand/${brand.slug}/creators`);
  const invite = page.getByRole("form", { name: "Invite a creator" });
  await invite.getByRole("button", { name: "Invite creator" }).click();
  await expectFieldMessage(invite, "Email", "Enter a valid email address.");
  await expectFieldMessage(invite, "Full name", "Enter the creator's full name.");

  // An API key without a name.
  await page.goto(`/brand/${brand.slug}/developers`);
  const key = page.getByRole("form", { name: "Create an API key" });
  await key.getByRole("button", { name: "Create key" }).click();
  await expectFieldMessage(key, "Key name", "Name the key, e.g. after the system that will use it.");
  await expectNoRawZod(page);
});
