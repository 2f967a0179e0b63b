import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test as base, type Browser, type BrowserContext } from "@playwright/test";
import { readFileSync } from "node:fs";
import { connectStore, createCampaign, inviteCreator, PASSWORD, signIn, signOut, signUpBrand } from "./helpers";

/**
 * The two-tenant leak suite. Every brand page, brand JSON route and API v1 route is enumerated from
 * the app folder, so a new route is covered the day it is added. A route with a dynamic segment
 * other than [workspace] needs an entry in `tenantParams` (the id of tenant B's object), or this
 * suite fails and says which one is missing.
 */
function files(dir: string, name: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (entry.startsWith("[...")) return []; // catch-alls answer 404 for paths no route has
    if (statSync(full).isDirectory()) return files(full, name);
    return entry === name ? [full] : [];
  });
}

function urlsFor(dir: string, fileName: string, params: Record<string, string>): string[] {
  const root = path.resolve("app");
  return files(path.resolve(dir), fileName).map((file) => {
    const segments = path
      .relative(root, path.dirname(file))
      .split(path.sep)
      .filter((s) => !/^\(.*\)$/.test(s)) // route groups are not in the URL
      .map((s, i, all) => {
        const m = /^\[(.+)\]$/.exec(s);
        if (!m) return s;
        // A generic name like [id] is looked up by its parent first ("payouts.id"), then by itself.
        const value = params[`${all[i - 1]}.${m[1]}`] ?? params[m[1]!];
        if (!value) throw new Error(`tenant-leaks: no id for route parameter [${m[1]}] in ${file}; add it to tenantParams.`);
        return value;
      });
    return `/${segments.join("/")}`;
  });
}

type Tenant = {
  slug: string;
  email: string;
  brandName: string;
  apiKey: string;
  creatorId: string;
  campaignId: string;
  orderId: string;
  payoutId: string;
  payoutItemId: string;
  webhookEndpointId: string;
  payoutRunId: string;
  reviewRunId: string;
};

async function makeTenant(browser: Browser, baseURL?: string): Promise<Tenant & { close: () => Promise<void> }> {
  const ctx = await browser.newContext({ baseURL });
  const page = await ctx.newPage();
  const brand = await signUpBrand(page);
  await inviteCreator(page, brand.slug);
  await page.goto(`/brand/${brand.slug}/developers`);
  await page.getByLabel("Key name").fill("leak test");
  await page.getByRole("button", { name: "Create key" }).click();
  const apiKey = (await page.getByTestId("new-api-key").textContent())!;
  const list = await page.request.get("/api/v1/creators", { headers: { authorization: `Bearer ${apiKey}` } });
  const creatorId = ((await list.json()) as { data: { id: string }[] }).data[0]!.id;
  const store = await connectStore(page, brand.slug);
  const campaign = await createCampaign(page, brand.slug);
  const creators = await page.request.get(`/api/v1/creators/${creatorId}`, { headers: { authorization: `Bearer ${apiKey}` } });
  const email = ((await creators.json()) as { data: { email: string } }).data.email;
  const added = await page.request.post(`/api/v1/campaigns/${campaign.id}/creators`, {
    headers: { authorization: `Bearer ${apiKey}` },
    data: { creators: [{ email, full_name: "Leak Test Creator" }] },
  });
  expect(added.ok()).toBe(true);
  const code = ((await added.json()) as { data: { code: string }[] }).data[0]!.code;
  // An attributed order, through the simulated store's webhooks, once the code is live.
  await expect
    .poll(async () => {
      const roster = await page.request.get(`/api/v1/campaigns/${campaign.id}/creators`, { headers: { authorization: `Bearer ${apiKey}` } });
      return ((await roster.json()) as { data: { code_status: string }[] }).data[0]?.code_status;
    }, { timeout: 30_000 })
    .toBe("active");
  await store.sim.placeOrder(store.domain, { line_items: [{ title: "Leak Test", price: "25.00" }], discount_codes: [code], email: "buyer@example.com" });
  let orderId = "";
  await expect
    .poll(async () => {
      await page.goto(`/brand/${brand.slug}/orders`);
      orderId = (await page.getByTestId("orders").locator("a").first().getAttribute("href", { timeout: 1_000 }).catch(() => null))?.split("/").pop() ?? "";
      return orderId;
    }, { timeout: 30_000 })
    .toMatch(/^ord_/);
  // A payout of that order's commission (no return window), so payout pages and routes have a real id.
  const auth = { authorization: `Bearer ${apiKey}` };
  expect((await page.request.patch("/api/v1/settings", { headers: auth, data: { payout_hold_days: 0 } })).ok()).toBe(true);
  let payout: { id: string; items: { id: string }[] } | undefined;
  await expect
    .poll(async () => {
      const res = await page.request.post("/api/v1/payouts", { headers: auth, data: { currency: "USD" } });
      if (res.status() === 201) payout = ((await res.json()) as { data: typeof payout }).data;
      return res.status();
    }, { timeout: 30_000 })
    .toBe(201);
  // A payout run started in the portal (its progress route has a run id): with P-0001 paid, nothing is left to pay, so it ends at once.
  expect((await page.request.post(`/api/v1/payouts/${payout!.id}/paid`, { headers: auth, data: { reference: "LEAK-TEST" } })).ok()).toBe(true);
  await page.goto(`/brand/${brand.slug}/payouts`);
  await page.getByRole("form", { name: "New payout" }).getByRole("button", { name: "Create payout" }).click();
  const run = page.getByTestId("payout-run");
  await expect(run.getByText("Nothing to pay in USD")).toBeVisible({ timeout: 30_000 });
  const payoutRunId = (await run.getAttribute("data-run-id"))!;
  // A bulk review of the conversions page (approving the approved order changes nothing, but is a run with an id).
  await page.goto(`/brand/${brand.slug}/conversions`);
  await page.getByLabel("Select every conversion on this page").check();
  await page.getByRole("button", { name: "Approve 1" }).click();
  const reviewRunId = (await page.getByTestId("review-summary").getAttribute("data-run-id"))!;
  expect(reviewRunId).toMatch(/^rvw_/);
  // A webhook endpoint (the allowed private origin of playwright.config.ts: it need not answer).
  const endpoint = await page.request.post("/api/v1/webhook-endpoints", { headers: auth, data: { url: `${process.env.E2E_RECEIVER_ORIGIN}/leak-test` } });
  expect(endpoint.status()).toBe(201);
  const webhookEndpointId = ((await endpoint.json()) as { data: { id: string } }).data.id;
  return { ...brand, apiKey, creatorId, campaignId: campaign.id, orderId, payoutId: payout!.id, payoutItemId: payout!.items[0]!.id, webhookEndpointId, payoutRunId, reviewRunId, close: () => ctx.close() };
}

/**
 * Two tenants with stores, campaigns and attributed orders, made once per worker (a worker fixture
 * with its own budget), and A's signed-in session; each test below then checks one kind of route.
 */
type Tenants = { a: Tenant; b: Tenant; storageState: Awaited<ReturnType<BrowserContext["storageState"]>> };

const test = base.extend<object, { tenants: Tenants }>({
  tenants: [
    async ({ browser }, provide, workerInfo) => {
      // A worker-scoped context does not get the config's `use` options: pass the base URL.
      const baseURL = workerInfo.project.use.baseURL;
      const a = await makeTenant(browser, baseURL);
      const b = await makeTenant(browser, baseURL);
      await Promise.all([a.close(), b.close()]);
      const ctx = await browser.newContext({ baseURL });
      const page = await ctx.newPage();
      await signIn(page, a.email, PASSWORD);
      await expect(page).toHaveURL(new RegExp(`/brand/${a.slug}$`));
      const storageState = await ctx.storageState();
      await ctx.close();
      await provide({ a, b, storageState });
    },
    { scope: "worker", timeout: 300_000 },
  ],
});

const tenantParams = (t: Tenant) => ({
  workspace: t.slug,
  creator_id: t.creatorId,
  campaign_id: t.campaignId,
  id: t.campaignId,
  "payouts.id": t.payoutId,
  "webhook-endpoints.id": t.webhookEndpointId,
  endpoint_id: t.webhookEndpointId,
  payout_id: t.payoutId,
  item_id: t.payoutItemId,
  run_id: t.payoutRunId,
  order_id: t.orderId,
  "reviews.run_id": t.reviewRunId,
  // API v1 GET /conversions/reviews/{id}: the bulk review run of the portal.
  "reviews.id": t.reviewRunId,
});

test.describe("workspace A sees nothing of workspace B", () => {
  // One worker makes the two tenants once and runs these in order (a failure restarts the worker).
  test.describe.configure({ mode: "default" });
  test.use({ storageState: async ({ tenants }, provide) => provide(tenants.storageState) });

  test("every brand page of A is 200 for A (the pages the next test expects to be 404 for B's)", async ({ page, tenants: { a } }) => {
    const ownPages = urlsFor("app/brand", "page.tsx", tenantParams(a));
    expect(ownPages.length).toBeGreaterThanOrEqual(5);
    for (const url of ownPages) {
      const own = await page.request.get(url, { maxRedirects: 0 });
      expect(own.status(), `own ${url}`).toBe(200);
    }
  });

  test("every brand page of B is HTTP 404 for A and names nothing of B", async ({ page, tenants: { b } }) => {
    const brandPages = urlsFor("app/brand", "page.tsx", tenantParams(b));
    expect(brandPages.length).toBeGreaterThanOrEqual(5);
    for (const url of brandPages) {
      const res = await page.request.get(url, { maxRedirects: 0 });
      expect(res.status(), url).toBe(404);
      expect(await res.text(), url).not.toContain(b.brandName);
    }
  });

  test("in A's own workspace, B's records and missing records are HTTP 404 with the not-found screen", async ({ page, tenants: { a, b } }) => {
    // Never a 200 page that says "not found".
    const foreignInOwn = urlsFor("app/brand", "page.tsx", { ...tenantParams(b), workspace: a.slug }).filter((u) => u.split("/").length > 4 && /\/(cmp|ord|cre|po|we)_/.test(u));
    expect(foreignInOwn.length).toBeGreaterThanOrEqual(2);
    const missingInOwn = urlsFor("app/brand", "page.tsx", { workspace: a.slug, creator_id: "cre_00000000000000000000000000", campaign_id: "cmp_00000000000000000000000000", id: "cmp_00000000000000000000000000", order_id: "ord_00000000000000000000000000", payout_id: "po_00000000000000000000000000", endpoint_id: "we_00000000000000000000000000" }).filter((u) => /\/(cmp|ord|cre|po|we)_/.test(u));
    for (const url of [
      ...foreignInOwn,
      ...missingInOwn,
      `/brand/${a.slug}/conversions?creator=${b.creatorId}`,
      `/brand/${a.slug}/conversions?campaign=${b.campaignId}`,
      `/brand/${a.slug}/conversions?campaign=cmp_00000000000000000000000000`,
    ]) {
      const res = await page.request.get(url, { maxRedirects: 0 });
      expect(res.status(), url).toBe(404);
      const body = await res.text();
      expect(body, url).toContain("Page not found");
      expect(body, url).not.toContain(b.brandName);
    }
  });

  test("B's brand page, opened in A's browser, renders the not-found screen", async ({ page, tenants: { b } }) => {
    await page.goto(`/brand/${b.slug}/creators`);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page.locator("body")).not.toContainText(b.brandName);
  });

  test("every brand JSON route of B is 404 for A", async ({ page, tenants: { a, b } }) => {
    let brandRoutes: string[] = [];
    try {
      brandRoutes = urlsFor("app/api/brand", "route.ts", tenantParams(b));
    } catch (error) {
      if (!String(error).includes("ENOENT")) throw error;
    }
    for (const url of brandRoutes) {
      const res = await page.request.get(url);
      expect(res.status(), url).toBe(404);
    }
    // In A's own workspace, B's review run (and a missing one) is 404 too; A's own is 200.
    for (const id of [b.reviewRunId, "rvw_00000000000000000000000000"]) expect((await page.request.get(`/api/brand/${a.slug}/reviews/${id}`)).status(), id).toBe(404);
    expect((await page.request.get(`/api/brand/${a.slug}/reviews/${a.reviewRunId}`)).status()).toBe(200);
  });

  test("every method of every API v1 route: with A's key, B's resources do not exist", async ({ page, tenants: { a, b } }) => {
    const apiFiles = files(path.resolve("app/api/v1"), "route.ts").filter((f) => !f.includes("openapi.json"));
    const apiRoutes = urlsFor("app/api/v1", "route.ts", tenantParams(b)).filter((u) => !u.endsWith("openapi.json"));
    expect(apiRoutes.length).toBeGreaterThan(0);
    const bodies: Record<string, unknown> = {
      PATCH: { name: "Renamed by A" },
      POST: { creators: [{ email: "intruder@example.com", full_name: "Intruder" }] },
    };
    for (const [i, url] of apiRoutes.entries()) {
      const methods = [...readFileSync(apiFiles[i]!, "utf8").matchAll(/export const (GET|POST|PATCH|PUT|DELETE)\b/g)].map((m) => m[1]!);
      const foreign = [b.creatorId, b.campaignId, b.payoutId, b.payoutItemId, b.webhookEndpointId, b.reviewRunId].some((id) => url.includes(id));
      for (const method of methods) {
        if (!foreign && method !== "GET") continue; // collection writes act on A's own workspace
        const res = await page.request.fetch(url, { method, headers: { authorization: `Bearer ${a.apiKey}` }, data: bodies[method] });
        if (foreign) {
          expect(res.status(), `${method} ${url}`).toBe(404);
          expect(await res.json()).toMatchObject({ error: { code: "not_found" } });
        } else {
          expect(res.status(), `${method} ${url}`).toBe(200);
          const text = JSON.stringify(await res.json());
          expect(text).not.toContain(b.creatorId);
          expect(text).not.toContain(b.campaignId);
          expect(text).not.toContain(b.payoutId);
          expect(text).not.toContain(b.webhookEndpointId);
        }
      }
    }
  });
});

test("a creator cannot open brand pages, not even of the brand they work with", async ({ page, browser }) => {
  const brand = await signUpBrand(page);
  const invite = await inviteCreator(page, brand.slug);
  const ctx = await browser.newContext();
  const creator = await ctx.newPage();
  await creator.goto(invite.link);
  await creator.getByLabel("Your name").fill("Leaky Creator");
  await creator.getByLabel("Choose a password").fill(PASSWORD);
  await creator.getByRole("button", { name: "Accept invitation" }).click();
  await expect(creator).toHaveURL(/\/creator$/);
  for (const url of urlsFor("app/brand", "page.tsx", { workspace: brand.slug, campaign_id: "cmp_00000000000000000000000000", order_id: "ord_00000000000000000000000000", payout_id: "po_00000000000000000000000000", endpoint_id: "we_00000000000000000000000000" })) {
    const res = await creator.request.get(url, { maxRedirects: 0 });
    expect(res.status(), url).toBe(404);
  }
  // And a brand member without a creator profile cannot open the creator portal.
  const res = await page.request.get("/creator", { maxRedirects: 0 });
  expect(res.status()).toBe(404);
  await ctx.close();
});

test("signed-out visitors are sent to sign-in and come back where they were going", async ({ page }) => {
  const brand = await signUpBrand(page);
  await signOut(page);
  await page.goto(`/brand/${brand.slug}/team`);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await page.getByLabel("Email").fill(brand.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`/brand/${brand.slug}/team$`));
});
