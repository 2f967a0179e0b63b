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
  // A new store has no orders: the backfill's sentence says there was nothing to add, not "0 conversions added, 0 refunds reversed".
  await expect(panel.getByTestId("sync-run-counts").first()).toHaveText("0 orders read: Tally already had every creator order among them.");
  await panel.getByRole("button", { name: /reconcil/i }).first().click();
  // One sentence that says what happened (not "started (or already running)").
  await expect(panel.getByRole("status")).toHaveText("Reconciliation started: it checks your campaigns' orders against Shopify and corrects the ledger where they differ. Its progress is below.");
  await expect(panel.getByText("completed")).toHaveCount(2, { timeout: 30_000 });
  await expect(panel.getByTestId("sync-run-reconcile").getByTestId("sync-run-counts")).toHaveText("0 orders checked: none was credited to a creator, so there was nothing to compare.");
  await screenshot(page, "settings-sync");
});
