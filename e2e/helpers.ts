import { randomBytes } from "node:crypto";
import { expect, type Browser, type Page } from "@playwright/test";

export const uniq = () => randomBytes(4).toString("hex");
export const PASSWORD = "e2e password 123";
export const SIMULATOR_ORIGIN = process.env.E2E_SIMULATOR_ORIGIN ?? "http://127.0.0.1:4456";

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: true });
}

/** Signs up a new brand through the UI and waits for its empty dashboard. */
export async function signUpBrand(page: Page, brandName = `Brand ${uniq()}`) {
  const email = `owner-${uniq()}@example.com`;
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Olivia Owner");
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByLabel("Brand name").fill(brandName);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/brand\/[a-z0-9-]+$/);
  const slug = new URL(page.url()).pathname.split("/")[2]!;
  return { email, password: PASSWORD, brandName, slug };
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

/** Invites a creator from the brand's Creators page and returns the invitation link shown. */
export async function inviteCreator(page: Page, slug: string, fullName = "Nora Creator") {
  const email = `creator-${uniq()}@example.com`;
  await page.goto(`/brand/${slug}/creators`);
  const form = page.getByRole("form", { name: "Invite a creator" });
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Full name").fill(fullName);
  await form.getByLabel("Handle").fill(`@nora${uniq()}`);
  await form.getByRole("button", { name: "Invite creator" }).click();
  const link = await page.getByTestId("invite-link").textContent();
  expect(link).toMatch(/\/invite\//);
  return { email, link: link!, fullName };
}

/** Creates a store in the Shopify simulator and connects the brand to it from Settings (custom app token). */
export async function connectStore(page: Page, slug: string, currency = "USD", timezone?: string) {
  const { SimulatorClient } = await import("@/lib/demo/simulator-client");
  const sim = new SimulatorClient(SIMULATOR_ORIGIN);
  const domain = `e2e-${uniq()}.myshopify.com`;
  const { accessToken } = await sim.createShop({ domain, name: "E2E Store", currency, ...(timezone ? { timezone } : {}) });
  await page.goto(`/brand/${slug}/settings`);
  await page.getByRole("tab", { name: "Custom app token" }).click();
  const form = page.getByRole("form", { name: "Connect with a custom app token" });
  await form.getByLabel("Store domain").fill(domain);
  await form.getByLabel("Admin API access token").fill(accessToken);
  await form.getByRole("button", { name: "Connect store" }).click();
  await expect(page.getByTestId("connected-shop")).toBeVisible();
  return { domain, sim };
}

/** Creates a campaign with the form's defaults and returns its id (from the URL). */
export async function createCampaign(page: Page, slug: string, name = `Campaign ${uniq()}`) {
  await page.goto(`/brand/${slug}/campaigns/new`);
  await page.getByLabel("Campaign name").fill(name);
  await page.getByRole("button", { name: "Create campaign" }).click();
  await expect(page).toHaveURL(new RegExp(`/brand/${slug}/campaigns/cmp_`));
  return { id: new URL(page.url()).pathname.split("/").pop()!, name };
}

/** The creator accepts the brand's invitation in their own browser context and lands on their portal. */
export async function acceptAsCreator(browser: Browser, link: string, fullName: string, contextOptions: Parameters<Browser["newContext"]>[0] = {}) {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  await page.goto(link);
  await page.getByLabel("Your name").fill(fullName);
  await page.getByLabel("Choose a password").fill(PASSWORD);
  await page.getByRole("button", { name: "Accept invitation" }).click();
  await expect(page).toHaveURL(/\/creator$/);
  return { context, page };
}

/** Adds an invited creator to a campaign's roster with a chosen code and waits until the code is live in Shopify. */
export async function addToCampaign(page: Page, slug: string, campaignId: string, email: string, fullName: string, code: string) {
  await page.goto(`/brand/${slug}/campaigns/${campaignId}`);
  const add = page.getByRole("form", { name: "Add a creator" });
  await add.getByLabel("Email").fill(email);
  await add.getByLabel("Full name").fill(fullName);
  await add.getByLabel("Code (optional)").fill(code);
  await add.getByRole("button", { name: "Add creator" }).click();
  await expect(page.getByTestId("roster").getByRole("row", { name: new RegExp(code, "i") }).getByText("active", { exact: true })).toBeVisible({ timeout: 30_000 });
}

/** No return window for this brand: commission is payable as soon as the order is paid. */
export async function payableAtOnce(page: Page, slug: string) {
  await page.goto(`/brand/${slug}/settings`);
  const hold = page.getByRole("form", { name: "Payout settings" });
  await hold.getByLabel("Hold (return window), days").fill("0");
  await hold.getByRole("button", { name: "Save payout settings" }).click();
  await expect(hold.getByText("Saved: commission is held 0 days.")).toBeVisible();
}

/** The Payouts page is rendered on the server: reload until the webhooks' sales show in the liability. */
export async function waitForPayable(page: Page, slug: string, amount: string) {
  await page.goto(`/brand/${slug}/payouts`);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("payout-liability").getByTestId("payable-USD")).toHaveText(amount, { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
}
