import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { createWorkspace } from "@/lib/workspaces/create-workspace";
import { hashPassword } from "./passwords";
import { normalizeEmail } from "./tokens";

import type { TSignUp } from "./schemas";
export { ZSignUp, type TSignUp } from "./schemas";

/** A brand signs up: the user, their workspace and their owner membership, in one transaction. */
export async function signUpBrand(db: Db, input: TSignUp) {
  const email = normalizeEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ name: input.name, email, passwordHash })
      .onConflictDoNothing({ target: users.email })
      .returning();
    if (!user) {
      throw new AppError("conflict", "An account with this email already exists. Sign in instead.", {
        fields: { email: ["An account with this email already exists."] },
      });
    }
    const workspace = await createWorkspace(tx as unknown as Db, { name: input.workspaceName, ownerUserId: user.id });
    return { user, workspace };
  });
}

export async function createUserWithPassword(db: Db, input: { email: string; name: string; password: string }) {
  const email = normalizeEmail(input.email);
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
  if (existing) throw new AppError("conflict", "An account with this email already exists. Sign in instead.");
  const [user] = await db
    .insert(users)
    .values({ email, name: input.name, passwordHash: await hashPassword(input.password) })
    .returning();
  return user!;
}
