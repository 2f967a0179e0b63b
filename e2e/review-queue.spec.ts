import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { connectStore, createCampaign, screenshot, signUpBrand, uniq } from "./helpers";

/** Reloads a server-rendered page until `check` holds (webhooks are processed a moment after the simulator sends them). */
async function reloadUntil(page: Page, url: string, check: () => Promise<void>) {
  await expect(async () => {
    await page.goto(url);
    await check();
  }).toPass({ timeout: 30_000 });
}

test("review queue: filter the flagged conversions, see their totals, deny several with a reason, see them move", async ({ page }) => {
  // One long story (store, settings, four orders through webhooks, several reviews, a CSV): a budget, not a timing assertion.
  test.setTimeout(300_000);
  const brand = await signUpBrand(page, "Review Queue Co");
  // Self-referrals are flagged for review (not denied outright) in this workspace.
  await page.goto(`/brand/${brand.slug}/settings`);
  const settings = page.getByRole("form", { name: "Attribution settings" });
  await settings.getByLabel("When a creator orders with their own code").selectOption("flag");
  await settings.getByRole("button", { name: "Save attribution settings" }).click();
  await expect(settings.getByText("Saved.")).toBeVisible();

  const { domain, sim } = await connectStore(page, brand.slug, "USD", "America/New_York");
  const campaign = await createCampaign(page, brand.slug, "Review launch");
  const creatorEmail = `rita-${uniq()}@example.com`;
  const add = page.getByRole("form", { name: "Add a creator" });
  await add.getByLabel("Email").fill(creatorEmail);
  await add.getByLabel("Full name").fill("Rita Reviewed");
  await add.getByLabel("Code (optional)").fill(`RITA${uniq().toUpperCase()}`);
  await add.getByRole("button", { name: "Add creator" }).click();
  const roster = page.getByTestId("roster");
  await expect(roster.getByText("active", { exact: true })).toHaveCount(1, { timeout: 30_000 });
  const code = (await roster.locator("td.font-mono").first().textContent())!.trim();

  // Three orders by the creator herself (flagged) and one by a customer (approved). $100 − 10 % = $90; 15 % = $13.50.
  const own = [];
  for (let i = 0; i < 3; i++) own.push(await sim.placeOrder(domain, { line_items: [{ title: "Glow Serum", price: "100.00" }], discount_codes: [code], email: creatorEmail }));
  const customer = await sim.placeOrder(domain, { line_items: [{ title: "Glow Serum", price: "100.00" }], discount_codes: [code], email: `buyer-${uniq()}@example.com` });

  // The flagged queue: the form's filters land in the URL.
  const base = `/brand/${brand.slug}/conversions`;
  const table = page.getByTestId("conversions");
  await reloadUntil(page, `${base}?campaign=${campaign.id}`, async () => {
    await expect(table.getByRole("row")).toHaveCount(5, { timeout: 1_000 });
  });
  await page.getByLabel("Status").selectOption("flagged");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/status=flagged/);
  for (const o of own) await expect(table.getByRole("row", { name: new RegExp(o.order.name) })).toContainText("flagged for review");
  await expect(table.getByRole("row", { name: new RegExp(customer.order.name) })).toHaveCount(0);
  // Totals of the filtered set: 3 conversions, $270.00 of sales, $40.50 of commission.
  const totals = page.getByTestId("queue-totals-USD");
  await expect(totals).toContainText("3 conversions in USD");
  await expect(totals).toContainText("$270.00");
  await expect(totals).toContainText("$40.50");
  await expect(page.getByLabel("Placed from")).toBeVisible();
  await expect(page.getByText("Dates in America/New_York")).toBeVisible();
  await screenshot(page, "review-queue-flagged-1280");

  // Select two, try to deny without a reason (refused, nothing changes), then with one.
  await table.getByRole("checkbox", { name: `Select ${own[0]!.order.name}` }).check();
  await table.getByRole("checkbox", { name: `Select ${own[1]!.order.name}` }).check();
  await expect(page.getByTestId("selection-count")).toHaveText("2 selected");
  await page.getByRole("button", { name: "Deny 2" }).click();
  await expect(page.getByText("Say why these conversions are denied: the creator sees the reason.")).toBeVisible();
  await expect(table.getByRole("row", { name: new RegExp(own[0]!.order.name) })).toContainText("flagged for review");
  await page.getByLabel(/^Reason/).fill("Orders placed by the creator herself");
  await page.getByRole("button", { name: "Deny 2" }).click();
  await expect(page.getByTestId("review-summary")).toHaveText("Denied 2 of 2.");
  // They leave the flagged queue; the third stays, and the totals follow.
  await expect(table.getByRole("row", { name: new RegExp(own[0]!.order.name) })).toHaveCount(0);
  await expect(table.getByRole("row", { name: new RegExp(own[1]!.order.name) })).toHaveCount(0);
  await expect(table.getByRole("row", { name: new RegExp(own[2]!.order.name) })).toBeVisible();
  await expect(totals).toContainText("1 conversion in USD");

  // In the denied queue, with no commission; back returns to the flagged queue.
  await page.getByLabel("Status").selectOption("denied");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/status=denied/);
  for (const o of own.slice(0, 2)) await expect(table.getByRole("row", { name: new RegExp(o.order.name) })).toContainText("$0.00");
  await expect(page.getByTestId("queue-totals-USD")).toContainText("2 conversions in USD");
  await page.goBack();
  await expect(page).toHaveURL(/status=flagged/);
  await expect(page.getByLabel("Status")).toHaveValue("flagged");
  await expect(table.getByRole("row")).toHaveCount(2);

  // The CSV of the filtered set: the flagged one left, with its money; the same filters as the page.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export 1 as CSV" }).click();
  const csv = await readFile((await (await download).path())!, "utf8");
  const lines = csv.trim().split("\r\n");
  expect(lines).toHaveLength(2);
  expect(lines[0]).toContain("placed_at_America/New_York");
  expect(lines[1]).toContain(own[2]!.order.name);
  expect(lines[1]).toContain(",flagged,USD,90.00,0.00,90.00,13.50,13.50,0.00");
  const denied = await page.request.get(`/api/brand/${brand.slug}/conversions/export?status=denied`);
  expect((await denied.text()).trim().split("\r\n")).toHaveLength(3);
  expect((await page.request.get(`/api/brand/${brand.slug}/conversions/export?from=yesterday`)).status()).toBe(422);

  // The order page tells the story: denied with the reason, in the ledger.
  await page.goto(`${base}?status=denied&campaign=${campaign.id}`);
  await table.getByRole("link", { name: own[0]!.order.name }).click();
  await expect(page.getByTestId("ledger")).toContainText("-$13.50");
  await expect(page.getByTestId("ledger")).toContainText("Orders placed by the creator herself");

  // Approve all matching (the one left flagged) with the page's select-all, at phone width: cards.
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto(`${base}?status=flagged&campaign=${campaign.id}`);
  const cards = page.getByTestId("conversion-cards");
  await expect(cards.getByRole("listitem")).toHaveCount(1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.getByLabel("Select every conversion on this page").check();
  await screenshot(page, "review-queue-flagged-375");
  await page.getByRole("button", { name: "Approve 1" }).click();
  await expect(page.getByTestId("review-summary")).toHaveText("Approved 1 of 1.");
  await expect(page.getByText("No conversions match these filters")).toBeVisible();
  await expect(page.getByRole("link", { name: "Clear filters" })).toBeVisible();
  await screenshot(page, "review-queue-empty-375");
  await page.setViewportSize({ width: 1280, height: 900 });

  // Bad filters are named per field; nothing is listed.
  await page.goto(`${base}?from=2026-02-30&code=no%20spaces`);
  await expect(page.getByText("Use a real calendar date.")).toBeVisible();
  await expect(page.getByText("A code has only letters, digits and dashes.")).toBeVisible();
  await expect(table).toHaveCount(0);
});
