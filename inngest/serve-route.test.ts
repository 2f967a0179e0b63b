import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";

const saved = { NODE_ENV: process.env.NODE_ENV, INNGEST_SIGNING_KEY: process.env.INNGEST_SIGNING_KEY, INNGEST_DEV: process.env.INNGEST_DEV };
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete (process.env as Record<string, string | undefined>)[k];
    else (process.env as Record<string, string | undefined>)[k] = v;
  }
});

type Handler = (req: NextRequest, ctx: unknown) => Promise<Response>;

describe("/api/inngest", () => {
  it("in production without a signing key: a clear 503 in JSON, for every method Inngest uses", async () => {
    (process.env as Record<string, string>).NODE_ENV = "production";
    delete process.env.INNGEST_SIGNING_KEY;
    delete process.env.INNGEST_DEV;
    const route = (await import("@/app/api/inngest/route")) as unknown as Record<string, Handler>;
    for (const method of ["GET", "POST", "PUT"]) {
      const res = await route[method]!(new NextRequest("http://localhost/api/inngest", { method, body: method === "GET" ? undefined : "{}" }), {});
      expect(res.status, method).toBe(503);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("not_configured");
      expect(body.error.message).toMatch(/INNGEST_SIGNING_KEY/);
    }
  });

  it("with a signing key it is Inngest's own handler", async () => {
    (process.env as Record<string, string>).NODE_ENV = "production";
    process.env.INNGEST_SIGNING_KEY = "signkey-prod-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    const route = (await import("@/app/api/inngest/route")) as unknown as Record<string, Handler>;
    const res = await route.GET!(new NextRequest("http://localhost/api/inngest"), {});
    expect(res.status).not.toBe(503);
    expect(res.status).toBeLessThan(500);
  });
});
