import { expect, test } from "@playwright/test";
import { acceptAsCreator, addToCampaign, connectStore, createCampaign, inviteCreator, payableAtOnce, screenshot, signUpBrand, uniq, waitForPayable } from "./helpers";

test("a brand edits a rule, previews it on past orders, applies it to unpaid orders only, and the paid order is left alone", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const brand = await signUpBrand(page, "Rules Goods");
  const { domain, sim } = await connectStore(page, brand.slug);
  const campaign = await createCampaign(page, brand.slug, "Rules Launch");
  const invite = await inviteCreator(page, brand.slug, "Rita Rules");
  const creator = await acceptAsCreator(browser, invite.link, "Rita Rules");
  await creator.context.close();
  const code = `RITA${uniq().toUpperCase()}`;
  await addToCampaign(page, brand.slug, campaign.id, invite.email, "Rita Rules", code);
  await payableAtOnce(page, brand.slug);

  // $100 of serum, 10 % off, 15 %: $13.50, paid in P-0001. Then $50 of balm: $6.75, not paid yet.
  const paid = await sim.placeOrder(domain, { line_items: [{ title: "Glow Serum", price: "100.00" }], discount_codes: [code], email: `c-${uniq()}@example.com` });
  await waitForPayable(page, brand.slug, "$13.50");
  const payout = page.getByRole("form", { name: "New payout" });
  await payout.getByRole("button", { name: "Create payout" }).click();
  await payout.getByRole("link", { name: /^Open P-\d{4}$/ }).click();
  const pay = page.getByRole("form", { name: "Mark paid" });
  await pay.getByLabel("Payment reference").fill("PP-RULES-1");
  await pay.getByRole("button", { name: "Mark paid" }).click();
  await expect(page.getByTestId("payout-items").getByRole("row").filter({ hasText: "Rita Rules" })).toContainText("PP-RULES-1");
  const unpaid = await sim.placeOrder(domain, { line_items: [{ title: "Lip Balm", price: "50.00" }], discount_codes: [code], email: `c-${uniq()}@example.com` });
  await waitForPayable(page, brand.slug, "$6.75");

  // Campaign → Rules
  await page.goto(`/brand/${brand.slug}/campaigns/${campaign.id}`);
  await page.getByRole("link", { name: "Commission rules and preview", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Commission rules", exact: true })).toBeVisible();
  await expect(page.getByText("No rules yet", { exact: false })).toBeVisible();

  // a rate over 100 % is refused beside its field; nothing is saved
  await page.getByRole("button", { name: "Add rule", exact: true }).click();
  const first = page.getByTestId("rule-1");
  await first.getByLabel("Name", { exact: true }).fill("Launch month");
  await first.getByLabel("Rate (%)", { exact: true }).fill("150");
  await page.getByRole("button", { name: "Apply from now on", exact: true }).click();
  await expect(first.getByText("Enter a rate from 0 to 100 %, e.g. 12.5.")).toBeVisible();
  await expect(first.getByLabel("Rate (%)", { exact: true })).toHaveAttribute("aria-invalid", "true");

  // a second rule that the first one shadows is said to never fire; removed again
  await first.getByLabel("Rate (%)", { exact: true }).fill("25");
  await page.getByRole("button", { name: "Add rule", exact: true }).click();
  const second = page.getByTestId("rule-2");
  await second.getByLabel("What it does", { exact: true }).selectOption("exclude");
  await second.getByLabel("Product tags", { exact: true }).fill("sale");
  await expect(second.getByText("Never fires: rule 1 (Launch month) comes first and matches every line this one could.")).toBeVisible();
  await page.getByRole("button", { name: "Remove Rule 2", exact: true }).click();
  await expect(page.getByTestId("rule-2")).toHaveCount(0);

  // Preview: 25 % instead of 15 %: $22.50 (was $13.50) and $11.25 (was $6.75), +$13.50 in all; nothing written
  await page.getByRole("button", { name: "Preview", exact: true }).click();
  const results = page.getByTestId("preview-results");
  await expect(results.getByTestId("preview-difference")).toHaveText("+$13.50");
  await expect(results.getByTestId("preview-per-creator").getByRole("row").filter({ hasText: "Rita Rules" })).toContainText("$20.25");
  const paidRow = results.getByTestId("preview-order").filter({ hasText: paid.order.name });
  await expect(paidRow).toContainText("$13.50 → $22.50");
  await expect(paidRow.getByText("In a payout: left alone unless you claw back / top up")).toBeVisible();
  const unpaidRow = results.getByTestId("preview-order").filter({ hasText: unpaid.order.name });
  await expect(unpaidRow).toContainText("$6.75 → $11.25");
  await expect(unpaidRow).toContainText("Campaign rate");
  await expect(unpaidRow).toContainText("Launch month");
  await screenshot(page, "commission-rules-preview");

  // Apply to unpaid orders since the range's first day: the balm moves, the serum is listed and left alone
  await page.getByRole("radio", { name: "Apply to unpaid orders since", exact: true }).check();
  await page.getByRole("button", { name: "Apply", exact: true }).click();
  const applied = page.getByTestId("apply-result");
  await expect(applied).toContainText("1 past order moved to the new rules (+$4.50 commission).");
  await expect(applied.getByTestId("paid-left-alone")).toContainText(`${paid.order.name}: would have changed by +$9.00`);
  await screenshot(page, "commission-rules-applied");

  // The ledger agrees: $11.25 payable now (the balm at 25 %); the paid serum is unchanged
  await waitForPayable(page, brand.slug, "$11.25");

  // The saved rule is there after a reload; a range with no orders says so
  await page.goto(`/brand/${brand.slug}/campaigns/${campaign.id}/rules`);
  await expect(page.getByTestId("rule-1").getByLabel("Rate (%)", { exact: true })).toHaveValue("25");
  await page.getByLabel("From", { exact: true }).fill("2020-01-01");
  await page.getByLabel("To", { exact: true }).fill("2020-01-31");
  await page.getByRole("button", { name: "Preview", exact: true }).click();
  await expect(page.getByTestId("preview-empty")).toHaveText("No orders of this campaign were placed in this range: there is nothing to preview.");

  await page.getByLabel("From", { exact: true }).fill("2020-01-01");
  await page.getByLabel("To", { exact: true }).fill("2099-01-01");
  await page.getByRole("button", { name: "Preview", exact: true }).click();
  await expect(page.getByTestId("preview-results")).toBeVisible();
  await page.setViewportSize({ width: 375, height: 812 });
  await expect(page.getByTestId("preview-results")).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await screenshot(page, "commission-rules-phone");
});
