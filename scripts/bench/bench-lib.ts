/** Shared plumbing for the benchmarks: a fresh Postgres database, a `next start` server, percentiles. */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import postgres from "postgres";

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function summarize(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), max: s[s.length - 1] ?? 0 };
}

export async function freshDatabase(prefix: string) {
  const base = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const name = `${prefix}_${Date.now()}`;
  const admin = postgres(base, { onnotice: () => {}, max: 1 });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

export function ensureBuild() {
  if (!existsSync(".next/BUILD_ID")) {
    throw new Error("No production build: run `npm run build` first (the benchmark measures `next start`).");
  }
}

/**
 * `next start` on a port (Tally's build, or `dir`'s: a benchmark's own app), ready once `readyPath`
 * answers (any status below 500; Tally's /api/health by default).
 */
export async function startServer(
  port: number,
  env: Record<string, string>,
  options: { dir?: string; readyPath?: string; readyMethod?: string } = {},
): Promise<{ url: string; stop: () => void; proc: ChildProcess }> {
  const proc = spawn("node_modules/.bin/next", ["start", ...(options.dir ? [options.dir] : []), "--port", String(port)], {
    env: { ...process.env, NODE_ENV: "production", AUTH_TRUST_HOST: "true", ...env },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 60_000;
  for (;;) {
    try {
      const res = await fetch(`${url}${options.readyPath ?? "/api/health"}`, { method: options.readyMethod ?? "GET" });
      if (options.readyPath ? res.status < 500 : res.ok) break;
    } catch {
      /* starting */
    }
    if (Date.now() > until) throw new Error("next start did not come up");
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    proc,
    stop: () => {
      try {
        process.kill(-proc.pid!, "SIGTERM");
      } catch {
        /* gone */
      }
    },
  };
}

export function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}
