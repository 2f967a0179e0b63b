import { index, jsonb, pgEnum, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { belongsTo, createdAt, id, updatedAt } from "./columns";
import { users } from "./auth";
import { workspaces } from "./workspaces";

export const workspaceCreatorStatus = pgEnum("workspace_creator_status", ["invited", "active", "removed"]);

/**
 * A creator's identity: one person across every brand they work with.
 * `userId` is set once they accept an invitation and have a login.
 */
export const creators = pgTable(
  "creators",
  {
    id: id("creator"),
    userId: text().references(() => users.id, { onDelete: "set null" }),
    email: text().notNull(),
    fullName: text().notNull(),
    handle: text(),
    /** Where the creator wants to be paid (may differ from the login email). */
    payoutEmail: text(),
    /** Profile links, e.g. { instagram: "https://instagram.com/…", tiktok: …, youtube: … }. */
    socialLinks: jsonb().$type<Partial<Record<"instagram" | "tiktok" | "youtube", string>>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // roster import and invitation: WHERE email = $1 (stored lower-cased)
    uniqueIndex("creators_email_key").on(t.email),
    // creator portal: WHERE user_id = $1
    uniqueIndex("creators_user_id_key").on(t.userId),
  ],
);

/** A creator's relationship with one workspace (brand). */
export const workspaceCreators = pgTable(
  "workspace_creators",
  {
    workspaceId: belongsTo(() => workspaces.id),
    creatorId: belongsTo(() => creators.id),
    status: workspaceCreatorStatus().notNull().default("invited"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // brand roster: WHERE workspace_id = $1 (leading column of the primary key)
    primaryKey({ columns: [t.workspaceId, t.creatorId] }),
    // creator portal: the brands of one creator
    index("workspace_creators_creator_id_idx").on(t.creatorId),
  ],
);
