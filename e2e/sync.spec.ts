import { expect, test } from "@playwright/test";
import { connectStore, screenshot, signUpBrand } from "./helpers";

test("connecting a store starts the 90-day backfill, with live progress on Settings; a reconciliation can be started", async ({ page }) => {
  const brand = await signUpBrand(page, "Sync Co");
  const { domain, sim } = await connectStore(page, brand.slug);
  void domain;
  void sim;
  await page.goto(`/brand/${brand.slug}/settings`);
  const panel = page.getByRole("heading", { name: "Sync with Shopify" }).locator("xpath=ancestor::section[1]");
  await expect(panel).toContainText("Backfill");
  await expect(panel).toContainText("completed", { timeout: 30_000 });
  await panel.getByRole("button", { name: /reconcil/i }).first().click();
  await expect(panel).toContainText("Reconciliation");
  await expect(panel.getByText("completed")).toHaveCount(2, { timeout: 30_000 });
  await screenshot(page, "settings-sync");
});
