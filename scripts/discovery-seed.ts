/**
 * `npm run discovery:seed -- --creators N [--seed S] [--reset]`
 * Loads N generated creator profiles (lib/discovery/generate-profiles.ts: deterministic for a seed)
 * into the discovery database. On Postgres (DATABASE_URL) it streams COPY into both tables at once
 * with the secondary indexes and the foreign key dropped, then rebuilds them (two at a time) and
 * analyses: 1,000,000 profiles take a couple of minutes on 2 cores. On the embedded PGlite it
 * inserts in batches (fine for the few thousand a laptop demo needs).
 * Refuses to add to a non-empty discovery database unless --reset (which also clears unlocks);
 * --if-empty makes that a no-op instead (e2e setup).
 */
import { closeDb, getDb } from "@/db/client";
import { generateProfile, type GeneratedProfile } from "@/lib/discovery/generate-profiles";
import { parseArgs } from "./cli-args";

const { flags } = parseArgs(["seed", ...process.argv.slice(2)]);
const COUNT = Number(flags.creators ?? 10_000);
const SEED = Number(flags.seed ?? 1);
const RESET = flags.reset === "true";
const IF_EMPTY = flags["if-empty"] === "true";
if (!Number.isInteger(COUNT) || COUNT < 1) throw new Error("--creators must be a positive integer");
if (!Number.isInteger(SEED)) throw new Error("--seed must be an integer");

const log = (message: string) => process.stderr.write(`[discovery:seed] ${message}\n`);
const started = performance.now();
const seconds = (from: number) => ((performance.now() - from) / 1000).toFixed(1);

// COPY text format: \N is null; backslash, tab, newline and carriage return are escaped.
const copyText = (v: string) => v.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
const copyField = (v: string | number | null) => (v === null ? "\\N" : typeof v === "number" ? String(v) : copyText(v));
const arrayLiteral = (xs: string[]) => `{${xs.map((x) => `"${x.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`;

function profileLine(p: GeneratedProfile): string {
  return `${[
    p.id,
    arrayLiteral(p.platforms),
    p.handle,
    p.displayName,
    p.bio,
    arrayLiteral(p.niches),
    p.followers,
    p.engagementRateBps,
    p.city,
    p.region,
    p.country,
    JSON.stringify(p.audience),
    p.contactEmail,
  ]
    .map(copyField)
    .join("\t")}\n`;
}

function audienceLines(p: GeneratedProfile): string {
  let out = "";
  for (const l of p.audience.locations) out += `${p.id}\t${l.kind}\t${copyText(l.name)}\t${l.share_bps}\t${p.followers}\n`;
  return out;
}

async function seedPostgres(url: string) {
  const { default: postgres } = await import("postgres");
  const sql = postgres(url, { onnotice: () => {}, max: 4 });
  // One seed at a time per database (two e2e workers may both find it empty).
  const lock = await sql.reserve();
  await lock`select pg_advisory_lock(hashtext('tally:discovery-seed'))`;
  try {
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from discovery_profiles`;
    const n = row?.n ?? 0;
    if (n > 0 && IF_EMPTY) return { profiles: 0, skipped: `${n} profiles exist already` };
    if (n > 0 && !RESET) throw new Error(`The discovery database has ${n} profiles already: pass --reset to replace them (this also clears unlocks).`);
    if (n > 0) await sql`truncate discovery_audience_locations, discovery_unlocks, discovery_profiles`;

    // Secondary indexes and the audience → profile foreign key are rebuilt after the load (much faster
    // than maintaining them row by row). Their definitions are read from the catalog, so they always
    // match the migrations.
    const indexes = await sql<{ name: string; def: string }[]>`
      select i.indexname as name, i.indexdef as def from pg_indexes i
      where i.schemaname = 'public' and i.tablename in ('discovery_profiles', 'discovery_audience_locations')
        and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`;
    const fks = await sql<{ table: string; name: string; def: string }[]>`
      select conrelid::regclass::text as table, conname as name, pg_get_constraintdef(oid) as def from pg_constraint
      where contype = 'f' and conrelid = 'discovery_audience_locations'::regclass`;
    for (const i of indexes) await sql.unsafe(`drop index if exists "${i.name}"`);
    for (const f of fks) await sql.unsafe(`alter table ${f.table} drop constraint "${f.name}"`);

    const t0 = performance.now();
    const profilesCopy = await sql
      .unsafe(
        "copy discovery_profiles (id, platforms, handle, display_name, bio, niches, followers, engagement_rate_bps, city, region, country, audience, contact_email) from stdin",
      )
      .writable();
    const audienceCopy = await sql.unsafe("copy discovery_audience_locations (profile_id, kind, name, share_bps, followers) from stdin").writable();
    const write = (stream: NodeJS.WritableStream, chunk: string) =>
      stream.write(chunk)
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => {
            // One pair of listeners per wait, both removed when either fires (no listener build-up).
            const onDrain = () => {
              stream.removeListener("error", onError);
              resolve();
            };
            const onError = (error: unknown) => {
              stream.removeListener("drain", onDrain);
              reject(error instanceof Error ? error : new Error(String(error)));
            };
            stream.once("drain", onDrain);
            stream.once("error", onError);
          });
    const finished = (stream: NodeJS.WritableStream) =>
      new Promise<void>((resolve, reject) => {
        stream.once("finish", () => resolve());
        stream.once("error", reject);
      });
    const done = Promise.all([finished(profilesCopy), finished(audienceCopy)]);
    done.catch(() => {}); // awaited below; a failure is handled there
    let profileChunk = "";
    let audienceChunk = "";
    let audienceRows = 0;
    try {
      for (let i = 0; i < COUNT; i++) {
        const p = generateProfile(SEED, i);
        profileChunk += profileLine(p);
        audienceChunk += audienceLines(p);
        audienceRows += p.audience.locations.length;
        if (i % 2000 === 1999 || i === COUNT - 1) {
          await Promise.all([write(profilesCopy, profileChunk), write(audienceCopy, audienceChunk)]);
          profileChunk = "";
          audienceChunk = "";
        }
        if (i % 100_000 === 99_999) log(`${i + 1} profiles streamed (${seconds(t0)} s)`);
      }
      profilesCopy.end();
      audienceCopy.end();
      await done;
    } catch (error) {
      // Stop both streams (a COPY that failed must not leave the other one waiting), put the
      // indexes and the foreign key back where possible, and say how to recover.
      profilesCopy.destroy();
      audienceCopy.destroy();
      for (const i of indexes) await sql.unsafe(i.def.replace(/^CREATE (UNIQUE )?INDEX /, "CREATE $1INDEX IF NOT EXISTS ")).catch(() => {});
      for (const f of fks) await sql.unsafe(`alter table ${f.table} add constraint "${f.name}" ${f.def}`).catch(() => {});
      throw new Error(`The load failed (${error instanceof Error ? error.message : String(error)}). Run again with --reset.`);
    }
    const copySeconds = (performance.now() - t0) / 1000;
    log(`COPY: ${COUNT} profiles and ${audienceRows} audience rows in ${copySeconds.toFixed(1)} s (${Math.round(COUNT / copySeconds)} profiles/s)`);

    // Rebuild: two lanes (2 cores), the biggest builds first.
    const t1 = performance.now();
    const order = [...indexes].sort((a, b) => Number(/gin_trgm_ops/.test(b.def)) - Number(/gin_trgm_ops/.test(a.def)) || Number(/audience/.test(b.def)) - Number(/audience/.test(a.def)));
    const queue = [...order];
    const lane = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const ti = performance.now();
        await sql.begin(async (tx) => {
          await tx`set local maintenance_work_mem = '512MB'`;
          await tx.unsafe(next.def);
        });
        log(`index ${next.name}: ${seconds(ti)} s`);
      }
    };
    await Promise.all([lane(), lane()]);
    for (const f of fks) await sql.unsafe(`alter table ${f.table} add constraint "${f.name}" ${f.def}`);
    // VACUUM sets the visibility map, so the index-only scans (audience, counts) skip the heap.
    await sql`vacuum (analyze) discovery_profiles`;
    await sql`vacuum (analyze) discovery_audience_locations`;
    const indexSeconds = (performance.now() - t1) / 1000;
    log(`indexes, foreign key and analyze: ${indexSeconds.toFixed(1)} s`);
    return { profiles: COUNT, audience_rows: audienceRows, copy_seconds: Number(copySeconds.toFixed(1)), index_seconds: Number(indexSeconds.toFixed(1)) };
  } finally {
    await lock`select pg_advisory_unlock(hashtext('tally:discovery-seed'))`;
    lock.release();
    await sql.end({ timeout: 5 });
  }
}

async function seedPglite() {
  const db = await getDb();
  const { discoveryProfiles } = await import("@/db/schema");
  const { count } = await import("drizzle-orm");
  const [{ n }] = (await db.select({ n: count() }).from(discoveryProfiles)) as [{ n: number }];
  if (n > 0 && IF_EMPTY) return { profiles: 0, skipped: `${n} profiles exist already` };
  if (n > 0 && !RESET) throw new Error(`The discovery database has ${n} profiles already: pass --reset to replace them (this also clears unlocks).`);
  if (n > 0) await db.delete(discoveryProfiles);
  const { insertDiscoveryProfiles } = await import("@/lib/discovery/insert-profiles");
  for (let start = 0; start < COUNT; start += 5_000) {
    const batch = Array.from({ length: Math.min(5_000, COUNT - start) }, (_, i) => generateProfile(SEED, start + i));
    await insertDiscoveryProfiles(db, batch);
    log(`${start + batch.length} profiles`);
  }
  return { profiles: COUNT };
}

try {
  await getDb(); // migrates
  const url = process.env.DATABASE_URL;
  const result = url ? (await closeDb(), await seedPostgres(url)) : await seedPglite();
  const total = (performance.now() - started) / 1000;
  process.stdout.write(`${JSON.stringify({ ...result, seed: SEED, total_seconds: Number(total.toFixed(1)), profiles_per_second: Math.round(result.profiles / total) })}\n`);
} catch (error) {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await closeDb().catch(() => {});
}
