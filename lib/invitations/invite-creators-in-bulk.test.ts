import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { creators, invitations } from "@/db/schema";
import { sha256 } from "@/lib/auth/tokens";
import { createTestBrand, uniq } from "@/test/factories";
import { inviteCreatorsInBulk } from "./invite-creators-in-bulk";

const DAY = 86_400_000;

/** A creator without a login, and an invitation from the brand that expires at `expiresAt`. */
async function creatorInvitedUntil(brand: Awaited<ReturnType<typeof createTestBrand>>, expiresAt: Date) {
  const email = `bulk-${uniq()}@example.com`;
  const [creator] = await brand.db.insert(creators).values({ email, fullName: "Bulk Creator" }).returning();
  await brand.db.insert(invitations).values({
    workspaceId: brand.workspace.id,
    kind: "creator",
    email,
    creatorId: creator!.id,
    tokenHash: sha256(uniq()),
    expiresAt,
    createdAt: new Date(expiresAt.getTime() - 14 * DAY),
  });
  return creator!;
}

const invitationsOf = (brand: Awaited<ReturnType<typeof createTestBrand>>, creatorId: string) =>
  brand.db
    .select()
    .from(invitations)
    .where(and(eq(invitations.workspaceId, brand.workspace.id), eq(invitations.creatorId, creatorId)))
    .orderBy(invitations.createdAt);

describe("inviteCreatorsInBulk", () => {
  it("a creator whose invitation expired is invited again when added to a new campaign", async () => {
    const brand = await createTestBrand();
    const creator = await creatorInvitedUntil(brand, new Date(Date.now() - DAY));

    const result = await inviteCreatorsInBulk(brand.db, { workspaceId: brand.workspace.id, invitedByUserId: brand.user.id, creatorIds: [creator.id] });

    expect(result).toEqual({ invited: 1 });
    const rows = await invitationsOf(brand, creator.id);
    expect(rows).toHaveLength(2);
    expect(rows[0]!.revokedAt).not.toBeNull(); // the expired one is closed…
    expect(rows[1]!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 13 * DAY); // …and a fresh one is open
    expect(rows[1]!.acceptedAt).toBeNull();
    expect(rows[1]!.revokedAt).toBeNull();
  });

  it("a creator with an open invitation is not invited twice", async () => {
    const brand = await createTestBrand();
    const creator = await creatorInvitedUntil(brand, new Date(Date.now() + DAY));

    const result = await inviteCreatorsInBulk(brand.db, { workspaceId: brand.workspace.id, invitedByUserId: brand.user.id, creatorIds: [creator.id] });

    expect(result).toEqual({ invited: 0 });
    expect(await invitationsOf(brand, creator.id)).toHaveLength(1);
  });
});
