import { expect, test } from "@playwright/test";
import { connectStore, screenshot, signUpBrand } from "./helpers";

/**
 * A brand in Madrid whose store runs on Tokyo time: the new-campaign form defaults to the store's
 * zone (from Shopify's ianaTimezone) with its dates in that zone, hydrates without a mismatch in the
 * Madrid browser, refuses a time the clocks skip, and the campaign's dates are shown labelled.
 */
test.use({ timezoneId: "Europe/Madrid", locale: "es-ES" });

test("campaign times default to the store's zone, hydrate cleanly in a Madrid browser, and are shown labelled; a skipped time is refused", async ({ page }) => {
  const hydration: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && /hydrat/i.test(m.text())) hydration.push(m.text());
  });
  const brand = await signUpBrand(page, "Tokyo Time Co");
  await connectStore(page, brand.slug, "JPY", "Asia/Tokyo");

  await page.goto(`/brand/${brand.slug}/campaigns/new`);
  const zone = page.getByLabel("Time zone");
  await expect(zone).toHaveValue("Asia/Tokyo");
  await expect(page.getByText("Your store's time zone in Shopify.")).toBeVisible();
  // The start is prefilled with Tokyo's wall clock now (the browser is in Madrid: 7 or 8 hours behind).
  const starts = await page.getByLabel("Starts").inputValue();
  const tokyoNow = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Tokyo", dateStyle: "short", timeStyle: "short" }).format(new Date()).replace(" ", "T");
  const minutesApart = Math.abs(Date.parse(`${starts}:00Z`) - Date.parse(`${tokyoNow}:00Z`)) / 60_000;
  expect(minutesApart).toBeLessThan(60);
  await screenshot(page, "time-zones-new-campaign");

  // Madrid's clocks skip 02:00–03:00 on 28 March 2027: refused, on the field, in words.
  await page.getByLabel("Campaign name").fill("Spring in Madrid");
  await zone.selectOption("Europe/Madrid");
  await page.getByLabel("Starts").fill("2027-03-28T02:30");
  await page.getByLabel("Ends").fill("2027-04-30T23:59");
  await page.getByRole("button", { name: "Create campaign" }).click();
  await expect(page.locator("#field-starts_at-error")).toContainText("2027-03-28 02:30 does not exist in Europe/Madrid");

  await page.getByLabel("Starts").fill("2027-03-28T09:00");
  await page.getByRole("button", { name: "Create campaign" }).click();
  await expect(page).toHaveURL(/\/campaigns\/cmp_/);
  // Shown in the campaign's zone, labelled: CET before the change, CEST after.
  await expect(page.getByTestId("campaign-dates")).toHaveText("Mar 28, 2027, 9:00 AM CEST – Apr 30, 2027, 11:59 PM CEST");
  await page.goto(`/brand/${brand.slug}/campaigns`);
  await expect(page.getByTestId("campaigns")).toContainText("Mar 28, 2027, 9:00 AM CEST");
  expect(hydration).toEqual([]);
});
