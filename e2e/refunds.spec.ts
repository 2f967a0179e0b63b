import { expect, test } from "@playwright/test";
import { connectStore, createCampaign, screenshot, signUpBrand, uniq } from "./helpers";

test("a refund in Shopify reduces the campaign's results on the open page, without a reload", async ({ page }) => {
  const brand = await signUpBrand(page, "Refund Labs");
  const { domain, sim } = await connectStore(page, brand.slug);
  await createCampaign(page, brand.slug, "Refund test");
  const add = page.getByRole("form", { name: "Add a creator" });
  await add.getByLabel("Email").fill(`rita-${uniq()}@example.com`);
  await add.getByLabel("Full name").fill("Rita Refund");
  const code = `rita-${uniq()}`.toUpperCase();
  await add.getByLabel("Code (optional)").fill(code);
  await add.getByRole("button", { name: "Add creator" }).click();
  await expect(page.getByTestId("roster").getByText("active", { exact: true })).toHaveCount(1);

  // $100 serum + $50 mask, 10 % off: $135.00 of net sales, 15 % = $20.25 of commission.
  const placed = await sim.placeOrder(domain, { line_items: [{ title: "Serum", price: "100.00" }, { title: "Mask", price: "50.00" }], discount_codes: [code], email: "buyer@example.com" });
  await expect(page.getByTestId("kpi-net-sales")).toHaveText("$135.00");
  await expect(page.getByTestId("kpi-net-commission")).toHaveText("$20.25");

  // The customer returns the mask ($45.00 after the discount): the page updates on its own.
  await sim.refund(domain, placed.order.id, { line_items: [{ index: 1, quantity: 1 }] });
  await expect(page.getByTestId("kpi-net-sales")).toHaveText("$90.00");
  await expect(page.getByTestId("kpi-net-commission")).toHaveText("$13.50");
  await expect(page.getByTestId("creator-results")).toContainText("$45.00");
  await screenshot(page, "campaign-results-after-refund");
});
