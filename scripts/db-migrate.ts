/** `npm run db:migrate`: applies committed migrations to DATABASE_URL (or the embedded database). */
import { closeDb, databaseKind, getDb } from "@/db/client";

await getDb();
console.log(`migrations applied (${await databaseKind()})`);
await closeDb();
