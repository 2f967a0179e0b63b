import { sql } from "drizzle-orm";
import { databaseKind, getDb } from "@/db/client";
import { inngestConfigured } from "@/lib/env";
import { methodsNotAllowed } from "@/lib/api/method-not-allowed";

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

/** Any other method: 405 with the JSON error and an Allow header. */
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
