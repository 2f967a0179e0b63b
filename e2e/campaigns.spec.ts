import { writeFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { connectStore, createCampaign, screenshot, signUpBrand, uniq } from "./helpers";

test("create a campaign, upload a CSV, watch codes go live in Shopify, end it: codes deactivated", async ({ page }, testInfo) => {
  const brand = await signUpBrand(page, "Codes & Co");
  const { domain, sim } = await connectStore(page, brand.slug);

  await page.goto(`/brand/${brand.slug}/campaigns/new`);
  await page.getByLabel("Campaign name").fill("Winter Launch");
  await page.getByLabel("Discount (%)").fill("15");
  await page.getByLabel("Code template").fill("{first_name}-{random_number}");
  await expect(page.getByTestId("template-preview")).toContainText("ZOE-7K2Q");
  await page.getByLabel("Code template").fill("{email}");
  await expect(page.getByTestId("template-preview")).toContainText("Unknown variable");
  await page.getByLabel("Code template").fill("{full_name}-{random_number}");
  await expect(page.getByLabel("Apply the creator's code from their link")).toBeChecked();
  await screenshot(page, "campaign-new");
  await page.getByRole("button", { name: "Create campaign" }).click();
  await expect(page).toHaveURL(new RegExp(`/brand/${brand.slug}/campaigns/cmp_`));
  await expect(page.getByRole("heading", { name: "Winter Launch" })).toBeVisible();
  await expect(page.getByText("15% off")).toBeVisible();

  const tag = uniq();
  const csv = [
    "email,full name,handle",
    `ana-${tag}@example.com,Ana Müller,@anam`,
    `ben-${tag}@example.com,Ben O'Hara,benoh`,
    `cy-${tag}@example.com,Cy Twombly,`,
    `ANA-${tag}@example.com,Ana Again,`,
    `not-an-email,Broken Row,`,
  ].join("\n");
  const file = testInfo.outputPath("roster.csv");
  writeFileSync(file, csv);
  const upload = page.getByRole("form", { name: "Upload a CSV" });
  await upload.getByLabel("CSV file").setInputFiles(file);
  await upload.getByRole("button", { name: "Upload creators" }).click();
  await expect(page.getByTestId("upload-summary")).toHaveText("3 creators added, 2 rows with errors.");
  await expect(page.getByTestId("upload-errors")).toContainText("duplicate of row 2");
  await expect(page.getByTestId("upload-errors")).toContainText("Row 6");

  // The progress bar reaches 100 % as the codes are created in Shopify (the page polls; no reload).
  await expect(page.getByRole("progressbar", { name: "Codes pushed to Shopify" })).toHaveAttribute("aria-valuenow", "100", { timeout: 30_000 });
  const roster = page.getByTestId("roster");
  await expect(roster.getByText("active", { exact: true })).toHaveCount(3);
  await expect(roster).toContainText(/ANAMULLER-[A-Z0-9]{4}/);
  await screenshot(page, "campaign-roster");
  const discounts = await sim.discounts(domain);
  expect(discounts.discounts.map((d) => d.status)).toEqual(["ACTIVE", "ACTIVE", "ACTIVE"]);

  // A non-CSV file is refused with a clear message and adds nothing.
  const png = testInfo.outputPath("photo.png");
  writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
  await upload.getByLabel("CSV file").setInputFiles(png);
  await upload.getByRole("button", { name: "Upload creators" }).click();
  await expect(upload.getByRole("alert")).toContainText(/CSV/);
  await expect(roster.locator("tbody tr")).toHaveCount(3);

  // The referral link records the click and goes through the store's shareable discount URL, which
  // applies the creator's code and then lands on the store with ?ref= and the signed tally_click.
  const link = await roster.locator("code").first().textContent();
  const res = await page.request.get(link!, { maxRedirects: 0, headers: { "user-agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1" } });
  expect(res.status()).toBe(302);
  const location = new URL(res.headers().location!);
  expect(location.origin).toBe(`https://${domain}`);
  expect(location.pathname).toMatch(/^\/discount\/[A-Z0-9-]+$/);
  expect(location.searchParams.get("redirect")).toMatch(/^\/\?ref=[a-z0-9-]+&tally_click=clk_[0-9a-z]{26}\.[A-Za-z0-9_-]{22}$/);

  // The brand stops applying codes from links: the same link lands on the store without a discount.
  await expect(page.getByTestId("apply-code-from-links")).toHaveText("Links apply the creator's code.");
  await page.getByRole("button", { name: "Stop applying the code from links" }).click();
  await expect(page.getByTestId("apply-code-from-links")).toHaveText("Links do not apply the creator's code.");
  const direct = await page.request.get(link!, { maxRedirects: 0, headers: { "user-agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1" } });
  expect(direct.status()).toBe(302);
  const landed = new URL(direct.headers().location!);
  expect(landed.origin).toBe(`https://${domain}`);
  expect(landed.pathname).toBe("/");
  expect(landed.searchParams.get("tally_click")).toMatch(/^clk_[0-9a-z]{26}\./);
  await page.getByRole("button", { name: "Apply the code from links" }).click();
  await expect(page.getByTestId("apply-code-from-links")).toHaveText("Links apply the creator's code.");

  await page.getByRole("button", { name: "End now" }).click();
  await page.getByRole("dialog", { name: "End this campaign now?" }).getByRole("button", { name: "End campaign" }).click();
  await expect(page.getByText("ended", { exact: true }).first()).toBeVisible();
  await expect(roster.getByText("deactivated", { exact: true })).toHaveCount(3, { timeout: 30_000 });
  await expect.poll(async () => (await sim.discounts(domain)).discounts.map((d) => d.status)).toEqual(["EXPIRED", "EXPIRED", "EXPIRED"]);
  await screenshot(page, "campaign-ended");
});

test("campaign pages without a store say what to do; the campaigns list shows status", async ({ page }) => {
  const brand = await signUpBrand(page);
  await page.goto(`/brand/${brand.slug}/campaigns`);
  await expect(page.getByText("Connect your Shopify store first")).toBeVisible();
  await connectStore(page, brand.slug, "EUR");
  const campaign = await createCampaign(page, brand.slug, "Spring Edit");
  await page.goto(`/brand/${brand.slug}/campaigns`);
  await expect(page.getByTestId("campaigns").getByRole("link", { name: "Spring Edit" })).toHaveAttribute("href", `/brand/${brand.slug}/campaigns/${campaign.id}`);
  await expect(page.getByTestId("campaigns")).toContainText("active");
});
