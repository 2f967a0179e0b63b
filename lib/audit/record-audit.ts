import type { Db } from "@/db/client";
import { auditLog } from "@/db/schema";

export type Actor =
  | { kind: "user"; id: string }
  | { kind: "api_key"; id: string }
  | { kind: "system"; id?: string }
  | { kind: "shopify"; id?: string };

export async function recordAudit(
  db: Db,
  input: {
    workspaceId: string;
    actor: Actor;
    action: string;
    targetType?: string;
    targetId?: string;
    data?: Record<string, unknown>;
  },
): Promise<void> {
  await db.insert(auditLog).values({
    workspaceId: input.workspaceId,
    actorKind: input.actor.kind,
    actorId: input.actor.id ?? null,
    action: input.action,
    targetType: input.targetType ?? null,
    targetId: input.targetId ?? null,
    data: input.data ?? {},
  });
}
