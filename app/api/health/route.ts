import { sql } from "drizzle-orm";
import { databaseKind, getDb } from "@/db/client";
import { inngestConfigured } from "@/lib/env";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const db = await getDb();
    await db.execute(sql`select 1`);
    return Response.json({ ok: true, database: await databaseKind(), jobs: inngestConfigured() ? "inngest" : "in-process" });
  } catch {
    return Response.json({ ok: false }, { status: 503 });
  }
}
