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

test("orders list: filter by code, status and creator, see the filtered totals, page by URL, export the filtered set", async ({ page }) => {
  // One story (store, campaign, three orders and a refund through webhooks, filters, a CSV): a budget, not a timing assertion.
  test.setTimeout(240_000);
  const brand = await signUpBrand(page, "Orders Queue Co");
  const { domain, sim } = await connectStore(page, brand.slug, "USD", "Europe/Madrid");
  await createCampaign(page, brand.slug, "Orders launch");
  const add = page.getByRole("form", { name: "Add a creator" });
  await add.getByLabel("Email").fill(`olga-${uniq()}@example.com`);
  await add.getByLabel("Full name").fill("Olga Orders");
  const code = `OLGA${uniq().toUpperCase()}`;
  await add.getByLabel("Code (optional)").fill(code);
  await add.getByRole("button", { name: "Add creator" }).click();
  await expect(page.getByTestId("roster").getByText("active", { exact: true })).toHaveCount(1, { timeout: 30_000 });

  // Two orders with the creator's code ($100 − 10 % = $90 each), one refunded in full; one without a code ($100).
  const kept = await sim.placeOrder(domain, { line_items: [{ title: "Glow Serum", price: "100.00" }], discount_codes: [code], email: `a-${uniq()}@example.com` });
  const refunded = await sim.placeOrder(domain, { line_items: [{ title: "Glow Serum", price: "100.00" }], discount_codes: [code], email: `b-${uniq()}@example.com` });
  const plain = await sim.placeOrder(domain, { line_items: [{ title: "Glow Serum", price: "100.00" }], email: `c-${uniq()}@example.com` });
  await sim.refund(domain, refunded.order.id, { line_items: [{ index: 0, quantity: 1 }] });

  const base = `/brand/${brand.slug}/orders`;
  const table = page.getByTestId("orders");
  const totals = page.getByTestId("order-totals-USD");
  await reloadUntil(page, base, async () => {
    await expect(table.getByRole("row")).toHaveCount(4, { timeout: 1_000 });
    await expect(table.getByRole("row", { name: new RegExp(refunded.order.name) })).toContainText("Refunded", { timeout: 1_000 });
    await expect(table.getByRole("row", { name: new RegExp(kept.order.name) })).toContainText("Olga Orders", { timeout: 1_000 });
  });
  await expect(totals).toContainText("3 orders in USD");
  await expect(totals).toContainText("$280.00");
  await expect(totals).toContainText("$90.00");
  await expect(totals).toContainText("$190.00");
  await expect(totals).toContainText("2 of 3");
  await expect(page.getByText("Showing 3 of 3 orders, newest first")).toBeVisible();
  await expect(page.getByText("Dates in Europe/Madrid")).toBeVisible();
  await screenshot(page, "orders-queue-1280");

  // A code typed in lower case finds the orders that used it; the filter lands in the URL.
  await page.getByLabel("Code").fill(code.toLowerCase());
  await page.getByRole("button", { name: "Filter", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`code=${code.toLowerCase()}`));
  await expect(table.getByRole("row")).toHaveCount(3);
  await expect(table.getByRole("row", { name: new RegExp(plain.order.name) })).toHaveCount(0);
  await expect(totals).toContainText("2 orders in USD");
  await expect(totals).toContainText("$180.00");

  // Then only the refunded ones.
  await page.getByLabel("Status").selectOption("refunded");
  await page.getByRole("button", { name: "Filter", exact: true }).click();
  await expect(page).toHaveURL(/status=refunded/);
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(totals).toContainText("1 order in USD");

  // The CSV is the filtered set, amounts exact.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export 1 as CSV" }).click();
  const lines = (await readFile((await (await download).path())!, "utf8")).trim().split("\r\n");
  expect(lines).toHaveLength(2);
  expect(lines[0]).toContain("placed_at_Europe/Madrid");
  expect(lines[1]).toContain(`${refunded.order.name}`);
  expect(lines[1]).toContain(",refunded,false,USD,90.00,90.00,0.00,Olga Orders,");

  // Back restores the previous filters in the form and the list.
  await page.goBack();
  await expect(page).not.toHaveURL(/status=refunded/);
  await expect(page.getByLabel("Status")).toHaveValue("");
  await expect(table.getByRole("row")).toHaveCount(3);

  // The creator's name filters to their orders.
  await table.getByRole("link", { name: "Olga Orders" }).first().click();
  await expect(page).toHaveURL(/creator=cre_/);
  await expect(page.getByLabel("Creator")).toHaveValue(/^cre_/);
  await expect(table.getByRole("row")).toHaveCount(3);

  // At phone width the page does not scroll sideways.
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto(base);
  await expect(table.getByRole("row")).toHaveCount(4);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await screenshot(page, "orders-queue-375");
  await page.setViewportSize({ width: 1280, height: 900 });

  // Bad filters are named per field; nothing is listed. An empty filtered set says so.
  await page.goto(`${base}?from=2026-02-30&code=no%20spaces&status=shipped`);
  await expect(page.getByText("Use a real calendar date.")).toBeVisible();
  await expect(page.getByText("A code has only letters, digits and dashes.")).toBeVisible();
  await expect(page.getByText("Status is one of open, awaiting_payment, refunded, cancelled, voided.")).toBeVisible();
  await expect(table).toHaveCount(0);
  expect((await page.request.get(`/api/brand/${brand.slug}/orders/export?to=tomorrow`)).status()).toBe(422);
  await page.goto(`${base}?status=cancelled`);
  await expect(page.getByText("No orders match these filters")).toBeVisible();
  await expect(page.getByRole("link", { name: "Clear filters" })).toBeVisible();
  // Another workspace's campaign in the URL is a 404.
  await page.goto(`${base}?campaign=cmp_not_ours`);
  await expect(page.getByText(/not found|could not be found/i).first()).toBeVisible();
});
