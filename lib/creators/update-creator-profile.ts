import { z } from "zod";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { creators, invitations, workspaceCreators, workspaces } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { isOpenInvitationSql } from "@/lib/invitations/open-invitation";

/** A handle as creators type it: an optional leading @, then 2–30 letters, digits, dots or underscores. */
export const ZCreatorProfile = z.object({
  fullName: z.string().trim().min(1, "Enter your name.").max(120, "At most 120 characters."),
  handle: z
    .string()
    .trim()
    .transform((v) => v.replace(/^@/, ""))
    .pipe(z.union([z.literal(""), z.string().regex(/^[A-Za-z0-9._]{2,30}$/, "2–30 letters, digits, dots or underscores.")]))
    .optional()
    .transform((v) => (v ? v : null)),
  payoutEmail: z
    .string()
    .trim()
    .pipe(z.union([z.literal(""), z.string().email("Enter a valid email address.").max(254)]))
    .optional()
    .transform((v) => (v ? v.toLowerCase() : null)),
  instagram: socialLink("instagram.com"),
  tiktok: socialLink("tiktok.com"),
  youtube: socialLink("youtube.com"),
});

/** An optional https link on the given site (or a subdomain of it). */
function socialLink(site: string) {
  return z
    .string()
    .trim()
    .optional()
    .transform((v) => v || null)
    .refine((v) => {
      if (!v) return true;
      try {
        const url = new URL(v);
        return url.protocol === "https:" && (url.hostname === site || url.hostname.endsWith(`.${site}`));
      } catch {
        return false;
      }
    }, `Use your full profile link, e.g. https://${site}/yourhandle.`);
}
export type CreatorProfileInput = z.infer<typeof ZCreatorProfile>;

/** Updates the signed-in creator's own name and handle (scoped by creator id: never anyone else's). */
export async function updateCreatorProfile(db: Db, creatorId: string, input: CreatorProfileInput) {
  const [updated] = await db
    .update(creators)
    .set({
      fullName: input.fullName,
      handle: input.handle,
      payoutEmail: input.payoutEmail,
      socialLinks: Object.fromEntries(
        (["instagram", "tiktok", "youtube"] as const).flatMap((k) => (input[k] ? [[k, input[k]]] : [])),
      ),
      updatedAt: new Date(),
    })
    .where(eq(creators.id, creatorId))
    .returning({ id: creators.id, fullName: creators.fullName, handle: creators.handle });
  if (!updated) throw new AppError("not_found", "Creator profile not found.");
  return updated;
}

/**
 * Brands that invited this creator and whose invitation is still open. Only the token's hash is stored,
 * so the accept link cannot be shown again: the creator uses the link from the invitation email.
 */
export async function listPendingCreatorInvitations(db: Db, creatorId: string, now = new Date()) {
  const pending = await db
    .select({ workspaceId: workspaceCreators.workspaceId, brand: workspaces.name, since: workspaceCreators.createdAt })
    .from(workspaceCreators)
    .innerJoin(workspaces, eq(workspaces.id, workspaceCreators.workspaceId))
    .where(and(eq(workspaceCreators.creatorId, creatorId), eq(workspaceCreators.status, "invited")));
  if (pending.length === 0) return [];
  const open = await db
    .select({ workspaceId: invitations.workspaceId, expiresAt: invitations.expiresAt })
    .from(invitations)
    .where(
      and(
        eq(invitations.creatorId, creatorId),
        eq(invitations.kind, "creator"),
        inArray(
          invitations.workspaceId,
          pending.map((p) => p.workspaceId),
        ),
        isOpenInvitationSql(now),
      ),
    );
  return pending.map((p) => ({ ...p, expiresAt: open.find((o) => o.workspaceId === p.workspaceId)?.expiresAt ?? null }));
}
