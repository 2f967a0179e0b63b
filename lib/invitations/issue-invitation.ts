import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { invitations } from "@/db/schema";
import { createSecretToken } from "@/lib/auth/tokens";
import { queueEmail } from "@/lib/email/queue-email";
import { appUrl } from "@/lib/env";
import { isUnconsumedInvitationSql } from "./open-invitation";

/** An invitation link works for 14 days. */
export const INVITATION_TTL_MS = 14 * 24 * 60 * 60 * 1000;

export const invitationLink = (token: string) => `${appUrl()}/invite/${token}`;

/** A new invitation (replacing any unconsumed one for the same person), its email queued. */
export async function issueInvitation(
  db: Db,
  values: Omit<typeof invitations.$inferInsert, "tokenHash" | "expiresAt">,
  workspaceName: string,
) {
  const { token, hash } = createSecretToken();
  // A new invitation replaces any open one for the same person.
  await db
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(invitations.workspaceId, values.workspaceId),
        eq(invitations.kind, values.kind),
        eq(invitations.email, values.email),
        isUnconsumedInvitationSql(),
      ),
    );
  const [invitation] = await db
    .insert(invitations)
    .values({ ...values, tokenHash: hash, expiresAt: new Date(Date.now() + INVITATION_TTL_MS) })
    .returning();
  const link = invitationLink(token);
  await queueEmail({
    to: values.email,
    subject:
      values.kind === "creator" ? `${workspaceName} invited you to Tally` : `Join ${workspaceName} on Tally`,
    text: `You have been invited to ${workspaceName} on Tally. Accept within 14 days:\n\n${link}`,
    link,
    kind: `invitation-${values.kind}`,
  });
  return { invitation: invitation!, link };
}
