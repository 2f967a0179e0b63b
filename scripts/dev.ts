/**
 * `npm run dev`: the newcomer's one command. Starts the Shopify simulator and the app in development
 * with demo data (into the embedded database, or into DATABASE_URL when set): a demo brand connected
 * to a simulated store whose orders arrive through real signed webhooks.
 *
 * One line per step. The app serves its first page before the demo store is seeded: the app seeds
 * the store, its campaign and its orders in the background once it answers (lib/boot.ts →
 * lib/demo/seed-full-demo.ts), so every webhook reaches a listening app on its first attempt. The
 * simulator keeps its store in `.data/shopify-simulator.json`, so the demo's discount codes still work
 * at checkout after a restart.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { placeDataDirectory } from "./place-data-directory";

const started = Date.now();
const port = process.env.PORT ?? "3000";
const simPort = process.env.SHOPIFY_SIM_PORT ?? "4455";
const appUrl = process.env.APP_URL ?? `http://localhost:${port}`;
const secret = process.env.SHOPIFY_API_SECRET ?? "shpss_dev_secret";
const demo = (process.env.TALLY_DEMO ?? "1") !== "0";
const useSimulator = !process.env.SHOPIFY_ADMIN_ORIGIN || process.env.SHOPIFY_ADMIN_ORIGIN.includes(`:${simPort}`);
const simOrigin = `http://127.0.0.1:${simPort}`;
const children: ChildProcess[] = [];
const STEPS = 3;
let step = 0;

const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const say = (line: string) => console.log(`[dev] ${line}`);
const done = (line: string) => say(`${++step}/${STEPS} ${line} (${seconds()})`);

function start(name: string, command: string, args: string[], env: Record<string, string>, stdio: "inherit" | "ignore-stdout" = "inherit") {
  const child = spawn(command, args, { stdio: stdio === "inherit" ? "inherit" : ["ignore", "ignore", "inherit"], env: { ...process.env, ...env } });
  child.on("exit", (code) => {
    say(`${name} exited (${code ?? "signal"}); stopping.`);
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

/** Waits until `url` answers 2xx, quietly (a refused connection only means "not yet"). */
async function waitFor(url: string, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

function runToEnd(args: string[], env: Record<string, string>): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const child = spawn("node_modules/.bin/tsx", args, { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, ...env } });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(" ")} failed (exit ${code})`))));
  });
}

const dataDir = placeDataDirectory();
const simulatorEnv: Record<string, string> = useSimulator ? { SHOPIFY_ADMIN_ORIGIN: simOrigin } : {};
const appEnv = { TALLY_DEMO: demo ? "1" : "0", APP_URL: appUrl, SHOPIFY_API_SECRET: secret, ...simulatorEnv };

if (useSimulator) {
  const stateFile = path.join(dataDir, "shopify-simulator.json");
  start("shopify-sim", "node_modules/.bin/tsx", ["packages/shopify-simulator/src/cli.ts", "--port", simPort, "--app-url", appUrl, "--secret", secret, "--state-file", stateFile, "--quiet"], {}, "ignore-stdout");
  await waitFor(`${simOrigin}/_sim/shops`, 60_000);
  done(`Shopify simulator ready on ${simOrigin}; its store is kept in ${stateFile}`);
} else {
  done(`Shopify at ${process.env.SHOPIFY_ADMIN_ORIGIN}`);
}

// Database, secrets and the demo sign-ins, in their own process (scripts/prepare-dev.ts).
await runToEnd(["scripts/prepare-dev.ts"], appEnv);
done(`database ready${process.env.DATABASE_URL ? "" : " (embedded, in .data)"}`);

start("next", "node_modules/.bin/next", ["dev", "--port", port], appEnv);
await waitFor(`${appUrl}/api/health`, 300_000);
done(`app ready at ${appUrl}${demo && useSimulator ? ": the first page is served now; the demo store is seeded in the background (\"[demo]\" lines below)" : ""}`);
if (demo && !useSimulator) {
  const { demoBanner } = await import("@/lib/demo/seed-demo");
  console.log(demoBanner(appUrl));
}
