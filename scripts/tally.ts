/**
 * Operator CLI (CONTRACT.md): `npm run tally -- <command> [--flags]`.
 * JSON on stdout, human errors on stderr, exit 0 on success.
 */
// A short-lived process: the 90-day backfill that connecting a store starts belongs to the app
// (Settings → Sync with Shopify), not to the CLI process that would run it in-process before exiting.
process.env.TALLY_DISABLE_AUTO_BACKFILL ??= "1";
import { closeDb, getDb } from "@/db/client";
import { AppError } from "@/lib/errors";
import { createApiKey } from "@/lib/api-keys/api-keys";
import { signUpBrand, ZSignUp } from "@/lib/auth/sign-up";
import { drainInProcessJobs } from "@/lib/jobs/run-in-process";
import { users, workspaces } from "@/db/schema";
import { connectCustomApp } from "@/lib/shops/connect-shop";
import { normalizeShopDomain } from "@/lib/shops/shop-domain";
import { getShopByDomain } from "@/lib/shops/get-connected-shop";
import { eq } from "drizzle-orm";
import { parseArgs } from "./cli-args";

const USAGE = `Usage: npm run tally -- <command>

  workspace:create --name NAME --owner-email E --owner-password P [--shop DOMAIN --shop-token TOKEN [--shop-secret S]]
  apikey:create --workspace ID [--name NAME]
  demo:seed [--creators N] [--orders N]
  workspace:set-plan --workspace ID|SLUG --plan free|growth|scale [--cycle-anchor ISO]
  workspace:set-cycle-anchor --workspace ID|SLUG --anchor ISO|now
  payout:create --workspace ID --currency USD [--cutoff ISO] [--minimum MINOR_UNITS]`;

function need(flags: Record<string, string>, name: string): string {
  const value = flags[name];
  if (!value || value === "true") throw new AppError("validation_failed", `--${name} is required.\n\n${USAGE}`);
  return value;
}

async function run(command: string | undefined, flags: Record<string, string>): Promise<unknown> {
  switch (command) {
    case "workspace:create": {
      const input = ZSignUp.safeParse({
        name: flags["owner-name"] ?? need(flags, "owner-email").split("@")[0],
        email: need(flags, "owner-email"),
        password: need(flags, "owner-password"),
        workspaceName: need(flags, "name"),
      });
      if (!input.success) {
        throw new AppError("validation_failed", input.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n"));
      }
      const shopDomain = flags.shop;
      if (shopDomain && !flags["shop-token"]) throw new AppError("validation_failed", `--shop-token is required with --shop.\n\n${USAGE}`);
      if (!shopDomain && flags["shop-token"]) throw new AppError("validation_failed", `--shop is required with --shop-token.\n\n${USAGE}`);
      const db = await getDb();
      if (shopDomain) {
        // Refuse before creating anything when the store belongs to another workspace.
        const existing = await getShopByDomain(db, normalizeShopDomain(shopDomain));
        if (existing) throw new AppError("conflict", `${existing.domain} is already connected to another workspace.`);
      }
      const { workspace, user } = await signUpBrand(db, input.data);
      let shop: { domain: string; name: string | null; currency: string | null; webhooks_registered: boolean } | undefined;
      if (shopDomain) {
        try {
          const connected = await connectCustomApp(db, {
            workspaceId: workspace.id,
            actorUserId: user.id,
            shop: shopDomain,
            accessToken: flags["shop-token"]!,
            webhookSecret: flags["shop-secret"],
          });
          shop = { domain: connected.domain, name: connected.name, currency: connected.currency, webhooks_registered: Boolean(connected.webhooksRegisteredAt) };
        } catch (error) {
          // Nothing half-written: the workspace goes away with the failed connection.
          await db.delete(workspaces).where(eq(workspaces.id, workspace.id));
          await db.delete(users).where(eq(users.id, user.id));
          throw error;
        }
      }
      const key = await createApiKey(db, {
        workspaceId: workspace.id,
        name: "Created by CLI",
        actor: { kind: "system", id: "cli" },
        createdByUserId: user.id,
      });
      return { workspace_id: workspace.id, workspace_slug: workspace.slug, api_key: key.key, ...(shop ? { shop } : {}) };
    }
    case "apikey:create": {
      const db = await getDb();
      const workspaceId = need(flags, "workspace");
      const [workspace] = await db.select().from(workspaces).where(eq(workspaces.id, workspaceId));
      if (!workspace) throw new AppError("not_found", `No workspace with id ${workspaceId}.`);
      const key = await createApiKey(db, {
        workspaceId,
        name: flags.name ?? "Created by CLI",
        actor: { kind: "system", id: "cli" },
      });
      return { api_key: key.key, api_key_id: key.id };
    }
    case "demo:seed": {
      // The whole demo through the real webhook path: the simulator (SHOPIFY_ADMIN_ORIGIN) places the
      // orders, the app at APP_URL receives them. One progress line per step on stderr.
      const { seedFullDemo } = await import("@/lib/demo/seed-full-demo");
      const { appUrl, env } = await import("@/lib/env");
      const count = (name: string) => {
        const raw = flags[name];
        if (raw === undefined) return undefined;
        const n = Number(raw);
        if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n)) throw new AppError("validation_failed", `--${name} is a whole number (got "${raw}").\n\n${USAGE}`);
        return n;
      };
      const creators = count("creators");
      const ordersWanted = count("orders");
      const db = await getDb();
      const started = Date.now();
      const say = (line: string) => process.stderr.write(`[demo:seed] ${line} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
      const result = await seedFullDemo(db, {
        simulatorOrigin: env().SHOPIFY_ADMIN_ORIGIN ?? "http://127.0.0.1:4455",
        appUrl: appUrl(),
        creators,
        orders: ordersWanted,
        onStep: say,
      });
      const { demoBanner } = await import("@/lib/demo/seed-demo");
      if (!flags["no-banner"]) process.stderr.write(`${demoBanner(appUrl(), env().SHOPIFY_ADMIN_ORIGIN ?? "http://127.0.0.1:4455")}\n`);
      return {
        workspace_id: result.workspaceId,
        workspace_slug: result.workspaceSlug,
        shop: result.shop,
        seeded: result.seeded,
        creators: result.creators,
        orders_placed: result.ordersPlaced,
        orders_recorded: result.ordersRecorded,
      };
    }
    case "workspace:set-plan":
    case "workspace:set-cycle-anchor": {
      const { setWorkspacePlan } = await import("@/lib/discovery/set-workspace-plan");
      const { getUnlockQuota, quotaJson } = await import("@/lib/discovery/get-unlock-quota");
      const anchorFlag = command === "workspace:set-plan" ? flags["cycle-anchor"] : need(flags, "anchor");
      const db = await getDb();
      const ws = await setWorkspacePlan(db, {
        workspace: need(flags, "workspace"),
        plan: command === "workspace:set-plan" ? need(flags, "plan") : undefined,
        cycleAnchor: anchorFlag === undefined ? undefined : anchorFlag === "now" ? new Date() : new Date(anchorFlag),
        actor: { kind: "system", id: "cli" },
      });
      return { workspace_id: ws.id, plan: ws.plan, billing_cycle_anchor: ws.billingCycleAnchor.toISOString(), unlocks: quotaJson(await getUnlockQuota(db, { workspaceId: ws.id, now: new Date() })) };
    }
    case "payout:create": {
      const { createPayout } = await import("@/lib/payouts/create-payout");
      const { getPayoutOrThrow } = await import("@/lib/payouts/list-payouts");
      const { payoutJson } = await import("@/lib/serializers/payouts");
      const db = await getDb();
      const workspaceId = need(flags, "workspace");
      const [workspace] = await db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, workspaceId));
      if (!workspace) throw new AppError("not_found", `No workspace with id ${workspaceId}.`);
      const minimum = flags.minimum === undefined ? undefined : Number(flags.minimum);
      const created = await createPayout(db, {
        workspaceId,
        currency: need(flags, "currency"),
        cutoff: flags.cutoff === undefined ? undefined : new Date(flags.cutoff),
        minimumAmountCents: minimum,
        actor: { kind: "system", id: "cli" },
      });
      const { payout, items } = await getPayoutOrThrow(db, { workspaceId, payoutId: created.id });
      return payoutJson(payout, items);
    }
    case undefined:
    case "help":
    case "--help":
      process.stdout.write(`${USAGE}\n`);
      return undefined;
    default:
      throw new AppError("bad_request", `Unknown command "${command}".\n\n${USAGE}`);
  }
}

async function main() {
  let code = 0;
  try {
    const { command, flags } = parseArgs(process.argv.slice(2));
    const result = await run(command, flags);
    await drainInProcessJobs();
    if (result !== undefined) process.stdout.write(`${JSON.stringify(result)}\n`);
  } catch (error) {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    code = 1;
  } finally {
    await closeDb().catch(() => {});
  }
  process.exit(code);
}

void main();
