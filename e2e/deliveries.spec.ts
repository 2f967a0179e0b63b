import { expect, test } from "@playwright/test";
import postgres from "postgres";
import { connectStore, screenshot, signUpBrand } from "./helpers";

/**
 * Issue 15 point 13 in the browser: deliveries that keep failing are shown with their reason,
 * retrying or parked; the overview warns once they have failed for more than ten minutes; "Retry
 * all" hands them back and they are processed.
 */
test("failing deliveries: the overview warns, the deliveries page says why, Retry all processes them", async ({ page }) => {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error("This test records failed deliveries with SQL: run it with E2E_DATABASE_URL (npm test does).");
  const brand = await signUpBrand(page, "Failing Feeds");
  const { domain, sim } = await connectStore(page, brand.slug);
  const placed = await sim.placeOrder(domain, { line_items: [{ title: "Rain Shell", price: "90.00" }], email: "rita.rain@example.com" });
  await page.goto(`/brand/${brand.slug}/deliveries`);
  await expect(page.getByTestId("deliveries").getByRole("row", { name: /orders\/create.*processed/ })).toBeVisible();

  // Two deliveries of other orders that failed: one parked after its retries, one that can never be used.
  const sql = postgres(url, { onnotice: () => {}, max: 1 });
  try {
    const [ws] = await sql<{ id: string }[]>`select id from workspaces where slug = ${brand.slug}`;
    await sql`
      insert into webhook_deliveries (id, workspace_id, shop_domain, webhook_id, topic, headers, raw_body, status, attempts, last_error, failing_since, received_at)
      select 'delivery_e2e_parked_' || ${brand.slug}, workspace_id, shop_domain, webhook_id || '-parked', topic, headers,
             jsonb_set(jsonb_set(raw_body::jsonb, '{id}', to_jsonb((raw_body::jsonb ->> 'id')::bigint + 1)), '{name}', '"#9001"')::text,
             'failed', 8, 'Connection terminated unexpectedly', now() - interval '25 minutes', now() - interval '25 minutes'
      from webhook_deliveries where workspace_id = ${ws!.id} and topic = 'orders/create' and status = 'processed' limit 1`;
    await sql`
      insert into webhook_deliveries (id, workspace_id, shop_domain, webhook_id, topic, headers, raw_body, status, attempts, last_error, failing_since, received_at)
      values ('delivery_e2e_invalid_' || ${brand.slug}, ${ws!.id}, ${domain}, gen_random_uuid()::text, 'orders/create', '{}', '{"id": 1}', 'failed', 1,
              'The orders/create body does not match Shopify''s shape: name: Required', now() - interval '12 minutes', now() - interval '12 minutes')`;
  } finally {
    await sql.end();
  }

  await page.goto(`/brand/${brand.slug}`);
  const warning = page.getByRole("alert").filter({ hasText: "failing for more than 10 minutes" });
  await expect(warning).toContainText("2 Shopify deliveries");
  await screenshot(page, "overview-failing-deliveries-1280");
  await warning.getByRole("link", { name: "See why and retry" }).click();
  await expect(page).toHaveURL(new RegExp(`/brand/${brand.slug}/deliveries\\?status=failed`));
  const table = page.getByTestId("deliveries");
  await expect(table.getByRole("row", { name: /Connection terminated unexpectedly/ })).toContainText("Parked: it will not retry on its own.");
  await expect(table.getByRole("row", { name: /does not match Shopify's shape/ })).toBeVisible();
  await screenshot(page, "deliveries-failed-1280");
  await page.setViewportSize({ width: 375, height: 800 });
  await screenshot(page, "deliveries-failed-375");
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.getByRole("button", { name: "Retry all failed" }).click();
  await expect(page.getByRole("status").filter({ hasText: "2 handed back for processing; each shows its outcome below once processed." })).toBeVisible();
  // The parked order is processed now; the body that can never be used fails again, with its reason.
  await page.goto(`/brand/${brand.slug}/deliveries`);
  await expect(table.getByRole("row", { name: /orders\/create.*processed/ })).toHaveCount(2);
  await expect(table.getByRole("row", { name: /failed.*does not match Shopify's shape/ })).toContainText("Parked");
  await page.goto(`/brand/${brand.slug}/orders`);
  await expect(page.getByTestId("orders").getByRole("row", { name: /#9001/ })).toBeVisible();
  await expect(page.getByTestId("orders").getByRole("row", { name: new RegExp(placed.order.name) })).toBeVisible();
});
