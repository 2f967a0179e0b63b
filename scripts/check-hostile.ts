/**
 * `npm run check:hostile [-- --skip-build] [--repeat 1] [--port 3215] [--only a,b]`
 *
 * Attacks a production build (`next build`, then `next start` on its own port with a fresh Postgres
 * database and two workspaces) with each class of hostile input of issue 15 (scripts/hostile/
 * classes.ts: open redirects, spoofed forwarding headers, NUL and BOM webhook bodies, absurd numbers,
 * malformed paths and headers, wrong methods, cross-tenant ids, the unconfigured Inngest endpoint)
 * and prints, per class: requests sent, responses by status, 5xx (target 0), rows changed that
 * should not have been (target 0) and failed checks (target 0). Exits 1 when any target is missed.
 * Not part of `npm test`: the build alone takes minutes.
 */
import { spawn, spawnSync } from "node:child_process";
import { createWriteStream, readFileSync } from "node:fs";
import postgres from "postgres";
import { arg, freshDatabase } from "./bench/bench-lib";
import { HOSTILE_CLASSES, hmac, orderBody, webhookHeaders, type HostileClass, type HostileContext, type Tenant } from "./hostile/classes";
import { absorbCookies, cookieHeader, send, type HostileRequest, type HostileResponse } from "./hostile/http";

const PORT = arg("port", Number(process.env.HOSTILE_PORT ?? 3215));
const REPEAT = arg("repeat", 1);
const onlyIndex = process.argv.indexOf("--only");
const ONLY = onlyIndex > 0 ? new Set(process.argv[onlyIndex + 1]!.split(",")) : null;
const SECRET = "shpss_hostile_secret";
const ORIGIN = `http://localhost:${PORT}`;
const BASE = new URL(`http://127.0.0.1:${PORT}`);
const LOG = ".hostile-server.log";

if (!process.argv.includes("--skip-build")) {
  console.log("building (next build)…");
  const built = spawnSync("node_modules/.bin/next", ["build"], { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, TALLY_SKIP_BUILD_TYPECHECK: "1" } });
  if (built.status !== 0) process.exit(1);
}

// ---------------------------------------------------------------- a fresh database with two tenants
const database = await freshDatabase("tally_hostile");
const serverEnv: Record<string, string> = {
  DATABASE_URL: database.url,
  NODE_ENV: "production",
  PORT: String(PORT),
  APP_URL: ORIGIN,
  AUTH_SECRET: "hostile-auth-secret-0123456789abcdef",
  AUTH_TRUST_HOST: "true",
  ENCRYPTION_KEY: Buffer.alloc(32, 5).toString("base64"),
  SHOPIFY_API_KEY: "tally-hostile",
  SHOPIFY_API_SECRET: SECRET,
  TALLY_DATA_DIR: ".data-hostile",
  TALLY_BCRYPT_COST: "8",
};
Object.assign(process.env, { ...serverEnv, NODE_ENV: "test" });
const { getDb, closeDb } = await import("@/db/client");
const { signUpBrand } = await import("@/lib/auth/sign-up");
const { createApiKey } = await import("@/lib/api-keys/api-keys");
const { shops, campaigns, creators, enrollments, discountCodes, workspaceCreators } = await import("@/db/schema");
const app = await getDb();

async function seedTenant(name: string) {
  const email = `${name.toLowerCase()}-owner@example.com`;
  const password = "hostile password 1";
  const { user, workspace } = await signUpBrand(app, { name: `${name} Owner`, email, password, workspaceName: `Hostile ${name}` });
  const key = await createApiKey(app, { workspaceId: workspace.id, name: "hostile", actor: { kind: "user", id: user.id } });
  const shopDomain = `hostile-${name.toLowerCase()}.myshopify.com`;
  const [shop] = await app.insert(shops).values({ workspaceId: workspace.id, domain: shopDomain, installKind: "custom_app", status: "connected", currency: "USD" }).returning();
  const [campaign] = await app
    .insert(campaigns)
    .values({ workspaceId: workspace.id, shopId: shop!.id, name: `${name} Launch`, startsAt: new Date("2020-01-01"), discountType: "percentage", discountValue: 1000, commissionRateBps: 1500, codeTemplate: "{full_name}-{random_number}", currency: "USD" })
    .returning();
  const [creator] = await app.insert(creators).values({ email: `${name.toLowerCase()}-creator@example.com`, fullName: `${name} Creator` }).returning();
  await app.insert(workspaceCreators).values({ workspaceId: workspace.id, creatorId: creator!.id });
  const referralSlug = `${name.toLowerCase()}-link`;
  const [enrollment] = await app.insert(enrollments).values({ workspaceId: workspace.id, campaignId: campaign!.id, creatorId: creator!.id, referralSlug }).returning();
  const code = `${name.toUpperCase()}CODE15`;
  await app.insert(discountCodes).values({ workspaceId: workspace.id, shopId: shop!.id, campaignId: campaign!.id, enrollmentId: enrollment!.id, creatorId: creator!.id, code, status: "active" });
  return { slug: workspace.slug, email, password, apiKey: key.key, workspaceId: workspace.id, campaignId: campaign!.id, creatorId: creator!.id, shopDomain, referralSlug, code };
}
const seeds = [await seedTenant("Alpha"), await seedTenant("Bravo")];
await closeDb();

// ---------------------------------------------------------------- the production server
const log = createWriteStream(LOG);
const server = spawn("node_modules/.bin/next", ["start", "--port", String(PORT)], { env: { ...process.env, ...serverEnv }, stdio: ["ignore", "pipe", "pipe"], detached: true });
server.stdout!.pipe(log);
server.stderr!.pipe(log);
const stopServer = () => {
  try {
    process.kill(-server.pid!, "SIGTERM");
  } catch {
    /* gone */
  }
};
const sql = postgres(database.url, { onnotice: () => {}, max: 2 });
const cleanup = async () => {
  stopServer();
  await sql.end();
  await database.drop();
};
process.on("SIGINT", () => void cleanup().then(() => process.exit(130)));

const until = Date.now() + 120_000;
for (;;) {
  try {
    if ((await send(BASE, { path: "/api/health" })).status === 200) break;
  } catch {
    /* starting */
  }
  if (Date.now() > until) throw new Error(`next start did not answer /api/health within 120 s (see ${LOG})`);
  await new Promise((r) => setTimeout(r, 250));
}

async function signInAuthJs(input: { email: string; password: string; callbackUrl?: string; from?: string; headers?: Record<string, string> }) {
  const jar = new Map<string, string>();
  const csrf = await send(BASE, { path: "/api/auth/csrf", from: input.from, headers: input.headers });
  absorbCookies(jar, csrf);
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const res = await send(BASE, {
    method: "POST",
    path: "/api/auth/callback/credentials",
    from: input.from,
    headers: { ...input.headers, "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
    body: new URLSearchParams({ csrfToken, email: input.email, password: input.password, callbackUrl: input.callbackUrl ?? `${ORIGIN}/` }).toString(),
  });
  absorbCookies(jar, res);
  return Object.assign(res, { cookie: cookieHeader(jar), csrf });
}

/** Waits until the server has processed every delivery it accepted since `since` (or 30 s). */
async function settle(since = new Date(0)): Promise<boolean> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const [row] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM webhook_deliveries WHERE status IN ('received', 'processing') AND received_at >= ${since}`;
    if (row!.n === 0) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 250));
  }
}

// One real, attributed order per tenant (through the signed intake), so refunds have something to hit.
const tenants: Tenant[] = [];
for (const seed of seeds) {
  const body = orderBody({
    discount_codes: [{ code: seed.code, amount: "2.50", type: "percentage" }],
    discount_applications: [{ target_type: "line_item", type: "discount_code", value: "10.0", value_type: "percentage", allocation_method: "across", target_selection: "all", code: seed.code }],
  });
  const res = await send(BASE, { method: "POST", path: "/api/webhooks/shopify", headers: webhookHeaders("orders/create", seed.shopDomain, hmac(SECRET, JSON.stringify(body))), body: JSON.stringify(body) });
  if (res.status !== 200) throw new Error(`seed order: ${res.status} ${res.body}`);
  await settle();
  const [order] = await sql<{ id: string }[]>`SELECT id FROM orders WHERE workspace_id = ${seed.workspaceId} AND shopify_order_id = ${body.id as number}`;
  if (!order) throw new Error(`seed order was not recorded (see ${LOG})`);
  const signedIn = await signInAuthJs({ email: seed.email, password: seed.password });
  if (!signedIn.cookie.includes("session-token")) throw new Error(`could not sign in ${seed.email}: ${signedIn.status} ${signedIn.location}`);
  tenants.push({ ...seed, cookie: signedIn.cookie, orderId: order.id, shopifyOrderId: body.id as number });
}

// ---------------------------------------------------------------- rows that must not change
/**
 * What of a row counts as its content. Whole rows, except where background work legitimately moves
 * bookkeeping columns while a class runs: a delivery's status and attempts (processing and retries of
 * earlier classes' deliveries), an API key's last use.
 */
const CONTENT: Record<string, string> = {
  webhook_deliveries: "md5(t.id || coalesce(t.raw_body, encode(t.raw_body_bytes, 'base64')) || t.headers::text)",
  api_keys: "md5(t.id || t.workspace_id || t.key_hash || coalesce(t.revoked_at::text, ''))",
};

async function rowHashes(tables: readonly string[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  for (const table of tables) {
    const rows = await sql.unsafe<{ h: string }[]>(`SELECT ${CONTENT[table] ?? "md5(t::text)"} AS h FROM ${table} t`);
    out.set(table, new Set(rows.map((r) => r.h)));
  }
  return out;
}

function changedRows(before: Map<string, Set<string>>, after: Map<string, Set<string>>): { total: number; byTable: string[] } {
  let total = 0;
  const byTable: string[] = [];
  for (const [table, was] of before) {
    const now = after.get(table)!;
    const added = [...now].filter((h) => !was.has(h)).length;
    const removed = [...was].filter((h) => !now.has(h)).length;
    const changed = Math.max(added, removed);
    if (changed) byTable.push(`${table} ${changed}`);
    total += changed;
  }
  return { total, byTable };
}

// ---------------------------------------------------------------- run every class
type Result = { cls: HostileClass; sent: number; statuses: Map<number, number>; fivexx: number; rows: number; rowsDetail: string[]; failures: string[]; settled: boolean; deliveries: string };
const results: Result[] = [];
for (const cls of HOSTILE_CLASSES.filter((c) => !ONLY || ONLY.has(c.name))) {
  const result: Result = { cls, sent: 0, statuses: new Map(), fivexx: 0, rows: 0, rowsDetail: [], failures: [], settled: true, deliveries: "" };
  const count = (res: HostileResponse, label: string, check?: (res: HostileResponse) => string | null) => {
    result.sent++;
    result.statuses.set(res.status, (result.statuses.get(res.status) ?? 0) + 1);
    if (res.status >= 500 && !(cls.allowed5xx ?? []).includes(res.status)) result.fivexx++;
    const failure = check?.(res);
    if (failure) result.failures.push(`${label}: ${failure}`);
  };
  const ctx: HostileContext = {
    a: tenants[0]!,
    b: tenants[1]!,
    origin: ORIGIN,
    sql,
    repeat: REPEAT,
    fail: (message) => result.failures.push(message),
    async send(req: HostileRequest, check) {
      const res = await send(BASE, req);
      count(res, `${req.method ?? "GET"} ${req.path.slice(0, 80)}`, check);
      return res;
    },
    async webhook(topic, body, shopDomain, check) {
      const res = await send(BASE, { method: "POST", path: "/api/webhooks/shopify", headers: webhookHeaders(topic, shopDomain, hmac(SECRET, body)), body });
      count(res, `webhook ${topic}`, check);
      return res;
    },
    async signInAuthJs(input) {
      const res = await signInAuthJs(input);
      count(res.csrf, "GET /api/auth/csrf");
      count(res, "POST /api/auth/callback/credentials");
      return res;
    },
  };
  const before = await rowHashes(cls.untouched);
  const started = new Date(Date.now() - 1000);
  const classStarted = new Date();
  process.stdout.write(`${cls.name}… `);
  try {
    await cls.run(ctx);
  } catch (error) {
    result.failures.push(`the class stopped: ${error instanceof Error ? error.message : String(error)}`);
  }
  result.settled = await settle(started);
  // What processing made of this class's deliveries: a body that can never be valid fails once, with
  // its reason, and is parked — it is never retried (issue 15 points 8, 9, 13).
  const outcome = await sql<{ status: string; n: number; retried: number; parked: number; reasonless: number }[]>`
    SELECT status, count(*)::int AS n, count(*) FILTER (WHERE attempts > 1)::int AS retried,
           count(*) FILTER (WHERE status = 'failed' AND retry_at IS NULL)::int AS parked,
           count(*) FILTER (WHERE status = 'failed' AND coalesce(last_error, '') = '')::int AS reasonless
    FROM webhook_deliveries WHERE received_at >= ${classStarted} GROUP BY status ORDER BY status`;
  result.deliveries = outcome.map((o) => `${o.status} ${o.n}${o.status === "failed" ? ` (parked ${o.parked})` : ""}`).join(", ");
  for (const o of outcome) {
    if (o.status === "failed" && o.retried) result.failures.push(`${o.retried} failed deliveries were retried: a body that can never be valid must fail once`);
    if (o.reasonless) result.failures.push(`${o.reasonless} failed deliveries have no reason`);
  }
  const diff = changedRows(before, await rowHashes(cls.untouched));
  result.rows = diff.total + ((await cls.extraRowsChanged?.(ctx)) ?? 0);
  result.rowsDetail = diff.byTable;
  console.log("done");
  results.push(result);
}

// ---------------------------------------------------------------- report
const pad = (s: string | number, n: number) => String(s).padEnd(n);
console.log(`\n${pad("class", 24)}${pad("sent", 7)}${pad("5xx", 6)}${pad("rows", 6)}${pad("failed", 8)}responses by status`);
for (const r of results) {
  const statuses = [...r.statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(" ");
  console.log(`${pad(r.cls.name, 24)}${pad(r.sent, 7)}${pad(r.fivexx, 6)}${pad(r.rows, 6)}${pad(r.failures.length, 8)}${statuses}${r.deliveries ? `; deliveries: ${r.deliveries}` : ""}${r.settled ? "" : "  (deliveries of this class still unprocessed after 30 s)"}`);
}
for (const r of results) {
  if (!r.failures.length && !r.rows) continue;
  console.log(`\n${r.cls.name} — ${r.cls.about}`);
  if (r.rows) console.log(`  rows changed that should not have been: ${r.rows}${r.rowsDetail.length ? ` (${r.rowsDetail.join(", ")})` : ""}`);
  const distinct = [...new Map(r.failures.map((f) => [f, (r.failures.filter((g) => g === f).length)]))];
  for (const [failure, n] of distinct.slice(0, 12)) console.log(`  ${n > 1 ? `${n}× ` : ""}${failure}`);
  if (distinct.length > 12) console.log(`  … and ${distinct.length - 12} more`);
}
const totals = results.reduce((t, r) => ({ sent: t.sent + r.sent, fivexx: t.fivexx + r.fivexx, rows: t.rows + r.rows, failed: t.failed + r.failures.length }), { sent: 0, fivexx: 0, rows: 0, failed: 0 });
const serverErrors = readFileSync(LOG, "utf8").split("\n").filter((l) => /\[tally\] unexpected error|⨯/.test(l)).length;
console.log(`\nhostile: ${results.length} classes, ${totals.sent} requests, ${totals.fivexx} 5xx, ${totals.rows} rows changed, ${totals.failed} failed checks; ${serverErrors} unexpected errors in ${LOG}`);
await cleanup();
process.exit(totals.fivexx || totals.rows || totals.failed ? 1 : 0);
