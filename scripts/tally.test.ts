import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { shops, users } from "@/db/schema";
import { createShopifySimulator, type ListeningSimulator } from "@tally/shopify-simulator";
import { uniq } from "@/test/factories";

const run = promisify(execFile);
let sim: ListeningSimulator;
let simulator: ReturnType<typeof createShopifySimulator>;

/** Runs the operator CLI as a user would, against this run's database and an in-process Shopify simulator. */
async function tally(...args: string[]) {
  try {
    const { stdout, stderr } = await run("node_modules/.bin/tsx", ["scripts/tally.ts", ...args], {
      env: { ...process.env, SHOPIFY_ADMIN_ORIGIN: sim.url, TALLY_SKIP_MIGRATE: "1" },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  simulator = createShopifySimulator({ appSecret: process.env.SHOPIFY_API_SECRET });
  sim = await simulator.listen(0);
});
afterAll(async () => sim.close());

describe("operator CLI", () => {
  it("workspace:create prints the workspace id and an API key; apikey:create adds another", async () => {
    const email = `cli-${uniq()}@example.com`;
    const res = await tally("workspace:create", "--name", "CLI Brand", "--owner-email", email, "--owner-password", "a long password");
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout) as { workspace_id: string; api_key: string };
    expect(out.workspace_id).toMatch(/^ws_/);
    expect(out.api_key).toMatch(/^tly_/);

    const key = await tally("apikey:create", "--workspace", out.workspace_id);
    expect(key.code).toBe(0);
    expect(JSON.parse(key.stdout)).toMatchObject({ api_key: expect.stringMatching(/^tly_/) });
  }, 300_000);

  it("workspace:create --shop connects the store the custom-app way and registers webhooks", async () => {
    const domain = `cli-${uniq()}.myshopify.com`;
    const { token } = simulator.createShop({ domain, name: "CLI Store", currency: "CAD" });
    const res = await tally(
      "workspace:create", "--name", "CLI Shop Brand", "--owner-email", `cli-${uniq()}@example.com`, "--owner-password", "a long password",
      "--shop", domain, "--shop-token", token.token, "--shop-secret", "shpss_custom_app_secret",
    );
    expect(res.stderr).not.toContain("error");
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ shop: { domain, name: "CLI Store", currency: "CAD", webhooks_registered: true } });
    const db = await getDb();
    const [shop] = await db.select().from(shops).where(eq(shops.domain, domain));
    expect(shop).toMatchObject({ installKind: "custom_app", status: "connected" });
    expect(shop!.webhookSecretEnc).toMatch(/^v1:/);
  }, 300_000);

  it("errors go to stderr with exit 1 and leave nothing half-written", async () => {
    const email = `cli-${uniq()}@example.com`;
    const domain = `cli-${uniq()}.myshopify.com`;
    simulator.createShop({ domain });
    const bad = await tally("workspace:create", "--name", "Bad Token", "--owner-email", email, "--owner-password", "a long password", "--shop", domain, "--shop-token", "shpat_wrong_token_123");
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toMatch(/^error: .*token/i);
    const db = await getDb();
    expect(await db.select().from(users).where(eq(users.email, email))).toHaveLength(0);

    const missing = await tally("workspace:create", "--name", "No Email");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("--owner-email is required");
    const unknown = await tally("apikey:create", "--workspace", "ws_nope");
    expect(unknown).toMatchObject({ code: 1, stdout: "" });
    expect(unknown.stderr).toContain("No workspace with id ws_nope");
  }, 300_000);

  it("payout:create runs a payout and prints it; bad input is an error on stderr with exit 1", async () => {
    const { payoutsSetup, orderPayload, CODES, DAY } = await import("@/test/payouts");
    const s = await payoutsSetup();
    await s.send("orders/create", orderPayload(8_500_000_000 + Math.floor(Math.random() * 1_000_000), CODES[0]!, new Date(Date.now() - 40 * DAY)));
    const bad = await tally("payout:create", "--workspace", s.workspaceId, "--currency", "ZZZ");
    expect(bad).toMatchObject({ code: 1, stdout: "" });
    expect(bad.stderr).toContain('Unknown currency "ZZZ"');
    const res = await tally("payout:create", "--workspace", s.workspaceId, "--currency", "USD");
    expect(res.stderr).not.toContain("error");
    expect(JSON.parse(res.stdout)).toMatchObject({ label: "P-0001", status: "draft", currency: "USD", total: 1275, items: [{ creator_id: s.creatorIds[0], amount: 1275 }] });
    const again = await tally("payout:create", "--workspace", s.workspaceId, "--currency", "USD");
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("P-0001 in USD is still in progress");
  }, 300_000);
});
