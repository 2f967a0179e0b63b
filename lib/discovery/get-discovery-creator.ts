import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { AppError } from "@/lib/errors";
import { creatorColumns, toDiscoveryCreator, type DiscoveryCreator } from "./discovery-creator";

/** One discovery profile as this workspace sees it (email only if the workspace unlocked it). */
export async function getDiscoveryCreatorOrThrow(db: Db, input: { workspaceId: string; profileId: string }): Promise<DiscoveryCreator> {
  const rows = await queryRows<Parameters<typeof toDiscoveryCreator>[0]>(
    db,
    sql`select ${creatorColumns(input.workspaceId)} where p.id = ${input.profileId} limit 1`,
  );
  if (!rows[0]) throw new AppError("not_found", "Creator not found.");
  return toDiscoveryCreator(rows[0]);
}
