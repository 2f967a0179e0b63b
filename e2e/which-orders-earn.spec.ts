import { expect, test, type Page } from "@playwright/test";
import { acceptAsCreator, connectStore, createCampaign, inviteCreator, screenshot, signUpBrand, uniq } from "./helpers";

/** A phone's width: the page reloaded at 375 px, with nothing wider than the screen, then a screenshot. */
async function atPhoneWidth(page: Page, name: string, ready: () => Promise<void>) {
  await page.setViewportSize({ width: 375, height: 812 });
  await page.reload();
  await ready();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await screenshot(page, name);
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Reloads a server-rendered page until `check` holds (the webhook is processed a moment after the simulator sends it). */
async function reloadUntil(page: Page, url: string, check: () => Promise<void>) {
  await expect(async () => {
    await page.goto(url);
    await check();
  }).toPass({ timeout: 30_000 });
}

test("unpaid, gift-card and test orders: awaiting payment shown apart until paid, gift cards left out, test orders never credited", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const brand = await signUpBrand(page, "Earnings Rules Co");
  const { domain, sim } = await connectStore(page, brand.slug);
  const campaign = await createCampaign(page, brand.slug, "Eligibility Launch");
  const invite = await inviteCreator(page, brand.slug, "Jade Creator");
  const creator = await acceptAsCreator(browser, invite.link, "Jade Creator", { viewport: { width: 375, height: 812 } });
  const code = `JADE${uniq().toUpperCase()}`;
  await page.goto(`/brand/${brand.slug}/campaigns/${campaign.id}`);
  const add = page.getByRole("form", { name: "Add a creator" });
  await add.getByLabel("Email").fill(invite.email);
  await add.getByLabel("Full name").fill("Jade Creator");
  await add.getByLabel("Code (optional)").fill(code);
  await add.getByRole("button", { name: "Add creator" }).click();
  await expect(page.getByTestId("roster").getByRole("row", { name: new RegExp(code, "i") }).getByText("active", { exact: true })).toBeVisible({ timeout: 30_000 });

  // Cash on delivery: $80 with 10 % off = $72; 15 % = $10.80 once paid.
  const cod = await sim.placeOrder(domain, { line_items: [{ title: "Glow Serum", price: "80.00" }], discount_codes: [code], financial_status: "pending", gateway: "Cash on Delivery (COD)", email: `cod-${uniq()}@example.com` });
  // A gift card beside a product: the code's 10 % applies to the cream only ($60 → $54; 15 % = $8.10).
  const gift = await sim.placeOrder(domain, { line_items: [{ title: "Night Cream", price: "60.00" }, { title: "Gift Card", price: "50.00", gift_card: true }], discount_codes: [code], email: `gift-${uniq()}@example.com` });
  // A test order (Bogus Gateway).
  const testOrder = await sim.placeOrder(domain, { line_items: [{ title: "Glow Serum", price: "80.00" }], discount_codes: [code], test: true, email: `test-${uniq()}@example.com` });

  // Conversions: the unpaid order is awaiting payment, its commission shown apart; the test order is not there.
  const conversionsUrl = `/brand/${brand.slug}/conversions?campaign=${campaign.id}`;
  const codRow = page.getByTestId("conversions").getByRole("row", { name: new RegExp(cod.order.name) });
  const giftRow = page.getByTestId("conversions").getByRole("row", { name: new RegExp(gift.order.name) });
  await reloadUntil(page, conversionsUrl, async () => {
    await expect(codRow).toContainText("awaiting payment", { timeout: 1_000 });
    await expect(giftRow).toContainText("$8.10", { timeout: 1_000 });
  });
  await expect(codRow).toContainText("$10.80");
  await expect(giftRow).toContainText("$54.00");
  await expect(page.getByTestId("conversions").getByRole("row", { name: new RegExp(testOrder.order.name) })).toHaveCount(0);
  await screenshot(page, "earn-conversions-1280");
  // At 375 px the table becomes cards.
  const codCard = page.getByTestId("conversion-cards").getByRole("listitem").filter({ hasText: cod.order.name });
  await atPhoneWidth(page, "earn-conversions-375", () => expect(codCard).toContainText("awaiting payment"));

  // The pending order's page: the story is "awaiting payment", no ledger money yet.
  await codRow.getByRole("link", { name: cod.order.name }).click();
  await expect(page.getByTestId("explanation")).toContainText("Awaiting payment: Shopify says the order is pending.");
  await expect(page.getByTestId("conversion-awaiting-payment")).toContainText("$10.80");
  await expect(page.getByText("Nothing yet: the sale is written when Shopify says the order is paid.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Approve" })).toHaveCount(0);
  await screenshot(page, "earn-order-pending-1280");
  await atPhoneWidth(page, "earn-order-pending-375", () => expect(page.getByTestId("conversion-awaiting-payment")).toBeVisible());

  // The dashboard counts it apart, live.
  await page.goto(`/brand/${brand.slug}/campaigns/${campaign.id}`);
  await expect(page.getByTestId("awaiting-payment")).toContainText("1 order not paid yet in Shopify ($72.00 of sales, $10.80 of commission)");
  await expect(page.getByTestId("kpi-net-commission")).toHaveText("$8.10");
  await screenshot(page, "earn-dashboard-awaiting-1280");
  await atPhoneWidth(page, "earn-dashboard-awaiting-375", async () => {
    await expect(page.getByTestId("awaiting-payment")).toBeVisible();
    await expect(page.locator(".recharts-bar-rectangle").first()).toBeVisible();
  });

  // The creator sees it apart too (a phone).
  await creator.page.goto("/creator/earnings");
  await expect(creator.page.getByTestId("awaiting-USD")).toHaveText("$10.80");
  await expect(creator.page.getByTestId("net-USD")).toHaveText("$8.10");
  await expect(creator.page.getByText("once the customer has paid. The order is awaiting payment in Shopify")).toBeVisible();
  expect(await creator.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await screenshot(creator.page, "earn-creator-awaiting-375");

  // Paid: it earns, the dashboard and the creator's portal follow without a reload.
  await sim.markPaid(domain, cod.order.id);
  await expect(page.getByTestId("kpi-net-commission")).toHaveText("$18.90", { timeout: 30_000 });
  await expect(page.getByTestId("awaiting-payment")).toHaveCount(0);
  await expect(creator.page.getByTestId("net-USD")).toHaveText("$18.90", { timeout: 30_000 });
  await expect(creator.page.getByTestId("awaiting-USD")).toHaveText("none");

  // The gift card's order: its lines, and the story naming the gift card.
  await page.goto(conversionsUrl);
  await giftRow.getByRole("link", { name: gift.order.name }).click();
  await expect(page.getByTestId("order-lines").getByRole("row", { name: /Gift Card/ })).toContainText("gift card · earns nothing");
  await expect(page.getByTestId("explanation")).toContainText("Gift cards earn no commission: Gift Card ($50.00) left out of the $104.00 subtotal.");
  await screenshot(page, "earn-order-gift-card-1280");
  await atPhoneWidth(page, "earn-order-gift-card-375", () => expect(page.getByTestId("order-lines")).toBeVisible());

  // The test order: recorded, never credited, and the order page says why.
  await reloadUntil(page, `/brand/${brand.slug}/orders`, async () => {
    await expect(page.getByRole("link", { name: testOrder.order.name })).toBeVisible({ timeout: 1_000 });
  });
  await page.getByRole("link", { name: testOrder.order.name }).click();
  await expect(page.getByTestId("explanation")).toContainText("this is a Shopify test order, and test orders earn no commission");
  await creator.context.close();
});

test("an authorized payment voided: never earned, and it says so", async ({ page }) => {
  const brand = await signUpBrand(page, "Voided Co");
  const { domain, sim } = await connectStore(page, brand.slug);
  const campaign = await createCampaign(page, brand.slug, "Void Launch");
  const add = page.getByRole("form", { name: "Add a creator" });
  const code = `VOID${uniq().toUpperCase()}`;
  await add.getByLabel("Email").fill(`vee-${uniq()}@example.com`);
  await add.getByLabel("Full name").fill("Vee Creator");
  await add.getByLabel("Code (optional)").fill(code);
  await add.getByRole("button", { name: "Add creator" }).click();
  await expect(page.getByTestId("roster").getByText("active", { exact: true })).toHaveCount(1, { timeout: 30_000 });
  const placed = await sim.placeOrder(domain, { line_items: [{ title: "Eye Palette", price: "54.00" }], discount_codes: [code], financial_status: "authorized", email: `v-${uniq()}@example.com` });
  const row = page.getByTestId("conversions").getByRole("row", { name: new RegExp(placed.order.name) });
  const url = `/brand/${brand.slug}/conversions?campaign=${campaign.id}`;
  await reloadUntil(page, url, async () => expect(row).toContainText("awaiting payment", { timeout: 1_000 }));
  await sim.voidPayment(domain, placed.order.id);
  await reloadUntil(page, url, async () => expect(row).toContainText("voided · never paid", { timeout: 1_000 }));
  await row.getByRole("link", { name: placed.order.name }).click();
  await expect(page.getByTestId("explanation")).toContainText("Voided: the order was never paid");
  await expect(page.getByText("No money moved: nothing was earned.")).toBeVisible();
});
