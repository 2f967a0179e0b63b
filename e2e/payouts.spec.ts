import { expect, test, type Page } from "@playwright/test";
import { acceptAsCreator, addToCampaign, connectStore, createCampaign, inviteCreator, payableAtOnce, screenshot, signUpBrand, uniq, waitForPayable } from "./helpers";

async function newPayout(page: Page, slug: string) {
  await page.goto(`/brand/${slug}/payouts`);
  const form = page.getByRole("form", { name: "New payout" });
  await form.getByRole("button", { name: "Create payout" }).click();
  const open = form.getByRole("link", { name: /^Open P-\d{4}$/ });
  await expect(open).toBeVisible();
  await open.click();
  await expect(page).toHaveURL(new RegExp(`/brand/${slug}/payouts/po_`));
}

test("a brand pays a campaign, a refund lands after the payout, and the next payout claws it back — on both portals", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const brand = await signUpBrand(page, "Payout Goods");
  const { domain, sim } = await connectStore(page, brand.slug);
  const campaign = await createCampaign(page, brand.slug, "Payout Launch");
  const invite = await inviteCreator(page, brand.slug, "Nora Creator");
  const creator = await acceptAsCreator(browser, invite.link, "Nora Creator");
  const code = `NORA${uniq().toUpperCase()}`;
  await addToCampaign(page, brand.slug, campaign.id, invite.email, "Nora Creator", code);

  await payableAtOnce(page, brand.slug);

  // Two sales: $100 and $50 of merchandise, 10 % off, 15 % commission → $13.50 + $6.75.
  const first = await sim.placeOrder(domain, { line_items: [{ title: "Glow Serum", price: "100.00" }], discount_codes: [code], email: `c-${uniq()}@example.com` });
  await sim.placeOrder(domain, { line_items: [{ title: "Lip Balm", price: "50.00" }], discount_codes: [code], email: `c-${uniq()}@example.com` });
  await waitForPayable(page, brand.slug, "$20.25");
  await screenshot(page, "payouts-brand-before");

  // P-0001 pays $20.25; marked paid with the PayPal batch reference.
  await newPayout(page, brand.slug);
  await expect(page.getByRole("heading", { name: "Payout P-0001" })).toBeVisible();
  const item = page.getByTestId("payout-items").getByRole("row").filter({ hasText: "Nora Creator" });
  await expect(item).toContainText("$20.25");
  const pay = page.getByRole("form", { name: "Mark paid" });
  await pay.getByLabel("Payment reference").fill("PP-BATCH-001");
  await pay.getByRole("button", { name: "Mark paid" }).click();
  await expect(item).toContainText("PP-BATCH-001");
  await expect(page.getByText("Paid", { exact: true }).first()).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "PayPal payouts file" }).click()]);
  const file = await (await download.createReadStream()).toArray();
  expect(Buffer.concat(file).toString("utf8")).toMatch(new RegExp(`^${invite.email.replace(/[.+]/g, "\\$&")},20\\.25,USD,poi_[0-9a-z]{26},`));

  // The customer returns the serum after the payout: −$13.50, a negative payable carried forward.
  await sim.refund(domain, first.order.id, { line_items: [{ index: 0, quantity: 1 }] });
  await creator.page.goto("/creator/earnings");
  const balance = creator.page.getByTestId("creator-balance");
  await expect(balance).toContainText("−$13.50", { timeout: 30_000 });
  await expect(creator.page.getByTestId("creator-payout").filter({ hasText: "P-0001" })).toContainText("ref PP-BATCH-001");
  const firstRow = creator.page.getByTestId("earnings-order").filter({ hasText: first.order.name });
  await expect(firstRow.getByTestId("earnings-order-payout")).toContainText("paid in P-0001 · $13.50 clawed back");

  // A new sale ($200 → $27.00) and P-0002: $27.00 − $13.50 = $13.50, with the clawback as a line.
  await sim.placeOrder(domain, { line_items: [{ title: "Night Cream", price: "200.00" }], discount_codes: [code], email: `c-${uniq()}@example.com` });
  await waitForPayable(page, brand.slug, "$13.50");
  await newPayout(page, brand.slug);
  await expect(page.getByRole("heading", { name: "Payout P-0002" })).toBeVisible();
  const second = page.getByTestId("payout-items").getByRole("row").filter({ hasText: "Nora Creator" });
  await expect(second).toContainText("$13.50");
  await expect(second.getByTestId("payout-deductions")).toContainText(`refund of ${first.order.name} after payout P-0001: −$13.50`);
  await screenshot(page, "payout-brand-clawback");
  await page.setViewportSize({ width: 375, height: 812 });
  await page.reload();
  await expect(second.getByTestId("payout-deductions")).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await screenshot(page, "payout-brand-clawback-phone");

  await creator.page.reload();
  const p2 = creator.page.getByTestId("creator-payout").filter({ hasText: "P-0002" });
  await expect(p2).toContainText("$13.50");
  await expect(p2).toContainText(`refund of ${first.order.name} after payout P-0001: −$13.50`);
  await screenshot(creator.page, "payout-creator-clawback");
  await creator.page.setViewportSize({ width: 375, height: 812 });
  await creator.page.reload();
  await expect(p2).toBeVisible();
  expect(await creator.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await screenshot(creator.page, "payout-creator-clawback-phone");
  await creator.context.close();
});

test("another workspace's payout page is a 404", async ({ page, browser }) => {
  const a = await signUpBrand(page, "Payout Tenant A");
  const { domain, sim } = await connectStore(page, a.slug);
  const campaign = await createCampaign(page, a.slug);
  const invite = await inviteCreator(page, a.slug, "Tia Tenant");
  const code = `TIA${uniq().toUpperCase()}`;
  await addToCampaign(page, a.slug, campaign.id, invite.email, "Tia Tenant", code);
  await payableAtOnce(page, a.slug);
  await sim.placeOrder(domain, { line_items: [{ title: "Serum", price: "100.00" }], discount_codes: [code], email: `c-${uniq()}@example.com` });
  await waitForPayable(page, a.slug, "$13.50");
  await newPayout(page, a.slug);
  const payoutId = new URL(page.url()).pathname.split("/").pop()!;

  const other = await browser.newContext();
  const b = await other.newPage();
  const brandB = await signUpBrand(b, "Payout Tenant B");
  const res = await b.goto(`/brand/${brandB.slug}/payouts/${payoutId}`);
  expect(res!.status()).toBe(404);
  const file = await b.request.get(`/api/brand/${brandB.slug}/payouts/${payoutId}/export?format=csv`);
  expect(file.status()).toBe(404);
  await other.close();
});
