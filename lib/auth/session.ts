import { cache } from "react";
import { auth } from "./auth";

export type SessionUser = { id: string; email: string; name: string | null; sessionId: string | null };

/** The signed-in user, or null. Once per request (React's `cache`): each call checks the session record. */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  const user = session?.user;
  if (!user?.id || !user.email) return null;
  return { id: user.id, email: user.email, name: user.name ?? null, sessionId: session?.sessionId ?? null };
});
