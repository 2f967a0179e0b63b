import { index, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { belongsTo, createdAt, id, tstz } from "./columns";
import { users } from "./auth";
import { workspaces } from "./workspaces";

/** Developer API keys. The key is shown once; only its SHA-256 is stored, with a display prefix. */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: id("apiKey"),
    workspaceId: belongsTo(() => workspaces.id),
    name: text().notNull(),
    prefix: text().notNull(),
    keyHash: text().notNull(),
    createdByUserId: text().references(() => users.id, { onDelete: "set null" }),
    lastUsedAt: tstz(),
    revokedAt: tstz(),
    createdAt: createdAt(),
  },
  (t) => [
    // every API request: WHERE key_hash = $1
    uniqueIndex("api_keys_key_hash_key").on(t.keyHash),
    // Developers page: WHERE workspace_id = $1 ORDER BY created_at DESC
    index("api_keys_workspace_created_idx").on(t.workspaceId, t.createdAt),
  ],
);
