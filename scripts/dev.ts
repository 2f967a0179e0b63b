/**
 * `npm run dev`: the newcomer's one command. Starts the Shopify simulator and the app in development
 * with demo data (seeded on first start into the embedded database, or into DATABASE_URL when set):
 * a demo brand connected to a simulated store whose orders arrive through real signed webhooks.
 */
import { spawn, type ChildProcess } from "node:child_process";

const port = process.env.PORT ?? "3000";
const simPort = process.env.SHOPIFY_SIM_PORT ?? "4455";
const appUrl = process.env.APP_URL ?? `http://localhost:${port}`;
const secret = process.env.SHOPIFY_API_SECRET ?? "shpss_dev_secret";
const useSimulator = !process.env.SHOPIFY_ADMIN_ORIGIN || process.env.SHOPIFY_ADMIN_ORIGIN.includes(`:${simPort}`);
const children: ChildProcess[] = [];

function start(name: string, command: string, args: string[], env: Record<string, string>) {
  const child = spawn(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  child.on("exit", (code) => {
    console.log(`[dev] ${name} exited (${code ?? "signal"}); stopping.`);
    shutdown(code ?? 1);
  });
  children.push(child);
  return child;
}

function shutdown(code: number) {
  for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
  process.exit(code);
}
process.on("SIGINT", () => shutdown(0));
process.on("SIGTERM", () => shutdown(0));

async function waitFor(url: string, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not come up in ${timeoutMs / 1000}s`);
}

if (useSimulator) {
  start("shopify-sim", "node_modules/.bin/tsx", ["packages/shopify-simulator/src/cli.ts", "--port", simPort, "--app-url", appUrl, "--secret", secret], {});
  await waitFor(`http://127.0.0.1:${simPort}/_sim/shops`, 60_000);
}
const simulatorEnv: Record<string, string> = useSimulator ? { SHOPIFY_ADMIN_ORIGIN: `http://127.0.0.1:${simPort}` } : {};

// Database, secrets and the demo (accounts, store, campaign, orders) first, in their own process:
// see scripts/prepare-dev.ts. The demo orders' webhooks reach the app once it listens (Shopify retries).
await new Promise<void>((resolve, reject) => {
  const prep = spawn("node_modules/.bin/tsx", ["scripts/prepare-dev.ts"], {
    stdio: "inherit",
    env: { ...process.env, APP_URL: appUrl, SHOPIFY_API_SECRET: secret, TALLY_DEMO: process.env.TALLY_DEMO ?? "1", ...simulatorEnv },
  });
  prep.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`preparing the database failed (exit ${code})`))));
});

start("next", "node_modules/.bin/next", ["dev", "--port", port], {
  TALLY_DEMO: process.env.TALLY_DEMO ?? "1",
  APP_URL: appUrl,
  SHOPIFY_API_SECRET: secret,
  ...simulatorEnv,
});
