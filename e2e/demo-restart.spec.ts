import { spawn, execFile, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { DEMO_BRAND } from "@/lib/demo/demo-accounts";
import { SimulatorClient } from "@/lib/demo/simulator-client";
import { signIn, screenshot } from "./helpers";

const run = promisify(execFile);

/**
 * The demo after a restart (issue 19): `npm run dev` runs the Shopify simulator with a state file,
 * so the demo's creator codes still work at the simulator's checkout after it restarts. This test
 * starts its own simulator with a state file (its own port; webhooks to the app under test), seeds
 * the demo through the real path (`npm run tally -- demo:seed`: Tally pushes the codes to the store,
 * orders come back as webhooks), stops the simulator, starts it again from the same file, and checks
 * out in Chromium with a demo code: the discount is applied and Tally credits the order.
 */
const databaseUrl = process.env.E2E_DATABASE_URL;
const simPort = Number(process.env.E2E_DEMO_SIM_PORT ?? Number(process.env.E2E_SIM_PORT ?? 4456) + 1000);
const simOrigin = `http://127.0.0.1:${simPort}`;

async function answers(url: string) {
  return fetch(url).then((r) => r.ok, () => false);
}

function startSimulator(stateFile: string, appUrl: string): ChildProcess {
  const child = spawn(
    "node_modules/.bin/tsx",
    ["packages/shopify-simulator/src/cli.ts", "--port", String(simPort), "--app-url", appUrl, "--secret", "shpss_e2e_secret", "--api-key", "tally-e2e-client-id", "--state-file", stateFile, "--quiet"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stdout?.resume();
  child.stderr?.resume();
  return child;
}

async function stopSimulator(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM"); // the simulator saves its store on exit
  await exited;
}

test("the demo's codes still work at the simulator's checkout after the simulator restarts", async ({ page, baseURL }) => {
  // Seeding the demo through webhooks and two simulator starts: a budget, not a timing assertion.
  test.setTimeout(300_000);
  if (!databaseUrl) throw new Error("e2e/demo-restart.spec.ts seeds the demo into the e2e server's database: run it with E2E_DATABASE_URL (npm test does).");
  const dir = await mkdtemp(join(tmpdir(), "tally-demo-restart-"));
  const stateFile = join(dir, "shopify-simulator.json");
  let sim = startSimulator(stateFile, baseURL!);
  try {
    await expect.poll(() => answers(`${simOrigin}/_sim/shops`), { timeout: 60_000 }).toBe(true);

    // The demo, seeded as `npm run dev` does it, against this simulator and the app under test.
    const seeded = await run("node_modules/.bin/tsx", ["scripts/tally.ts", "demo:seed", "--creators", "3", "--orders", "2", "--no-banner"], {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        APP_URL: baseURL!,
        SHOPIFY_ADMIN_ORIGIN: simOrigin,
        SHOPIFY_API_KEY: "tally-e2e-client-id",
        SHOPIFY_API_SECRET: "shpss_e2e_secret",
        AUTH_SECRET: "e2e-auth-secret-0123456789abcdef0123",
        ENCRYPTION_KEY: Buffer.alloc(32, 9).toString("base64"),
        TALLY_DATA_DIR: join(dir, "data"),
      },
      maxBuffer: 10 * 1024 * 1024,
    });
    // The CLI's answer is the JSON object at the end of stdout (the app's log lines, e.g. invitation emails, come before it).
    const result = JSON.parse(seeded.stdout.slice(seeded.stdout.search(/^\{/m))) as { shop: string; seeded: boolean; orders_placed: number; orders_recorded: number };
    // The demo is seeded once per database (as `npm run dev` does): this needs the fresh e2e database `npm test` makes.
    expect(result.seeded, "the demo was already seeded in E2E_DATABASE_URL: run with a fresh database (npm test makes one)").toBe(true);
    const shop = result.shop;
    expect(shop).toMatch(/\.myshopify\.com$/);
    expect(result.orders_recorded).toBe(result.orders_placed);
    const client = new SimulatorClient(simOrigin);
    const before = (await client.discounts(shop)).discounts;
    const camila = before.map((d) => d.code).find((c) => c.startsWith("CAMILA"));
    expect(camila, JSON.stringify(before)).toBeDefined();

    // Restart the simulator from its state file.
    await stopSimulator(sim);
    expect(JSON.parse(await readFile(stateFile, "utf8"))).toBeTruthy();
    expect(await answers(`${simOrigin}/_sim/shops`)).toBe(false);
    sim = startSimulator(stateFile, baseURL!);
    await expect.poll(() => answers(`${simOrigin}/_sim/shops`), { timeout: 60_000 }).toBe(true);
    const after = (await client.discounts(shop)).discounts;
    expect(after.map((d) => d.code).sort()).toEqual(before.map((d) => d.code).sort());

    // Check out in the store with Camila's code, typed in lower case as a shopper might.
    const shopper = await page.context().browser()!.newContext({ extraHTTPHeaders: { "X-Shopify-Shop-Domain": shop } });
    const store = await shopper.newPage();
    await store.goto(`${simOrigin}/discount/${camila!.toLowerCase()}?redirect=/products/glow-serum`);
    await expect(store.getByTestId("discount-applied")).toContainText(camila!);
    await store.getByRole("button", { name: "Add to cart" }).click();
    await store.getByRole("link", { name: "Cart" }).click();
    await store.getByRole("button", { name: "Check out" }).click();
    await expect(store.getByRole("heading", { name: "Thank you for your order" })).toBeVisible();
    const orderName = (await store.getByTestId("order-name").textContent())!.trim();
    await screenshot(store, "demo-restart-checkout");
    await shopper.close();

    // Tally records it from the restarted simulator's webhook and credits Camila.
    await signIn(page, DEMO_BRAND.email, DEMO_BRAND.password);
    await expect(page).toHaveURL(/\/brand\/[^/]+$/);
    const slug = new URL(page.url()).pathname.split("/")[2]!;
    const row = page.getByTestId("orders").getByRole("row", { name: new RegExp(orderName) });
    await expect(async () => {
      await page.goto(`/brand/${slug}/orders?code=${camila}`);
      await expect(row).toContainText("Camila Creator", { timeout: 1_000 });
    }).toPass({ timeout: 60_000 });
    await expect(row).toContainText("$90.00");
    await screenshot(page, "demo-restart-orders-1280");
  } finally {
    await stopSimulator(sim);
    await rm(dir, { recursive: true, force: true });
  }
});
