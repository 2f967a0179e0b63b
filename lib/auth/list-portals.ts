import type { Db } from "@/db/client";
import { getCreatorForUser } from "@/lib/creators/get-creator-for-user";
import { listUserWorkspaces } from "@/lib/workspaces/get-brand-access";

export type Portals = {
  workspaces: { id: string; name: string; slug: string; role: string }[];
  creator: { id: string; fullName: string } | null;
};

/** Every portal a user can open: the brand workspaces they belong to and their creator portal. */
export async function listPortals(db: Db, userId: string): Promise<Portals> {
  const [workspaces, creator] = await Promise.all([listUserWorkspaces(db, userId), getCreatorForUser(db, userId)]);
  return { workspaces, creator: creator ? { id: creator.id, fullName: creator.fullName } : null };
}

export function homeFor(portals: Portals): string {
  if (portals.workspaces[0]) return `/brand/${portals.workspaces[0].slug}`;
  if (portals.creator) return "/creator";
  return "/onboarding";
}
