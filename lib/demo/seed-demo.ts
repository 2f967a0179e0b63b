import { eq } from "drizzle-orm";
import { listUserWorkspaces } from "@/lib/workspaces/get-brand-access";
import type { Db } from "@/db/client";
import { creators, users, workspaceCreators } from "@/db/schema";
import { signUpBrand } from "@/lib/auth/sign-up";
import { hashPassword } from "@/lib/auth/passwords";
import { DEMO_BRAND, DEMO_CREATOR } from "./demo-accounts";

export type DemoSeedResult = { created: boolean; workspaceSlug: string; workspaceId: string; creatorId: string };

/**
 * Seeds the demo brand and creator with their logins. Idempotent: does nothing when the demo
 * brand exists already.
 */
export async function seedDemo(db: Db): Promise<DemoSeedResult> {
  const [existing] = await db.select().from(users).where(eq(users.email, DEMO_BRAND.email)).limit(1);
  if (existing) {
    const [workspace] = await listUserWorkspaces(db, existing.id);
    const [creator] = await db.select().from(creators).where(eq(creators.email, DEMO_CREATOR.email)).limit(1);
    return { created: false, workspaceSlug: workspace?.slug ?? "", workspaceId: workspace?.id ?? "", creatorId: creator?.id ?? "" };
  }
  const { workspace } = await signUpBrand(db, {
    name: DEMO_BRAND.ownerName,
    email: DEMO_BRAND.email,
    password: DEMO_BRAND.password,
    workspaceName: DEMO_BRAND.workspaceName,
  });
  const creatorId = await db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ email: DEMO_CREATOR.email, name: DEMO_CREATOR.fullName, passwordHash: await hashPassword(DEMO_CREATOR.password) })
      .returning();
    const [creator] = await tx
      .insert(creators)
      .values({ email: DEMO_CREATOR.email, fullName: DEMO_CREATOR.fullName, handle: DEMO_CREATOR.handle, userId: user!.id })
      .returning();
    await tx.insert(workspaceCreators).values({ workspaceId: workspace.id, creatorId: creator!.id, status: "active" });
    return creator!.id;
  });
  return { created: true, workspaceSlug: workspace.slug, workspaceId: workspace.id, creatorId };
}

/** What `npm run dev` and `demo:seed` print last: where to go and how to sign in. */
export function demoBanner(appUrl: string, simulatorOrigin?: string | null): string {
  return [
    "",
    "┌──────────────────────────── Tally demo ────────────────────────────┐",
    `  Open     ${appUrl}/sign-in`,
    `  Brand    ${DEMO_BRAND.email} / ${DEMO_BRAND.password}`,
    `  Creator  ${DEMO_CREATOR.email} / ${DEMO_CREATOR.password}`,
    ...(simulatorOrigin ? [`  Store    ${simulatorOrigin}/products/glow-serum?shop=glow-skincare.myshopify.com (the simulated Shopify store; creator codes work at its checkout)`] : []),
    "└─────────────────────────────────────────────────────────────────────┘",
    "",
  ].join("\n");
}
