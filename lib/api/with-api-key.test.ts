import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { GET as listCreators } from "@/app/api/v1/creators/route";
import { GET as getCreator } from "@/app/api/v1/creators/[creator_id]/route";
import { revokeApiKey } from "@/lib/api-keys/api-keys";
import { createTestBrand, createTestCreator, uniq } from "@/test/factories";
import { inviteCreator } from "@/lib/invitations/invite-creator";
import { expectDocumentedResponse } from "@/test/openapi-conformance";

const call = async (
  handler: (req: NextRequest, route: { params: Promise<Record<string, string>> }) => Promise<Response>,
  path: string,
  key: string | null,
  params: Record<string, string> = {},
) => {
  const req = new NextRequest(`http://localhost/api/v1${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
  const res = await handler(req, { params: Promise.resolve(params) });
  const body = (await res.json()) as Record<string, unknown>;
  expectDocumentedResponse("GET", req.url, res.status, body);
  return { status: res.status, body, headers: res.headers };
};

describe("API v1 authentication and tenancy", () => {
  it("401 without a key, with a malformed key, and with an unknown key — in the contract's error shape", async () => {
    for (const key of [null, "nonsense", `tly_${uniq()}`]) {
      const res = await call(listCreators as never, "/creators", key);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ error: { code: "unauthorized", message: expect.any(String) } });
    }
  });

  it("a key of workspace A lists only A's creators and gets 404 for B's creator", async () => {
    const a = await createTestBrand();
    const b = await createTestBrand();
    const ca = await createTestCreator(a);
    const cb = await createTestCreator(b);
    const list = await call(listCreators as never, "/creators", a.apiKey);
    expect(list.status).toBe(200);
    expect((list.body.data as { id: string }[]).map((c) => c.id)).toEqual([ca.creator.id]);
    expect(list.body.next_cursor).toBeNull();
    expect(list.headers.get("x-ratelimit-limit")).toBe("600");

    const own = await call(getCreator as never, `/creators/${ca.creator.id}`, a.apiKey, { creator_id: ca.creator.id });
    expect(own.status).toBe(200);
    expect(own.body.data).toMatchObject({ id: ca.creator.id, email: ca.email, status: "active" });

    const foreign = await call(getCreator as never, `/creators/${cb.creator.id}`, a.apiKey, { creator_id: cb.creator.id });
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual({ error: { code: "not_found", message: "Creator not found." } });
  });

  it("a revoked key gets 401 at once", async () => {
    const a = await createTestBrand();
    expect((await call(listCreators as never, "/creators", a.apiKey)).status).toBe(200);
    await revokeApiKey(a.db, { workspaceId: a.workspace.id, keyId: a.apiKeyId, actor: { kind: "system" } });
    const res = await call(listCreators as never, "/creators", a.apiKey);
    expect(res.status).toBe(401);
  });

  it("paginates with a cursor and validates limit", async () => {
    const a = await createTestBrand();
    for (let i = 0; i < 5; i++) {
      await inviteCreator(a.db, { workspaceId: a.workspace.id, invitedByUserId: a.user.id, email: `p${i}-${uniq()}@example.com`, fullName: `P ${i}` });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: Record<string, unknown> } = await call(
        listCreators as never,
        `/creators?limit=2${cursor ? `&cursor=${cursor}` : ""}`,
        a.apiKey,
      );
      expect(res.status).toBe(200);
      seen.push(...(res.body.data as { id: string }[]).map((c) => c.id));
      cursor = res.body.next_cursor as string | null;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);

    const bad = await call(listCreators as never, "/creators?limit=500", a.apiKey);
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ error: { code: "validation_failed", details: { fields: { limit: [expect.any(String)] } } } });
    const badCursor = await call(listCreators as never, "/creators?cursor=zzz", a.apiKey);
    expect(badCursor.status).toBe(400);
  });
});
