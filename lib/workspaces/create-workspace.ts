import { eq, like } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships, workspaces } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";

import { ZWorkspaceName } from "./schemas";

export { ZWorkspaceName };

export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
  return slug || "workspace";
}

async function uniqueSlug(db: Db, name: string): Promise<string> {
  const base = slugify(name);
  const taken = new Set(
    (await db.select({ slug: workspaces.slug }).from(workspaces).where(like(workspaces.slug, `${base}%`))).map(
      (r) => r.slug,
    ),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** Creates a workspace with its owner. Run inside the caller's transaction when part of a larger write. */
export async function createWorkspace(db: Db, input: { name: string; ownerUserId: string }) {
  const name = ZWorkspaceName.parse(input.name);
  for (let attempt = 0; attempt < 5; attempt++) {
    const slug = await uniqueSlug(db, name);
    const [workspace] = await db.insert(workspaces).values({ name, slug }).onConflictDoNothing().returning();
    if (!workspace) continue; // another sign-up took the slug between our read and insert
    await db.insert(memberships).values({ workspaceId: workspace.id, userId: input.ownerUserId, role: "owner" });
    await recordAudit(db, {
      workspaceId: workspace.id,
      actor: { kind: "user", id: input.ownerUserId },
      action: "workspace.created",
      targetType: "workspace",
      targetId: workspace.id,
    });
    return workspace;
  }
  throw new Error("Could not allocate a workspace slug");
}

export async function getWorkspaceBySlug(db: Db, slug: string) {
  const [workspace] = await db.select().from(workspaces).where(eq(workspaces.slug, slug)).limit(1);
  return workspace ?? null;
}
