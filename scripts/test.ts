/**
 * `npm test`: the whole suite, as CI runs it.
 *   lint → typecheck → vitest (unit + integration on Postgres) → next build → Playwright (Chromium)
 * Postgres: DATABASE_URL, or the local server at 127.0.0.1:5432. Vitest makes its own fresh database
 * from it; the e2e server gets another fresh one, dropped afterwards.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import postgres from "postgres";

const started = Date.now();
const timings: string[] = [];
const counts = { passed: 0, failed: 0 };

function step(name: string, command: string, args: string[], env: Record<string, string> = {}) {
  const t0 = Date.now();
  console.log(`\n▶ ${name}: ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  timings.push(`${name.padEnd(10)} ${seconds.padStart(6)} s  ${result.status === 0 ? "ok" : "FAILED"}`);
  return result.status === 0;
}

function finish(ok: boolean): never {
  console.log("\n── summary ──");
  for (const line of timings) console.log(line);
  console.log(`total      ${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s`);
  console.log(`${counts.passed} passed, ${counts.failed} failed`);
  process.exit(ok ? 0 : 1);
}

function readJson<T>(file: string): T | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch {
    return undefined;
  }
}

const baseUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
try {
  const probe = postgres(baseUrl, { onnotice: () => {}, max: 1, connect_timeout: 5 });
  await probe`select 1`;
  await probe.end();
} catch (error) {
  console.error(
    `The test suite needs a Postgres server: could not connect to ${baseUrl.replace(/:[^:@/]*@/, ":***@")} (${(error as Error).message}).\n` +
      "Start one (see README) or set DATABASE_URL.",
  );
  process.exit(1);
}

const bin = (name: string) => `node_modules/.bin/${name}`;

if (!step("lint", bin("eslint"), ["--max-warnings=0", "."])) finish(false);
if (!step("typecheck", bin("tsc"), ["--noEmit"])) finish(false);

rmSync(".vitest-results.json", { force: true });
const unitOk = step("vitest", bin("vitest"), ["run", "--reporter=default", "--reporter=json", "--outputFile.json=.vitest-results.json"], {
  DATABASE_URL: baseUrl,
});
const vitest = readJson<{ numPassedTests: number; numFailedTests: number }>(".vitest-results.json");
counts.passed += vitest?.numPassedTests ?? 0;
counts.failed += vitest?.numFailedTests ?? (unitOk ? 0 : 1);
if (!unitOk) finish(false);

if (!step("build", bin("next"), ["build"], { TALLY_SKIP_BUILD_TYPECHECK: "1", NODE_ENV: "production" })) finish(false);

const e2eName = `tally_e2e_${Date.now()}_${process.pid}`;
const admin = postgres(baseUrl, { onnotice: () => {}, max: 1 });
await admin.unsafe(`CREATE DATABASE ${e2eName}`);
const e2eUrl = new URL(baseUrl);
e2eUrl.pathname = `/${e2eName}`;
rmSync(".playwright-results.json", { force: true });
const e2eOk = step("e2e", bin("playwright"), ["test", "--reporter=list,json"], {
  E2E_DATABASE_URL: e2eUrl.toString(),
  PLAYWRIGHT_JSON_OUTPUT_NAME: ".playwright-results.json",
});
await admin.unsafe(`DROP DATABASE IF EXISTS ${e2eName} WITH (FORCE)`);
await admin.end();
const e2e = readJson<{ stats: { expected: number; unexpected: number; flaky: number } }>(".playwright-results.json");
counts.passed += (e2e?.stats.expected ?? 0) + (e2e?.stats.flaky ?? 0);
counts.failed += e2e?.stats.unexpected ?? (e2eOk ? 0 : 1);
finish(e2eOk);
