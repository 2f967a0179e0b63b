import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { appUrl } from "@/lib/env";
import { queueEmail } from "./queue-email";
import { workspaceAdmins } from "./recipients";
import { renderNotice } from "./render-notice";

const LISTED = 10;

/**
 * After a code push: tells the workspace's owners and admins which of the campaign's codes Shopify
 * refused (a brand-chosen code already in the store, a lost connection), once per set of failures:
 * the cause is the campaign and a hash of its failed codes, so a retried or repeated push with no new
 * failure sends nothing. Returns how many emails it queued.
 */
export async function notifyCodePushFailures(db: Db, input: { workspaceId: string; campaignId: string }): Promise<number> {
  const failed = await queryRows<{ id: string; code: string; reason: string | null; campaign: string }>(
    db,
    sql`SELECT d.id, d.code, d.failure_reason AS reason, c.name AS campaign FROM discount_codes d JOIN campaigns c ON c.id = d.campaign_id
        WHERE d.workspace_id = ${input.workspaceId} AND d.campaign_id = ${input.campaignId} AND d.status = 'failed' AND d.deactivated_at IS NULL
        ORDER BY d.code`,
  );
  if (failed.length === 0) return 0;
  const hash = createHash("sha256").update(failed.map((f) => f.id).sort().join(",")).digest("base64url").slice(0, 22);
  const campaign = failed[0]!.campaign;
  const lines = failed.slice(0, LISTED).map((f) => `${f.code}: ${f.reason ?? "refused by Shopify"}`);
  if (failed.length > LISTED) lines.push(`… and ${failed.length - LISTED} more.`);
  const admins = await workspaceAdmins(db, input.workspaceId);
  for (const a of admins) {
    const n = failed.length;
    await queueEmail(
      await renderNotice(
        {
          to: a.email,
          kind: "code-push-failed",
          brand: a.brand,
          subject: `${n} code${n === 1 ? "" : "s"} of ${campaign} could not be pushed to Shopify`,
          body: {
            preview: `${n} code${n === 1 ? "" : "s"} not in your store yet`,
            heading: `${n} code${n === 1 ? "" : "s"} could not be pushed to Shopify`,
            paragraphs: [`Campaign ${campaign}: these creators' codes do not work at checkout yet.`, ...lines, "Set another code for each of them on the campaign page; it is pushed at once."],
            button: { href: `${appUrl()}/brand/${a.slug}/campaigns/${input.campaignId}`, label: "Open the campaign" },
          },
        },
        { cause: `code_push:${input.campaignId}:${hash}`, workspaceId: input.workspaceId },
      ),
    );
  }
  return admins.length;
}
