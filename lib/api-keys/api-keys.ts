import { randomBytes } from "node:crypto";
import { and, desc, eq, isNull, lt, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiKeys, workspaces } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { recordAudit, type Actor } from "@/lib/audit/record-audit";
import { sha256 } from "@/lib/auth/tokens";

import { ZApiKeyName } from "./schemas";

export { ZApiKeyName };

/** Creates a key `tly_…` for a workspace. The full key is returned once; only its hash is stored. */
export async function createApiKey(
  db: Db,
  input: { workspaceId: string; name: string; actor: Actor; createdByUserId?: string },
) {
  const name = ZApiKeyName.parse(input.name);
  const key = `tly_${randomBytes(24).toString("base64url")}`;
  const [row] = await db
    .insert(apiKeys)
    .values({
      workspaceId: input.workspaceId,
      name,
      prefix: key.slice(0, 12),
      keyHash: sha256(key),
      createdByUserId: input.createdByUserId ?? null,
    })
    .returning();
  await recordAudit(db, {
    workspaceId: input.workspaceId,
    actor: input.actor,
    action: "api_key.created",
    targetType: "api_key",
    targetId: row!.id,
    data: { name, prefix: row!.prefix },
  });
  return { id: row!.id, name, prefix: row!.prefix, key, createdAt: row!.createdAt };
}

export async function listApiKeys(db: Db, workspaceId: string) {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
      createdAt: apiKeys.createdAt,
    })
    .from(apiKeys)
    .where(eq(apiKeys.workspaceId, workspaceId))
    .orderBy(desc(apiKeys.createdAt));
}

export async function revokeApiKey(db: Db, input: { workspaceId: string; keyId: string; actor: Actor }) {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.workspaceId, input.workspaceId), eq(apiKeys.id, input.keyId), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id, prefix: apiKeys.prefix });
  if (!row) throw new AppError("not_found", "API key not found or already revoked.");
  await recordAudit(db, {
    workspaceId: input.workspaceId,
    actor: input.actor,
    action: "api_key.revoked",
    targetType: "api_key",
    targetId: row.id,
    data: { prefix: row.prefix },
  });
}

/** Resolves a bearer key to its workspace, or null when unknown or revoked. Touches `last_used_at` at most once a minute. */
export async function authenticateApiKey(db: Db, key: string) {
  if (!key.startsWith("tly_")) return null;
  const [row] = await db
    .select({ key: apiKeys, workspace: workspaces })
    .from(apiKeys)
    .innerJoin(workspaces, eq(workspaces.id, apiKeys.workspaceId))
    .where(and(eq(apiKeys.keyHash, sha256(key)), isNull(apiKeys.revokedAt)))
    .limit(1);
  if (!row) return null;
  const minuteAgo = new Date(Date.now() - 60_000);
  if (!row.key.lastUsedAt || row.key.lastUsedAt < minuteAgo) {
    await db
      .update(apiKeys)
      .set({ lastUsedAt: new Date() })
      .where(and(eq(apiKeys.id, row.key.id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, minuteAgo))));
  }
  return { apiKeyId: row.key.id, workspace: row.workspace };
}
