import { defineConfig, devices } from "@playwright/test";

/**
 * e2e against a production build (`next build` first; `npm test` does it) served by `next start`,
 * in Debian's Chromium. The server gets its own database: E2E_DATABASE_URL (a fresh Postgres
 * database made by scripts/test.ts) or a fresh embedded PGlite folder.
 */
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;
const simPort = Number(process.env.E2E_SIM_PORT ?? 4456);
const SIMULATOR_ORIGIN = `http://127.0.0.1:${simPort}`;
process.env.E2E_SIMULATOR_ORIGIN = SIMULATOR_ORIGIN;
/** A local receiver of outbound webhooks for e2e runs (E2E_RECEIVER_PORT): allowed although it is private. */
process.env.E2E_RECEIVER_ORIGIN = `http://127.0.0.1:${Number(process.env.E2E_RECEIVER_PORT ?? 4999)}`;
const shopifySecret = "shpss_e2e_secret";

const serverEnv: Record<string, string> = {
  NODE_ENV: "production",
  PORT: String(port),
  APP_URL: baseURL,
  AUTH_SECRET: "e2e-auth-secret-0123456789abcdef0123",
  AUTH_TRUST_HOST: "true",
  ENCRYPTION_KEY: Buffer.alloc(32, 9).toString("base64"),
  SHOPIFY_API_KEY: "tally-e2e-client-id",
  SHOPIFY_API_SECRET: shopifySecret,
  SHOPIFY_ADMIN_ORIGIN: SIMULATOR_ORIGIN,
  TALLY_DATA_DIR: ".data-e2e",
  TALLY_BCRYPT_COST: "8",
  TALLY_WEBHOOK_PRIVATE_ORIGINS: process.env.E2E_RECEIVER_ORIGIN,
};
if (process.env.E2E_DATABASE_URL) serverEnv.DATABASE_URL = process.env.E2E_DATABASE_URL;

export default defineConfig({
  testDir: "./e2e",
  outputDir: "test-results",
  fullyParallel: true,
  workers: process.env.CI ? 2 : 3,
  retries: 0,
  // Budgets for a busy 2-core CI machine; tests wait for states, never for time.
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: [
    {
      // The Shopify simulator: Admin API, OAuth and signed webhooks to the app under test.
      command: `node_modules/.bin/tsx packages/shopify-simulator/src/cli.ts --port ${simPort} --app-url ${baseURL} --secret ${shopifySecret} --api-key tally-e2e-client-id --retry-delays 500,1000,2000,4000`,
      url: `${SIMULATOR_ORIGIN}/_sim/shops`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: `rm -rf .data-e2e && node_modules/.bin/next start --port ${port}`,
      url: `${baseURL}/api/health`,
      env: serverEnv,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});
