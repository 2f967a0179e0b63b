import { mkdirSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test as base, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { acceptAsCreator, connectStore, createCampaign, inviteCreator, signUpBrand, uniq } from "./helpers";

/**
 * Every page of both portals (and the public ones), with data on them: a brand with a connected
 * store, a live campaign, a creator who accepted and sells with their code, orders (one partly
 * refunded), a pending invitation. Seeded once per worker through the UI and the simulator's
 * webhooks; each test then visits the pages signed in with the saved sessions.
 */
type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;
type Portal = {
  brand: StorageState;
  creator: StorageState;
  pages: { public: Record<string, string>; brand: Record<string, string>; creator: Record<string, string> };
};

async function seedPortal(browser: Browser, baseURL: string): Promise<Portal> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  const brand = await signUpBrand(page, `Every Page ${uniq()}`);
  const { domain, sim } = await connectStore(page, brand.slug);
  const campaign = await createCampaign(page, brand.slug, "Autumn Glow");
  const invite = await inviteCreator(page, brand.slug, "Nora Creator");
  const creator = await acceptAsCreator(browser, invite.link, "Nora Creator", { baseURL });
  const code = `NORA${uniq().toUpperCase()}`;
  await page.goto(`/brand/${brand.slug}/campaigns/${campaign.id}`);
  const add = page.getByRole("form", { name: "Add a creator" });
  await add.getByLabel("Email").fill(invite.email);
  await add.getByLabel("Full name").fill("Nora Creator");
  await add.getByLabel("Code (optional)").fill(code);
  await add.getByRole("button", { name: "Add creator" }).click();
  await expect(page.getByTestId("roster").getByRole("row", { name: new RegExp(code, "i") }).getByText("active", { exact: true })).toBeVisible({ timeout: 30_000 });
  // A webhook endpoint that hears the sales below (nothing listens there: its deliveries are retried).
  await page.goto(`/brand/${brand.slug}/developers/webhooks`);
  const hook = page.getByRole("form", { name: "Add an endpoint" });
  await hook.getByLabel("Endpoint URL").fill(`${process.env.E2E_RECEIVER_ORIGIN}/every-page`);
  await hook.getByRole("button", { name: "Add endpoint", exact: true }).click();
  const endpointHref = await hook.getByRole("link", { name: "Open it", exact: true }).getAttribute("href");
  // A pending invitation (the public invitation page) and sales: two with the code (one partly returned), one without.
  const pending = await inviteCreator(page, brand.slug, "Pia Pending");
  const sold = await sim.placeOrder(domain, {
    line_items: [{ title: "Glow Serum", price: "100.00" }, { title: "Lip Balm", price: "12.00", quantity: 2 }],
    discount_codes: [code],
    shipping: { price: "5.00" },
    tax_rate: 0.08,
    email: `shopper-${uniq()}@example.com`,
  });
  const returned = await sim.placeOrder(domain, { line_items: [{ title: "Night Repair Cream", price: "60.00" }, { title: "Eye Palette", price: "54.00" }], discount_codes: [code], email: `returner-${uniq()}@example.com` });
  await sim.refund(domain, returned.order.id, { line_items: [{ index: 1, quantity: 1 }] });
  await sim.placeOrder(domain, { line_items: [{ title: "Daily SPF 50", price: "32.00" }], email: `walkin-${uniq()}@example.com` });
  // Wait until the webhooks are processed: both conversions listed, the refund applied.
  await expect(async () => {
    await page.goto(`/brand/${brand.slug}/conversions`);
    await expect(page.getByTestId("conversions").getByRole("row", { name: new RegExp(sold.order.name) })).toBeVisible({ timeout: 1_000 });
    await expect(page.getByTestId("conversions").getByRole("row", { name: new RegExp(returned.order.name) })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  await page.goto(`/brand/${brand.slug}/orders`);
  const orderHref = await page.getByRole("link", { name: sold.order.name }).getAttribute("href");
  const b = `/brand/${brand.slug}`;
  const portal: Portal = {
    brand: await context.storageState(),
    creator: await creator.context.storageState(),
    pages: {
      public: {
        landing: "/",
        "sign-in": "/sign-in",
        "sign-up": "/sign-up",
        "forgot-password": "/forgot-password",
        invitation: new URL(pending.link).pathname,
      },
      brand: {
        overview: b,
        campaigns: `${b}/campaigns`,
        "campaign-new": `${b}/campaigns/new`,
        campaign: `${b}/campaigns/${campaign.id}`,
        "campaign-rules": `${b}/campaigns/${campaign.id}/rules`,
        conversions: `${b}/conversions`,
        creators: `${b}/creators`,
        discover: `${b}/discover`,
        orders: `${b}/orders`,
        order: orderHref!,
        deliveries: `${b}/deliveries`,
        team: `${b}/team`,
        developers: `${b}/developers`,
        webhooks: `${b}/developers/webhooks`,
        "webhook-endpoint": endpointHref!,
        payouts: `${b}/payouts`,
        settings: `${b}/settings`,
        account: "/account",
      },
      creator: {
        home: "/creator",
        earnings: "/creator/earnings",
        profile: "/creator/profile",
        account: "/account",
      },
    },
  };
  await creator.context.close();
  await context.close();
  return portal;
}

const test = base.extend<object, { portal: Portal }>({
  portal: [
    async ({ browser }, provide, workerInfo) => {
      await provide(await seedPortal(browser, workerInfo.project.use.baseURL!));
    },
    { scope: "worker", timeout: 240_000 },
  ],
});

mkdirSync("e2e/screenshots/pages", { recursive: true });

/** Opens a page and waits until it has settled: its main landmark is there and no loading state is left. */
async function open(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBeLessThan(400);
  await expect(page.locator("main").first()).toBeVisible();
  await expect(page.locator("[aria-busy='true']")).toHaveCount(0);
  await page.waitForLoadState("networkidle");
}

/** How far the page itself scrolls sideways (0 when nothing is wider than the window). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Rules that fail the test beyond axe's serious and critical ones (moderate, but a brand's screen reader notices). */
const ALSO_FAIL = new Set(["landmark-unique", "heading-order"]);

/** axe-core on the page as it is now: each serious or critical violation (and ALSO_FAIL), with the nodes it found. */
async function axeViolations(page: Page, name: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical" || ALSO_FAIL.has(v.id))
    .map((v) => `${name}: ${v.id} (${v.impact}, ${v.nodes.length}) ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
}

for (const width of [375, 1280]) {
  for (const audience of ["public", "brand", "creator"] as const) {
    test(`${audience} pages at ${width} px: no page-level horizontal scrolling, no serious axe violation`, async ({ browser, portal }, testInfo) => {
      test.setTimeout(180_000);
      const context = await browser.newContext({
        baseURL: testInfo.project.use.baseURL,
        viewport: { width, height: 900 },
        storageState: audience === "public" ? undefined : portal[audience],
      });
      const page = await context.newPage();
      const hydration: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error" && /hydrat/i.test(m.text())) hydration.push(`${page.url()}: ${m.text()}`);
      });
      const wide: string[] = [];
      const violations: string[] = [];
      for (const [name, path] of Object.entries(portal.pages[audience])) {
        await open(page, path);
        const px = await overflow(page);
        if (px > 0) wide.push(`${name} (${path}) overflows by ${px} px`);
        violations.push(...(await axeViolations(page, name)));
        await page.screenshot({ path: `e2e/screenshots/pages/${audience}-${name}-${width}.png`, fullPage: true });
      }
      await context.close();
      expect(wide).toEqual([]);
      expect(violations).toEqual([]);
      expect(hydration).toEqual([]);
    });
  }
}
