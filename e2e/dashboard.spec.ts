import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import postgres from "postgres";
import { seedCampaign } from "../scripts/bench/dashboard-seed";
import { signUpBrand, uniq } from "./helpers";

/** The top of the page (the roster of 500 below it would make a full-page shot unreadable). */
const screenshot = (page: Page, name: string) => page.screenshot({ path: `e2e/screenshots/${name}.png` });

/** "$1,234.56" → 123456 */
const cents = (text: string) => Math.round(Number(text.replace(/[^0-9.-]/g, "")) * 100);
const sumColumn = (csv: string, column: string, skipTotal: boolean) => {
  const lines = csv.trim().split("\r\n").map((l) => l.split(","));
  const i = lines[0]!.indexOf(column);
  const body = lines.slice(1, skipTotal ? -1 : undefined);
  return { sum: body.reduce((s, l) => s + cents(l[i]!), 0), rows: body.length, total: skipTotal ? cents(lines.at(-1)![i]!) : null };
};

async function download(page: Page, testId: string) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testId).click()]);
  return readFileSync((await file.path())!, "utf8");
}

async function columnNumbers(page: Page, index: number) {
  return page.getByTestId("creator-row").evaluateAll((rows, i) => rows.map((r) => Number((r.children[i] as HTMLElement).innerText.replace(/[^0-9.-]/g, ""))), index);
}

test("campaign dashboard: 500 creators, chart, sorting, filtering, ranges, and CSVs that add up to the tiles", async ({ page }) => {
  test.setTimeout(120_000);
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error("This test seeds a 500-creator campaign with SQL: run it with E2E_DATABASE_URL (npm test does).");
  const hydrationErrors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && /hydrat/i.test(m.text())) hydrationErrors.push(m.text());
  });
  const brand = await signUpBrand(page, `Dashboard ${uniq()}`);
  const sql = postgres(url, { onnotice: () => {}, max: 1 });
  const prefix = `e2e${uniq()}`;
  try {
    const [ws] = await sql<{ id: string }[]>`select id from workspaces where slug = ${brand.slug}`;
    // 500 creators, 4,000 orders over 60 days, ~10 % refunded — through the ledger trigger.
    await seedCampaign(sql, { workspaceId: ws!.id, prefix, creators: 500, orders: 4000, days: 60, trigger: true });
  } finally {
    await sql.end();
  }

  await page.setViewportSize({ width: 1280, height: 1500 });
  await page.goto(`/brand/${brand.slug}/campaigns/cmp_${prefix}`);
  const kpis = page.getByTestId("campaign-kpis");
  await expect(kpis).toBeVisible();
  await expect(page.getByTestId("kpi-orders")).toHaveText("4,000");
  await expect(page.getByTestId("results-chart").getByRole("application")).toBeVisible();
  await expect(page.getByTestId("results-chart").locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expect(page.getByTestId("results-chart")).toContainText("Start");
  await expect(page.getByTestId("creator-count")).toHaveText("500 creators");
  await expect(page.getByTestId("creator-row")).toHaveCount(50);
  await screenshot(page, "dashboard-campaign");

  // All 500 rows on one page.
  await page.getByLabel("Rows per page").selectOption("500");
  await expect(page.getByTestId("creator-row")).toHaveCount(500);
  await expect(page.getByTestId("creator-page")).toHaveText("1–500 of 500");

  // Sorting: by orders (descending first, then ascending), by name.
  await page.getByRole("button", { name: /^Orders/ }).click();
  let orders = await columnNumbers(page, 2);
  expect(orders).toEqual([...orders].sort((a, b) => b - a));
  expect(orders[0]).toBeGreaterThan(orders.at(-1)!);
  await page.getByRole("button", { name: /^Orders/ }).click();
  orders = await columnNumbers(page, 2);
  expect(orders).toEqual([...orders].sort((a, b) => a - b));
  await page.getByRole("button", { name: /^Refund rate/ }).click();
  await expect(page.getByRole("columnheader", { name: /Refund rate/ })).toHaveAttribute("aria-sort", "descending");

  // Filtering: case-insensitive on handle and code.
  await page.getByLabel("Filter by name, handle or code").fill(`CREATOR12${prefix.toUpperCase()}`);
  await expect(page.getByTestId("creator-row")).toHaveCount(1);
  await page.getByLabel("Filter by name, handle or code").fill(`${prefix}-37`.toLowerCase());
  await expect(page.getByTestId("creator-count")).toHaveText("11 of 500 creators"); // 37, 370–379
  await page.getByLabel("Filter by name, handle or code").fill("no such creator");
  await expect(page.getByText("No creator matches")).toBeVisible();
  await page.getByLabel("Filter by name, handle or code").fill("");

  // CSVs for campaign to date: totals equal the tiles.
  const tileCommission = cents((await page.getByTestId("kpi-net-commission").textContent())!);
  const tileNet = cents((await page.getByTestId("kpi-net-sales").textContent())!);
  const payouts = sumColumn(await download(page, "export-payouts"), "net_commission", true);
  expect(payouts.rows).toBe(500);
  expect(payouts.sum).toBe(tileCommission);
  expect(payouts.total).toBe(tileCommission);
  const perOrder = await download(page, "export-orders");
  expect(sumColumn(perOrder, "net_commission", false)).toMatchObject({ sum: tileCommission, rows: 4000 });
  expect(sumColumn(perOrder, "net_sales", false).sum).toBe(tileNet);

  // Ranges: last 7 days has fewer orders; the URL keeps the range; the CSV follows it.
  await page.getByRole("button", { name: "Last 7 days" }).click();
  await expect(page).toHaveURL(/range=7d/);
  await expect(async () => expect(Number((await page.getByTestId("kpi-orders").textContent())!.replace(/,/g, ""))).toBeLessThan(4000)).toPass();
  const weekCommission = cents((await page.getByTestId("kpi-net-commission").textContent())!);
  expect(sumColumn(await download(page, "export-payouts"), "net_commission", true).total).toBe(weekCommission);

  // A custom range: a bad one is refused in the page, a good one applies.
  await page.getByRole("button", { name: "Custom" }).click();
  await page.getByLabel("From", { exact: true }).fill("2026-01-10");
  await page.getByLabel("To", { exact: true }).fill("2026-01-01");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("form", { name: "Custom range" }).getByRole("alert")).toContainText("start on or before");
  await screenshot(page, "dashboard-custom-range");

  // Each row opens the creator's conversions.
  await page.getByRole("button", { name: "Campaign to date" }).click();
  const first = page.getByTestId("creator-row").first().getByRole("link");
  const name = (await first.textContent())!;
  await first.click();
  await expect(page).toHaveURL(/\/conversions\?campaign=.*&creator=/);
  await expect(page.locator("main")).toContainText(name.split(" ")[0]!);

  // The overview lists the campaign with the same commission; phone width.
  await page.goto(`/brand/${brand.slug}`);
  await expect(page.getByTestId("overview-campaigns")).toContainText(`Spring launch ${prefix}`);
  await expect(page.getByTestId("top-creators").locator("li")).toHaveCount(10);
  await screenshot(page, "dashboard-overview");
  await page.setViewportSize({ width: 375, height: 1400 });
  await page.goto(`/brand/${brand.slug}/campaigns/cmp_${prefix}`);
  await expect(page.getByTestId("results-chart").locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expect(page.getByTestId("creator-row").first()).toBeVisible();
  await screenshot(page, "dashboard-campaign-phone");
  expect(hydrationErrors).toEqual([]);
});
