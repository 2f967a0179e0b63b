import { readFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { chromium, expect, test, type Browser, type Page } from "@playwright/test";
import { connectStore, createCampaign, screenshot, signUpBrand, SIMULATOR_ORIGIN, uniq } from "./helpers";

/**
 * A creator's link followed in a real Chromium, days before the purchase: the link applies the code
 * (Shopify's shareable discount URL), the theme app embed keeps the click (only with consent) and
 * copies it into the cart, and the order is credited three days later by click id.
 *
 * The shopper's browser reaches `https://{shop}.myshopify.com` as a browser would: Chromium resolves
 * `*.myshopify.com` to a local TLS front (a test certificate, e2e/fixtures/storefront-tls.*) that passes
 * requests to the Shopify simulator's storefront with their Host. Redirects are real 302s.
 */

const DAY = 86_400_000;
let front: https.Server;
let shopper: Browser;

test.beforeAll(async () => {
  const sim = new URL(SIMULATOR_ORIGIN);
  front = https.createServer(
    { key: readFileSync(join(import.meta.dirname, "fixtures/storefront-tls.key")), cert: readFileSync(join(import.meta.dirname, "fixtures/storefront-tls.crt")) },
    (req, res) => {
      const upstream = http.request({ host: sim.hostname, port: sim.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      upstream.on("error", () => {
        res.writeHead(502);
        res.end();
      });
      req.pipe(upstream);
    },
  );
  await new Promise<void>((resolve) => front.listen(0, "127.0.0.1", resolve));
  const port = (front.address() as AddressInfo).port;
  shopper = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", `--host-resolver-rules=MAP *.myshopify.com 127.0.0.1:${port}`, "--ignore-certificate-errors"],
  });
});

test.afterAll(async () => {
  await shopper?.close();
  await new Promise((resolve) => front?.close(resolve));
});

/** A brand, its simulated store, a campaign and one creator whose code is live in Shopify. */
async function brandWithCreator(page: Page, creatorName: string) {
  const brand = await signUpBrand(page);
  const { domain } = await connectStore(page, brand.slug);
  const campaign = await createCampaign(page, brand.slug, "Links that last");
  const add = page.getByRole("form", { name: "Add a creator" });
  await add.getByLabel("Email").fill(`creator-${uniq()}@example.com`);
  await add.getByLabel("Full name").fill(creatorName);
  await add.getByLabel("Code (optional)").fill(`link-${uniq()}`);
  await add.getByRole("button", { name: "Add creator" }).click();
  const roster = page.getByTestId("roster");
  await expect(roster.getByText("active", { exact: true })).toHaveCount(1, { timeout: 30_000 });
  const code = (await roster.locator("td.font-mono").first().textContent())!.trim();
  const link = (await roster.locator("code").first().textContent())!.trim();
  return { brand, domain, campaign, code, link };
}

async function moveStoreClock(domain: string, advanceMs: number) {
  const res = await fetch(`${SIMULATOR_ORIGIN}/_sim/shops/${domain}/storefront-clock`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ advance_ms: advanceMs }),
  });
  expect(res.status).toBe(200);
}

const cartOf = (page: Page) => page.evaluate(() => fetch("/cart.js").then((r) => r.json() as Promise<{ attributes: Record<string, string>; discount_codes: { code: string }[] }>));

async function buy(page: Page, domain: string) {
  await page.goto(`https://${domain}/products/glow-serum`);
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByTestId("cart-status")).toHaveText("1 in cart");
  await page.goto(`https://${domain}/cart`);
  await page.getByLabel("Email").fill(`buyer-${uniq()}@example.com`);
  await page.getByRole("button", { name: "Check out" }).click();
  await expect(page.getByText("Thank you for your order")).toBeVisible();
  return (await page.getByTestId("order-name").textContent())!.trim();
}

/** The brand's order page for `orderName`, once the webhook has been processed. */
async function openOrder(page: Page, slug: string, orderName: string) {
  await expect(async () => {
    await page.goto(`/brand/${slug}/orders`);
    await expect(page.getByRole("link", { name: orderName })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  await page.getByRole("link", { name: orderName }).click();
  await expect(page.getByTestId("explanation")).toBeVisible();
}

test("consent allowed: the link applies the code and the embed keeps the click; three days later, from a bookmark, the order is credited by click id", async ({ page }) => {
  const { brand, domain, code, link, campaign } = await brandWithCreator(page, "Casey Links");

  const context = await shopper.newContext();
  const store = await context.newPage();
  await store.goto(link);
  await expect(store).toHaveURL(new RegExp(`^https://${domain.replace(/\./g, "\\.")}/\\?ref=[a-z0-9-]+&tally_click=clk_`));
  await expect(store.getByTestId("discount-applied")).toContainText(`Discount ${code}`);
  await store.getByRole("button", { name: "Accept" }).click();
  await expect(store.getByTestId("consent-banner")).toBeHidden();
  // The embed keeps the click in a first-party cookie on the store for the click window, and writes it to the cart.
  await expect.poll(async () => (await context.cookies(`https://${domain}`)).find((c) => c.name === "_tally_click")?.value ?? null).toMatch(/^clk_[0-9a-z]{26}\.[A-Za-z0-9_-]{22}$/);
  const kept = (await context.cookies(`https://${domain}`)).find((c) => c.name === "_tally_click")!;
  expect(kept.expires * 1000 - Date.now()).toBeGreaterThan(29 * DAY);
  expect(kept.secure).toBe(true);
  await expect.poll(async () => (await cartOf(store)).attributes._tally_click).toBe(kept.value);
  await store.setViewportSize({ width: 375, height: 740 });
  await screenshot(store, "referral-landing-phone");

  // The shopper leaves. Three days later their old cart is gone (another device's, or cleared); they come back from a bookmark.
  await store.goto("about:blank");
  await moveStoreClock(domain, 3 * DAY);
  await context.clearCookies({ name: "cart" });
  await context.clearCookies({ name: "_shopify_s" });
  const back = await context.newPage();
  await back.goto(`https://${domain}/products/glow-serum`);
  await expect(back.getByTestId("discount-applied")).toHaveCount(0);
  await expect.poll(async () => (await cartOf(back)).attributes._tally_click).toBe(kept.value);
  const orderName = await buy(back, domain);
  await context.close();

  await openOrder(page, brand.slug, orderName);
  await expect(page.getByTestId("explanation")).toContainText("Credited to Casey Links (referral link)");
  await expect(page.locator("body")).toContainText("by click id, kept by the store's Tally embed and carried by the cart");
  await screenshot(page, "order-credited-by-click-id");

  // The campaign page's click analytics: one click, one visitor, one order through it; a chart and a table.
  await page.goto(`/brand/${brand.slug}/campaigns/${campaign.id}`);
  const clicks = page.getByTestId("click-analytics");
  await expect(clicks.locator("dt").first()).toHaveText("Clicks");
  await expect(clicks.locator("dd").nth(0)).toHaveText("1");
  await expect(clicks.locator("dd").nth(2)).toHaveText("1");
  await expect(page.getByTestId("clicks-by-creator")).toContainText("Casey Links");
  await expect(page.getByTestId("clicks-chart").locator(".recharts-bar-rectangle").first()).toBeVisible();
  await clicks.scrollIntoViewIfNeeded();
  await screenshot(page, "campaign-click-analytics");
  await page.setViewportSize({ width: 375, height: 812 });
  await expect(page.getByTestId("clicks-chart").locator(".recharts-bar-rectangle").first()).toBeVisible();
  // The charts re-measure after the resize (ResizeObserver): wait for the page to settle at 375 px.
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await screenshot(page, "campaign-click-analytics-phone");
});

test("consent denied: nothing is kept; three days later the order is credited only because the link's code was applied", async ({ page }) => {
  const { brand, domain, code, link } = await brandWithCreator(page, "Dana Declined");

  const context = await shopper.newContext();
  const store = await context.newPage();
  await store.goto(link);
  await expect(store.getByTestId("discount-applied")).toContainText(`Discount ${code}`);
  await store.getByRole("button", { name: "Decline" }).click();
  await expect(store.getByTestId("consent-banner")).toBeHidden();
  expect((await context.cookies(`https://${domain}`)).map((c) => c.name)).not.toContain("_tally_click");
  expect((await cartOf(store)).attributes).toEqual({});

  // Three days later, same browser and cart: the code the link applied is still in the cart.
  await store.goto("about:blank");
  await moveStoreClock(domain, 3 * DAY);
  const back = await context.newPage();
  await back.goto(`https://${domain}/`);
  await expect(back.getByTestId("discount-applied")).toContainText(`Discount ${code}`);
  expect((await cartOf(back)).attributes).toEqual({});
  const withCode = await buy(back, domain);

  // Another shopper declines too, and comes back with a new cart: no code, no click — nobody is credited.
  const other = await shopper.newContext();
  const otherStore = await other.newPage();
  await otherStore.goto(link);
  await otherStore.getByRole("button", { name: "Decline" }).click();
  await otherStore.goto("about:blank");
  await moveStoreClock(domain, 3 * DAY);
  await other.clearCookies({ name: "cart" });
  const withoutCode = await buy(await other.newPage(), domain);
  await context.close();
  await other.close();

  await openOrder(page, brand.slug, withCode);
  await expect(page.getByTestId("explanation")).toContainText(`Credited to Dana Declined (code ${code})`);
  await openOrder(page, brand.slug, withoutCode);
  await expect(page.getByTestId("explanation")).toContainText(/Not attributed|not credited/i);
});
