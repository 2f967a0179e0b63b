import { describe, expect, it } from "vitest";
import { acceptInvitation } from "@/lib/invitations/accept-invitation";
import { inviteMember } from "@/lib/invitations/invite-member";
import { listWorkspaceCreators, getWorkspaceCreatorOrThrow } from "@/lib/creators/list-workspace-creators";
import { listApiKeys, revokeApiKey } from "@/lib/api-keys/api-keys";
import { listAuditLog } from "@/lib/audit/list-audit-log";
import { createTestBrand, createTestCreator, TEST_PASSWORD } from "@/test/factories";
import { getBrandAccessOrThrow } from "./get-brand-access";
import { getWorkspaceOverview } from "./get-workspace-overview";

describe("tenancy", () => {
  it("a member of workspace A cannot resolve workspace B (404, not 403)", async () => {
    const a = await createTestBrand();
    const b = await createTestBrand();
    await expect(getBrandAccessOrThrow(a.db, { userId: a.user.id, slug: a.workspace.slug })).resolves.toMatchObject({ role: "owner" });
    await expect(getBrandAccessOrThrow(a.db, { userId: a.user.id, slug: b.workspace.slug })).rejects.toMatchObject({ code: "not_found" });
    await expect(getBrandAccessOrThrow(a.db, { userId: a.user.id, slug: "no-such-workspace" })).rejects.toMatchObject({ code: "not_found" });
  });

  it("roles gate admin actions with 403 inside one's own workspace", async () => {
    const a = await createTestBrand();
    const { link } = await inviteMember(a.db, { workspaceId: a.workspace.id, invitedByUserId: a.user.id, email: `m-${Date.now()}@example.com`, role: "member" });
    const accepted = await acceptInvitation(a.db, { token: link.split("/").pop()!, newAccount: { name: "M", password: TEST_PASSWORD } });
    expect(accepted).toMatchObject({ portal: "brand", slug: a.workspace.slug });
    await expect(getBrandAccessOrThrow(a.db, { userId: accepted.userId, slug: a.workspace.slug, role: "admin" })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(getBrandAccessOrThrow(a.db, { userId: accepted.userId, slug: a.workspace.slug })).resolves.toMatchObject({ role: "member" });
  });

  it("every workspace-scoped read sees only its own workspace's rows", async () => {
    const a = await createTestBrand();
    const b = await createTestBrand();
    const ca = await createTestCreator(a);
    const cb = await createTestCreator(b);
    expect((await listWorkspaceCreators(a.db, a.workspace.id)).map((c) => c.id)).toEqual([ca.creator.id]);
    await expect(getWorkspaceCreatorOrThrow(a.db, { workspaceId: a.workspace.id, creatorId: cb.creator.id })).rejects.toMatchObject({
      code: "not_found",
    });
    expect((await listApiKeys(a.db, a.workspace.id)).map((k) => k.id)).toEqual([a.apiKeyId]);
    await expect(revokeApiKey(a.db, { workspaceId: a.workspace.id, keyId: b.apiKeyId, actor: { kind: "user", id: a.user.id } })).rejects.toMatchObject({
      code: "not_found",
    });
    expect((await listAuditLog(a.db, a.workspace.id)).every((e) => e.workspaceId === a.workspace.id)).toBe(true);
    expect(await getWorkspaceOverview(a.db, a.workspace.id)).toEqual({ creators: 1, members: 1 });
  });
});
