import { randomBytes } from "node:crypto";
import { getDb, type Db } from "@/db/client";
import { createApiKey } from "@/lib/api-keys/api-keys";
import { signUpBrand } from "@/lib/auth/sign-up";
import { acceptInvitation } from "@/lib/invitations/accept-invitation";
import { inviteCreator } from "@/lib/invitations/invite-creator";

export const uniq = () => randomBytes(5).toString("hex");

export const TEST_PASSWORD = "correct horse battery";

/** A brand with its owner and an API key, unique per call so tests never collide. */
export async function createTestBrand(db?: Db, name = `Brand ${uniq()}`) {
  db ??= await getDb();
  const email = `owner-${uniq()}@example.com`;
  const { user, workspace } = await signUpBrand(db, { name: "Owner", email, password: TEST_PASSWORD, workspaceName: name });
  const key = await createApiKey(db, { workspaceId: workspace.id, name: "test", actor: { kind: "system" } });
  return { db, user, workspace, email, password: TEST_PASSWORD, apiKey: key.key, apiKeyId: key.id };
}

/** A creator invited by the brand who accepted with a login. */
export async function createTestCreator(brand: { db: Db; workspace: { id: string }; user: { id: string } }) {
  const email = `creator-${uniq()}@example.com`;
  const { creator, link } = await inviteCreator(brand.db, {
    workspaceId: brand.workspace.id,
    invitedByUserId: brand.user.id,
    email,
    fullName: "Casey Creator",
    handle: `casey${uniq()}`,
  });
  const token = link.split("/").pop()!;
  const accepted = await acceptInvitation(brand.db, { token, newAccount: { name: "Casey Creator", password: TEST_PASSWORD } });
  return { creator, email, password: TEST_PASSWORD, userId: accepted.userId };
}
