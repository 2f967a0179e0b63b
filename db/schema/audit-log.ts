import { index, jsonb, pgEnum, pgTable, text } from "drizzle-orm/pg-core";
import { belongsTo, createdAt, id } from "./columns";
import { workspaces } from "./workspaces";

export const actorKind = pgEnum("actor_kind", ["user", "api_key", "system", "shopify"]);

/** Append-only record of who did what in a workspace. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: id("audit"),
    workspaceId: belongsTo(() => workspaces.id),
    actorKind: actorKind().notNull(),
    actorId: text(),
    action: text().notNull(),
    targetType: text(),
    targetId: text(),
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    // settings > activity: WHERE workspace_id = $1 ORDER BY created_at DESC
    index("audit_log_workspace_created_idx").on(t.workspaceId, t.createdAt.desc()),
  ],
);
