import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { SimulatorClient } from "@/lib/demo/simulator-client";
import { screenshot, SIMULATOR_ORIGIN, signUpBrand } from "./helpers";

const sim = new SimulatorClient(SIMULATOR_ORIGIN);
const shopDomain = () => `e2e-${randomBytes(4).toString("hex")}.myshopify.com`;

test("connect the simulated store with Shopify's OAuth install, then an order and its refund arrive by webhook", async ({ page }) => {
  const brand = await signUpBrand(page, "Oauth Outfitters");
  const domain = shopDomain();
  await sim.createShop({ domain, name: "Oauth Outfitters Store", currency: "EUR" });

  await page.goto(`/brand/${brand.slug}/settings`);
  await expect(page.getByRole("tab", { name: "Install the Tally app" })).toHaveAttribute("aria-selected", "true");
  await page.getByLabel("Store domain").fill(domain);
  await page.getByRole("button", { name: "Connect with Shopify" }).click();
  // Shopify (the simulator) approves and sends the browser back to Tally's callback.
  await expect(page).toHaveURL(new RegExp(`/brand/${brand.slug}/settings\\?connected=1`));
  await expect(page.getByText("Your store is connected")).toBeVisible();
  const card = page.getByTestId("connected-shop");
  await expect(card).toContainText("Oauth Outfitters Store");
  await expect(card).toContainText("Tally app (OAuth)");
  await expect(card).toContainText("EUR");
  await expect(card).toContainText("Subscribed");
  await screenshot(page, "settings-shop-connected");

  const placed = await sim.placeOrder(domain, {
    line_items: [{ title: "Trail Jacket", price: "120.00" }, { title: "Beanie", price: "20.00" }],
    shipping: { price: "6.00" },
    tax_rate: 0.2,
    email: "olga.order@example.com",
  });
  await page.goto(`/brand/${brand.slug}/deliveries`);
  const deliveries = page.getByTestId("deliveries");
  await expect(deliveries.getByRole("row", { name: /orders\/create.*processed/ })).toBeVisible();

  await page.goto(`/brand/${brand.slug}/orders`);
  const row = page.getByTestId("orders").getByRole("row", { name: new RegExp(placed.order.name) });
  await expect(row).toContainText("€140.00");
  await expect(row).toContainText("olga.order@example.com");

  // A refund in Shopify: the deliveries page updates on its own, without a reload.
  await page.goto(`/brand/${brand.slug}/deliveries`);
  await sim.refund(domain, placed.order.id, { line_items: [{ index: 1, quantity: 1 }] });
  await expect(deliveries.getByRole("row", { name: /refunds\/create.*processed/ })).toBeVisible();
  await screenshot(page, "deliveries");
  await page.goto(`/brand/${brand.slug}/orders`);
  await expect(row).toContainText("€20.00");
  await expect(row).toContainText("Refunded");
  await screenshot(page, "orders");
});

test("connect a store with a custom app token; a wrong token is refused and nothing is stored", async ({ page }) => {
  const brand = await signUpBrand(page);
  const domain = shopDomain();
  const { accessToken } = await sim.createShop({ domain, name: "Custom Co Store", currency: "USD" });
  await page.goto(`/brand/${brand.slug}/settings`);
  await page.getByRole("tab", { name: "Custom app token" }).click();
  const form = page.getByRole("form", { name: "Connect with a custom app token" });
  await form.getByLabel("Store domain").fill(domain);
  await form.getByLabel("Admin API access token").fill("shpat_not_the_right_token_000");
  await form.getByRole("button", { name: "Connect store" }).click();
  await expect(form.getByRole("alert")).toContainText(/rejected/i);
  await expect(page.getByTestId("connected-shop")).toHaveCount(0);

  // The rejected submit kept the domain the user typed.
  await expect(form.getByLabel("Store domain")).toHaveValue(domain);
  await form.getByLabel("Admin API access token").fill(accessToken);
  await form.getByRole("button", { name: "Connect store" }).click();
  await expect(page.getByTestId("connected-shop")).toContainText("Custom app");
});
