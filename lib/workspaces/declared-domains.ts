import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { workspaces } from "@/db/schema";
import { recordAudit, type Actor } from "@/lib/audit/record-audit";

export const MAX_DECLARED_DOMAINS = 20;

const HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;
/** Domains that would let a brand send visitors to anyone's store. */
const SHARED_DOMAINS = new Set(["myshopify.com", "shopify.com", "shopifypreview.com"]);

/** One storefront domain as typed ("https://Shop.Glow.com/" → "shop.glow.com"). */
export const ZDeclaredDomain = z
  .string()
  .trim()
  .toLowerCase()
  .transform((v) => v.replace(/^https?:\/\//, "").replace(/\/.*$/, "").replace(/\.$/, ""))
  .refine((v) => HOSTNAME.test(v), "Use a domain name such as glowskincare.com.")
  .refine((v) => !SHARED_DOMAINS.has(v), "That domain is shared by every Shopify store: your myshopify.com store is already allowed.");

/** The settings form: one domain per line (or separated by commas or spaces); each bad one is named. */
export const ZDeclaredDomainsText = z
  .string()
  .max(5000, "That is too long for a list of domains.")
  .transform((text, ctx) => {
    const domains: string[] = [];
    for (const item of text.split(/[\s,]+/).filter(Boolean)) {
      const parsed = ZDeclaredDomain.safeParse(item);
      if (!parsed.success) ctx.addIssue({ code: "custom", message: `${item.slice(0, 80)}: ${parsed.error.issues[0]!.message}` });
      else if (!domains.includes(parsed.data)) domains.push(parsed.data);
    }
    if (domains.length > MAX_DECLARED_DOMAINS) ctx.addIssue({ code: "custom", message: `Declare at most ${MAX_DECLARED_DOMAINS} domains.` });
    return domains;
  });

export async function getDeclaredDomains(db: Db, workspaceId: string): Promise<string[]> {
  const [row] = await db.select({ domains: workspaces.declaredDomains }).from(workspaces).where(eq(workspaces.id, workspaceId)).limit(1);
  return row?.domains ?? [];
}

/** Replaces the workspace's declared storefront domains (audited). */
export async function setDeclaredDomains(db: Db, input: { workspaceId: string; actor: Actor; domains: string[] }): Promise<string[]> {
  const domains = z.array(ZDeclaredDomain).max(MAX_DECLARED_DOMAINS).parse(input.domains);
  await db.update(workspaces).set({ declaredDomains: domains }).where(eq(workspaces.id, input.workspaceId));
  await recordAudit(db, {
    workspaceId: input.workspaceId,
    actor: input.actor,
    action: "workspace.domains_changed",
    targetType: "workspace",
    targetId: input.workspaceId,
    data: { domains },
  });
  return domains;
}
