import { and, gt, isNull, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { invitations } from "@/db/schema";

/**
 * The one rule for "an invitation is open": not accepted, not revoked, not expired. Anything else
 * (accepting, listing, deciding whom to invite again) uses this, in SQL or on a loaded row.
 */
export function isOpenInvitationSql(now: Date = new Date()): SQL {
  return and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now))!;
}

export function isOpenInvitation(row: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now: Date = new Date()): boolean {
  return row.acceptedAt === null && row.revokedAt === null && row.expiresAt > now;
}

/**
 * Not accepted and not revoked, expired or not: what the partial unique index
 * `invitations_open_key` allows once per (workspace, kind, email). A new invitation revokes these
 * first, so that an expired one never blocks it.
 */
export function isUnconsumedInvitationSql(): SQL {
  return and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt))!;
}

/** Marks the open invitation that `which` names as accepted, exactly once; null when none is open. */
export async function acceptOpenInvitation(tx: Db, which: SQL | undefined) {
  const [invitation] = await tx
    .update(invitations)
    .set({ acceptedAt: new Date() })
    .where(and(which, isOpenInvitationSql()))
    .returning();
  return invitation ?? null;
}
