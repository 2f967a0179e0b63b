import { expect, test } from "@playwright/test";
import { connectStore, createCampaign, screenshot, signUpBrand, uniq } from "./helpers";

test("an order with a creator's code is credited, explained, and an admin can deny it", async ({ page }) => {
  const brand = await signUpBrand(page, "Attribution Co");
  const { domain, sim } = await connectStore(page, brand.slug);
  const campaign = await createCampaign(page, brand.slug, "Launch");
  const add = page.getByRole("form", { name: "Add a creator" });
  await add.getByLabel("Email").fill(`jane-${uniq()}@example.com`);
  await add.getByLabel("Full name").fill("Jane Doe");
  await add.getByLabel("Code (optional)").fill(`jane-${uniq()}`);
  await add.getByRole("button", { name: "Add creator" }).click();
  const roster = page.getByTestId("roster");
  await expect(roster.getByText("active", { exact: true })).toHaveCount(1);
  const code = (await roster.locator("td.font-mono").first().textContent())!.trim();

  // The customer types the code in lower case: 15 % commission of $100 with 10 % off = $13.50.
  const placed = await sim.placeOrder(domain, {
    line_items: [{ title: "Glow Serum", price: "100.00" }],
    discount_codes: [code.toLowerCase()],
    shipping: { price: "6.00" },
    tax_rate: 0.1,
    email: "customer@example.com",
  });
  // The conversions page renders on the server: reload until the order's conversion is there.
  const row = page.getByTestId("conversions").getByRole("row", { name: new RegExp(placed.order.name) });
  await expect(async () => {
    await page.goto(`/brand/${brand.slug}/conversions?campaign=${campaign.id}`);
    await expect(row).toContainText("$90.00", { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(row).toContainText("$13.50");
  await expect(row).toContainText("approved");
  await screenshot(page, "conversions");

  await row.getByRole("link", { name: placed.order.name }).click();
  await expect(page.getByTestId("explanation")).toContainText(`Credited to Jane Doe (code ${code})`);
  await expect(page.getByTestId("ledger")).toContainText("sale");
  await screenshot(page, "order-explanation");

  await page.getByLabel("Reason (optional)").fill("test order");
  await page.getByRole("button", { name: "Deny" }).click();
  await expect(page.getByText("denied", { exact: true })).toBeVisible();
  await expect(page.getByTestId("ledger")).toContainText("-$13.50");
  await expect(page.getByTestId("conversion-figures")).toContainText("$0.00");

  // An order with no creator code is recorded and explained as not credited.
  const plain = await sim.placeOrder(domain, { line_items: [{ title: "Cap", price: "20.00" }], email: "other@example.com" });
  await expect(async () => {
    await page.goto(`/brand/${brand.slug}/orders`);
    await expect(page.getByRole("link", { name: plain.order.name })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await page.getByRole("link", { name: plain.order.name }).click();
  await expect(page.getByTestId("explanation")).toContainText(/not credited|No creator/i);
});

test("attribution settings are saved and validated", async ({ page }) => {
  const brand = await signUpBrand(page);
  await page.goto(`/brand/${brand.slug}/settings`);
  const form = page.getByRole("form", { name: "Attribution settings" });
  await form.getByLabel("When an order has several creator codes").selectOption("oldest_assigned");
  await form.getByLabel("Referral link window (days)").fill("400");
  await form.getByRole("button", { name: "Save attribution settings" }).click();
  await expect(form.getByText("At most 90 days.")).toBeVisible();
  await form.getByLabel("Referral link window (days)").fill("14");
  await form.getByRole("button", { name: "Save attribution settings" }).click();
  await expect(form.getByText("Saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("form", { name: "Attribution settings" }).getByLabel("Referral link window (days)")).toHaveValue("14");
  await expect(page.getByRole("form", { name: "Attribution settings" }).getByLabel("When an order has several creator codes")).toHaveValue("oldest_assigned");
});
