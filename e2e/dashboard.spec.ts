import { readFileSync } from "node:fs";
import { expect, test as base, type Page } from "@playwright/test";
import postgres from "postgres";
import { seedCampaign } from "../test/dashboard-seed";
import { signUpBrand, uniq } from "./helpers";

/**
 * The campaign dashboard with 500 creators and 4,000 orders. The brand and its campaign are made
 * once per worker (a worker fixture with its own budget), and each test checks one thing on them,
 * signed in with the brand's saved session — so no single test carries the seed and every check.
 */
type Seeded = { slug: string; prefix: string; campaignUrl: string; storageState: Awaited<ReturnType<import("@playwright/test").BrowserContext["storageState"]>> };

const test = base.extend<{ hydrationErrors: string[] }, { seeded: Seeded }>({
  seeded: [
    async ({ browser }, provide, workerInfo) => {
      const url = process.env.E2E_DATABASE_URL;
      if (!url) throw new Error("This suite seeds a 500-creator campaign with SQL: run it with E2E_DATABASE_URL (npm test does).");
      // A worker-scoped context does not get the config's `use` options: pass the base URL.
      const context = await browser.newContext({ baseURL: workerInfo.project.use.baseURL });
      const page = await context.newPage();
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
      const storageState = await context.storageState();
      await context.close();
      await provide({ slug: brand.slug, prefix, campaignUrl: `/brand/${brand.slug}/campaigns/cmp_${prefix}`, storageState });
    },
    { scope: "worker", timeout: 240_000 },
  ],
  storageState: async ({ seeded }, provide) => provide(seeded.storageState),
  // Every test also fails on a hydration mismatch logged by the page.
  hydrationErrors: [
    async ({ page }, provide) => {
      const errors: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error" && /hydrat/i.test(m.text())) errors.push(m.text());
      });
      await provide(errors);
      expect(errors).toEqual([]);
    },
    { auto: true },
  ],
});

// One worker seeds once and runs these in order (a failure restarts the worker for the rest).
test.describe.configure({ mode: "default" });

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
  return page.getByTestId("creator-row").evaluateAll((rows, i) => rows.map((r) => Number(r.children[i]!.textContent!.replace(/[^0-9.-]/g, ""))), index);
}

/** Opens the campaign dashboard at desktop width and waits for its tiles and roster. */
async function openDashboard(page: Page, seeded: Seeded, query = "") {
  await page.setViewportSize({ width: 1280, height: 1500 });
  await page.goto(`${seeded.campaignUrl}${query}`);
  await expect(page.getByTestId("kpi-orders")).not.toHaveText("");
  await expect(page.getByTestId("creator-row").first()).toBeVisible();
}

test("the dashboard shows the campaign's tiles, chart and first page of 500 creators", async ({ page, seeded }) => {
  await openDashboard(page, seeded);
  await expect(page.getByTestId("campaign-kpis")).toBeVisible();
  await expect(page.getByTestId("kpi-orders")).toHaveText("4,000");
  await expect(page.getByTestId("results-chart").getByRole("application")).toBeVisible();
  await expect(page.getByTestId("results-chart").locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expect(page.getByTestId("results-chart")).toContainText("Start");
  await expect(page.getByTestId("creator-count")).toHaveText("500 creators");
  await expect(page.getByTestId("creator-row")).toHaveCount(50);
  await screenshot(page, "dashboard-campaign");
});

test("an open dashboard polls only the figures' version while nothing changes", async ({ page, seeded }) => {
  const figures: string[] = [];
  const polls: number[] = [];
  page.on("response", (res) => {
    const path = new URL(res.url()).pathname;
    if (path.endsWith("/dashboard/version")) polls.push(res.status());
    else if (path.endsWith("/dashboard")) figures.push(res.url());
  });
  await openDashboard(page, seeded);
  // Three polls answered "unchanged" (304) or with the same version, and not one fetch of the figures.
  await expect.poll(() => polls.length).toBeGreaterThanOrEqual(3);
  expect(polls.every((s) => s === 304 || s === 200)).toBe(true);
  expect(figures).toEqual([]);
});

test("all 500 rows fit on one page", async ({ page, seeded }) => {
  await openDashboard(page, seeded);
  await page.getByLabel("Rows per page").selectOption("500");
  await expect(page.getByTestId("creator-page")).toHaveText("1–500 of 500");
  await expect(page.getByTestId("creator-row")).toHaveCount(500);
});

test("the roster sorts by orders, most first and then fewest first, across all 500 creators", async ({ page, seeded }) => {
  await openDashboard(page, seeded);
  const ordersHeader = page.getByRole("columnheader", { name: /^Orders/ });
  await page.getByRole("button", { name: /^Orders/ }).click();
  await expect(ordersHeader).toHaveAttribute("aria-sort", "descending");
  const most = await columnNumbers(page, 2);
  expect(most).toHaveLength(50);
  expect(most).toEqual([...most].sort((a, b) => b - a));
  await page.getByRole("button", { name: /^Orders/ }).click();
  await expect(ordersHeader).toHaveAttribute("aria-sort", "ascending");
  const fewest = await columnNumbers(page, 2);
  expect(fewest).toEqual([...fewest].sort((a, b) => a - b));
  // The pages come from the whole roster: the fewest-first page lies entirely below the most-first one.
  expect(Math.max(...fewest)).toBeLessThan(Math.min(...most));
  await page.getByRole("button", { name: /^Refund rate/ }).click();
  await expect(page.getByRole("columnheader", { name: /Refund rate/ })).toHaveAttribute("aria-sort", "descending");
});

test("the table's page, sort and size are in the URL: a reload shows the same rows", async ({ page, seeded }) => {
  await openDashboard(page, seeded);
  await page.getByRole("button", { name: /^Orders/ }).click();
  await expect(page.getByRole("columnheader", { name: /^Orders/ })).toHaveAttribute("aria-sort", "descending");
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await expect(page.getByTestId("creator-page")).toHaveText("51–100 of 500");
  await expect(page).toHaveURL(/sort=orders&dir=desc&page=2/);
  const names = await page.getByTestId("creator-row").getByRole("link").allTextContents();
  expect(names).toHaveLength(50);
  await page.reload();
  await expect(page.getByTestId("creator-page")).toHaveText("51–100 of 500");
  await expect(page.getByRole("columnheader", { name: /^Orders/ })).toHaveAttribute("aria-sort", "descending");
  expect(await page.getByTestId("creator-row").getByRole("link").allTextContents()).toEqual(names);
});

test("the roster filter matches handle and code, case-insensitively, and says when nothing matches", async ({ page, seeded }) => {
  await openDashboard(page, seeded);
  const filter = page.getByLabel("Filter by name, handle or code");
  await filter.fill(`CREATOR12${seeded.prefix.toUpperCase()}`);
  await expect(page.getByTestId("creator-row")).toHaveCount(1);
  await filter.fill(`${seeded.prefix}-37`.toLowerCase());
  await expect(page.getByTestId("creator-count")).toHaveText("11 of 500 creators"); // 37, 370–379
  await filter.fill("no such creator");
  await expect(page.getByText("No creator matches")).toBeVisible();
});

test("campaign-to-date CSVs (per creator and per order) add up to the tiles", async ({ page, seeded }) => {
  await openDashboard(page, seeded);
  await expect(page.getByTestId("kpi-orders")).toHaveText("4,000");
  const tileCommission = cents((await page.getByTestId("kpi-net-commission").textContent())!);
  const tileNet = cents((await page.getByTestId("kpi-net-sales").textContent())!);
  const payouts = sumColumn(await download(page, "export-payouts"), "net_commission", true);
  expect(payouts.rows).toBe(500);
  expect(payouts.sum).toBe(tileCommission);
  expect(payouts.total).toBe(tileCommission);
  const perOrder = await download(page, "export-orders");
  expect(sumColumn(perOrder, "net_commission", false)).toMatchObject({ sum: tileCommission, rows: 4000 });
  expect(sumColumn(perOrder, "net_sales", false).sum).toBe(tileNet);
});

test("a large export shows its progress and can be cancelled", async ({ page, seeded }) => {
  await openDashboard(page, seeded);
  // Hold the export's response: while it has not arrived, the button is a progress bar.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route("**/export/orders?**", async (route) => {
    await held;
    await route.continue();
  });
  await page.getByTestId("export-orders").click();
  const progress = page.getByTestId("export-orders-progress");
  await expect(progress.getByRole("progressbar", { name: "Orders CSV progress" })).toBeVisible();
  await expect(progress).toContainText("of about 4,000 orders");
  await screenshot(page, "dashboard-export-progress");
  await progress.getByRole("button", { name: "Cancel", exact: true }).click();
  await expect(page.getByTestId("export-orders")).toBeVisible();
  // Started again and let through, it saves the whole file.
  release();
  const csv = await download(page, "export-orders");
  expect(csv.trim().split("\r\n")).toHaveLength(4001);
});

test("the last 7 days: fewer orders, the range in the URL, and the CSV follows it", async ({ page, seeded }) => {
  await openDashboard(page, seeded);
  await page.getByRole("button", { name: "Last 7 days" }).click();
  await expect(page).toHaveURL(/range=7d/);
  await expect(async () => expect(Number((await page.getByTestId("kpi-orders").textContent())!.replace(/,/g, ""))).toBeLessThan(4000)).toPass();
  const weekCommission = cents((await page.getByTestId("kpi-net-commission").textContent())!);
  expect(sumColumn(await download(page, "export-payouts"), "net_commission", true).total).toBe(weekCommission);
});

test("a custom range that ends before it starts is refused in the page", async ({ page, seeded }) => {
  await openDashboard(page, seeded);
  await page.getByRole("button", { name: "Custom" }).click();
  await page.getByLabel("From", { exact: true }).fill("2026-01-10");
  await page.getByLabel("To", { exact: true }).fill("2026-01-01");
  await page.getByRole("button", { name: "Apply", exact: true }).click();
  await expect(page.getByRole("form", { name: "Custom range" }).getByRole("alert")).toContainText("start on or before");
  await screenshot(page, "dashboard-custom-range");
});

test("a roster row opens that creator's conversions", async ({ page, seeded }) => {
  await openDashboard(page, seeded);
  const first = page.getByTestId("creator-row").first().getByRole("link");
  const name = (await first.textContent())!;
  await first.click();
  await expect(page).toHaveURL(/\/conversions\?campaign=.*&creator=/);
  await expect(page.locator("main")).toContainText(name.split(" ")[0]!);
});

test("the overview lists the campaign and its top ten creators", async ({ page, seeded }) => {
  await page.setViewportSize({ width: 1280, height: 1500 });
  await page.goto(`/brand/${seeded.slug}`);
  await expect(page.getByTestId("overview-campaigns")).toContainText(`Spring launch ${seeded.prefix}`);
  await expect(page.getByTestId("top-creators").locator("li")).toHaveCount(10);
  await screenshot(page, "dashboard-overview");
});

test("at phone width the chart and roster render", async ({ page, seeded }) => {
  await page.setViewportSize({ width: 375, height: 1400 });
  await page.goto(seeded.campaignUrl);
  await expect(page.getByTestId("results-chart").locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expect(page.getByTestId("creator-row").first()).toBeVisible();
  await screenshot(page, "dashboard-campaign-phone");
});
