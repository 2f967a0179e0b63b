import { check, index, integer, pgEnum, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { belongsTo, createdAt, id, tstz, updatedAt } from "./columns";
import { users } from "./auth";

export const memberRole = pgEnum("member_role", ["owner", "admin", "member"]);
export const invitationKind = pgEnum("invitation_kind", ["member", "creator"]);
export const tieBreakRule = pgEnum("tie_break_rule", ["first_listed", "oldest_assigned"]);
export const selfReferralMode = pgEnum("self_referral_mode", ["deny", "flag"]);
/** Decides the monthly email-unlock allowance of creator discovery (lib/discovery/plans.ts). */
export const workspacePlan = pgEnum("workspace_plan", ["free", "growth", "scale"]);

/** A brand's tenant. `slug` is what appears in brand-portal URLs. */
export const workspaces = pgTable(
  "workspaces",
  {
    id: id("workspace"),
    name: text().notNull(),
    slug: text().notNull(),
    /** Attribution settings (lib/attribution). */
    tieBreakRule: tieBreakRule().notNull().default("first_listed"),
    selfReferralMode: selfReferralMode().notNull().default("deny"),
    clickWindowDays: integer().notNull().default(30),
    /** Flag the first order of a creator who joined less than this many days before it; null = off. */
    newCreatorFlagDays: integer(),
    /**
     * Hosts the brand sends shoppers to besides its Shopify store (its own storefront domains):
     * landing URLs may point at these hosts and their subdomains (lib/campaigns/landing-url.ts).
     */
    declaredDomains: text().array().notNull().default(sql`'{}'::text[]`),
    plan: workspacePlan().notNull().default("free"),
    /** The return window: earned commission is held this many days after the order was paid (lib/payouts). */
    payoutHoldDays: integer().notNull().default(30),
    /** Billing cycles are monthly from this instant (lib/discovery/billing-cycle.ts). */
    billingCycleAnchor: tstz().notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // brand portal routing: WHERE slug = $1
    uniqueIndex("workspaces_slug_key").on(t.slug),
    check("workspaces_payout_hold_days_range", sql`${t.payoutHoldDays} BETWEEN 0 AND 365`),
  ],
);

export const memberships = pgTable(
  "memberships",
  {
    workspaceId: belongsTo(() => workspaces.id),
    userId: belongsTo(() => users.id),
    role: memberRole().notNull().default("member"),
    createdAt: createdAt(),
  },
  (t) => [
    // guard: WHERE workspace_id = $1 AND user_id = $2 (primary key); team page: WHERE workspace_id = $1
    primaryKey({ columns: [t.workspaceId, t.userId] }),
    // portal switcher: the workspaces of one user
    index("memberships_user_id_idx").on(t.userId),
  ],
);

/**
 * An invitation to join a workspace as a member (with a role) or to work with it as a creator.
 * Only the SHA-256 of the link's token is stored.
 */
export const invitations = pgTable(
  "invitations",
  {
    id: id("invitation"),
    workspaceId: belongsTo(() => workspaces.id),
    kind: invitationKind().notNull(),
    email: text().notNull(),
    role: memberRole(),
    creatorId: text(),
    tokenHash: text().notNull(),
    invitedByUserId: text().references(() => users.id, { onDelete: "set null" }),
    expiresAt: tstz().notNull(),
    acceptedAt: tstz(),
    revokedAt: tstz(),
    createdAt: createdAt(),
  },
  (t) => [
    // accept link: WHERE token_hash = $1
    uniqueIndex("invitations_token_hash_key").on(t.tokenHash),
    // team page: pending invitations of a workspace, newest first
    index("invitations_workspace_created_idx").on(t.workspaceId, t.createdAt),
    // at most one open invitation per (workspace, kind, email)
    uniqueIndex("invitations_open_key")
      .on(t.workspaceId, t.kind, t.email)
      .where(sql`accepted_at IS NULL AND revoked_at IS NULL`),
  ],
);
