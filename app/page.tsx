import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { getSessionUser } from "@/lib/auth/session";
import { homeFor, listPortals } from "@/lib/auth/list-portals";

/** Sends everyone to the right place: sign-in, their brand workspace, or their creator portal. */
export default async function Home() {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  redirect(homeFor(await listPortals(await getDb(), user.id)));
}
