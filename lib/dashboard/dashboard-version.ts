import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { authSecret } from "@/lib/env";

/**
 * A campaign dashboard's version: the largest `version` among its rollup rows (every rollup write
 * takes the next value of dashboard_version_seq: db/schema/dashboard.ts), so it moves exactly when
 * a figure does. Open dashboards poll it instead of re-reading the figures.
 */
type Key = { workspaceId: string; campaignId: string };
const keyOf = (k: Key) => `${k.workspaceId}/${k.campaignId}`;

/** Versions of many campaigns in one statement: two backward probes of the version indexes per campaign. */
export async function readDashboardVersions(db: Db, keys: Key[]): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const rows = await queryRows<{ ws: string; cid: string; v: string }>(
    db,
    sql`
      SELECT k.ws, k.cid, greatest(
        coalesce((SELECT max(t.version) FROM campaign_creator_totals t WHERE t.workspace_id = k.ws AND t.campaign_id = k.cid), 0),
        coalesce((SELECT max(p.version) FROM campaign_creator_pending p WHERE p.workspace_id = k.ws AND p.campaign_id = k.cid), 0))::text AS v
      FROM unnest(${`{${keys.map((k) => JSON.stringify(k.workspaceId)).join(",")}}`}::text[], ${`{${keys.map((k) => JSON.stringify(k.campaignId)).join(",")}}`}::text[]) AS k(ws, cid)`,
  );
  return new Map(rows.map((r) => [`${r.ws}/${r.cid}`, r.v]));
}

export async function readDashboardVersion(db: Db, key: Key): Promise<string> {
  return (await readDashboardVersions(db, [key])).get(keyOf(key)) ?? "0";
}

/**
 * The process-wide view of the versions that open dashboards poll: at most one database read per
 * `FRESH_MS` (half a second) for all of them together, however many tabs poll (a poll finding its campaign's
 * version older than that asks for one refresh, which reads every campaign polled in the last
 * minute in one statement, and waits for it). Versions are at most FRESH_MS old.
 */
const FRESH_MS = 500;
const FORGET_MS = 60_000;
type Entry = { key: Key; version: string | null; readAt: number; askedAt: number };

class VersionWatch {
  private entries = new Map<string, Entry>();
  private refreshing: Promise<void> | null = null;
  reads = 0;

  async get(db: Db, key: Key): Promise<string> {
    const id = keyOf(key);
    let entry = this.entries.get(id);
    if (!entry) this.entries.set(id, (entry = { key, version: null, readAt: 0, askedAt: 0 }));
    entry.askedAt = Date.now();
    // A refresh already under way may have started before this campaign was asked for: at most two rounds.
    for (let round = 0; round < 2 && (entry.version === null || Date.now() - entry.readAt >= FRESH_MS); round++) await this.refresh(db);
    return entry.version ?? "0";
  }

  private refresh(db: Db): Promise<void> {
    this.refreshing ??= (async () => {
      try {
        const now = Date.now();
        for (const [id, e] of this.entries) if (now - e.askedAt > FORGET_MS) this.entries.delete(id);
        const stale = [...this.entries.values()].filter((e) => e.version === null || now - e.readAt >= FRESH_MS);
        this.reads++;
        const versions = await readDashboardVersions(db, stale.map((e) => e.key));
        for (const e of stale) {
          e.version = versions.get(keyOf(e.key)) ?? "0";
          e.readAt = now;
        }
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }
}

const globalForWatch = globalThis as unknown as { __tallyVersionWatch?: VersionWatch };
export function versionWatch(): VersionWatch {
  return (globalForWatch.__tallyVersionWatch ??= new VersionWatch());
}

/**
 * The token a dashboard polls its version with: `{expires}.{signature}` over the workspace slug,
 * workspace id, campaign id and expiry (HMAC-SHA256, key derived from AUTH_SECRET with its own
 * label). Checking it needs no database read, so a poll costs none; it only ever reveals the
 * version number of the one campaign it was issued for, to someone who could read its figures
 * when it was issued. Issued with every dashboard read, valid for a day.
 */
const KEY_INFO = "tally/dashboard/version-token/v1";
const TOKEN_TTL_MS = 24 * 3_600_000;
let cachedKey: { secret: string; key: Buffer } | undefined;
function tokenKey(secret: string) {
  if (cachedKey?.secret !== secret) cachedKey = { secret, key: Buffer.from(hkdfSync("sha256", secret, "", KEY_INFO, 32)) };
  return cachedKey.key;
}
type TokenScope = Key & { slug: string };
const signature = (s: TokenScope, expires: number, secret: string) =>
  createHmac("sha256", tokenKey(secret)).update(`${s.slug}\n${s.workspaceId}\n${s.campaignId}\n${expires}`, "utf8").digest().subarray(0, 18).toString("base64url");

/** `{workspaceId}.{expires}.{signature}` */
export function signVersionToken(scope: TokenScope, now = Date.now(), secret = authSecret()): string {
  const expires = Math.floor((now + TOKEN_TTL_MS) / 1000);
  return `${scope.workspaceId}.${expires}.${signature(scope, expires, secret)}`;
}

/** The workspace id when the token was issued for this slug and campaign and has not expired; otherwise null. */
export function verifyVersionToken(token: string | null, scope: { slug: string; campaignId: string }, now = Date.now(), secret = authSecret()): string | null {
  const m = /^([A-Za-z0-9_-]{1,64})\.(\d{1,12})\.([A-Za-z0-9_-]{24})$/.exec(token ?? "");
  if (!m) return null;
  const expires = Number(m[2]);
  if (expires * 1000 < now) return null;
  const expected = Buffer.from(signature({ ...scope, workspaceId: m[1]! }, expires, secret));
  const given = Buffer.from(m[3]!);
  return expected.length === given.length && timingSafeEqual(expected, given) ? m[1]! : null;
}

/** What a dashboard needs to poll for changes: the version its figures are at least as new as, and its token. */
export type DashboardLive = { version: string; token: string };

/** Read before the figures: a change landing in between makes the version poll fetch them again. */
export async function dashboardLive(db: Db, scope: TokenScope): Promise<DashboardLive> {
  return { version: await readDashboardVersion(db, scope), token: signVersionToken(scope) };
}
