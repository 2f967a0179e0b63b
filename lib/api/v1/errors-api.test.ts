import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { createTestBrand } from "@/test/factories";
import { expectDocumentedError, expectDocumentedResponse } from "@/test/openapi-conformance";

type Handler = (req: NextRequest, route: { params: Promise<Record<string, string>> }) => Promise<Response>;
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const root = path.resolve(import.meta.dirname, "../../../app/api/v1");

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return name === "route.ts" ? [full] : [];
  });
}

/** The methods a route file implements for real (`export const GET = …` / `export async function GET`). */
const implemented = (file: string) =>
  [...readFileSync(file, "utf8").matchAll(/export\s+(?:const|(?:async\s+)?function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]!);

const request = (method: string, url: string, key?: string, body?: string) =>
  new NextRequest(url, { method, headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body ? { "content-type": "application/json" } : {}) }, body });

describe("API v1 errors are the documented JSON error object", () => {
  it("a method a route does not implement is 405 with the JSON error and an Allow header", async () => {
    const files = routeFiles(root).filter((f) => !f.includes("[...path]"));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const mod = (await import(file)) as Record<string, Handler | undefined>;
      const real = implemented(file);
      expect(real.length, file).toBeGreaterThan(0);
      for (const method of METHODS.filter((m) => !real.includes(m))) {
        const handler = mod[method];
        expect(handler, `${method} ${file} must be answered`).toBeTypeOf("function");
        const res = await handler!(request(method, "http://localhost/api/v1/x"), { params: Promise.resolve({}) });
        expect(res.status, `${method} ${file}`).toBe(405);
        expect(res.headers.get("allow")?.split(", ").sort(), `${method} ${file}`).toEqual([...real].sort());
        const body = (await res.json()) as { error: { code: string; message: string } };
        expectDocumentedError(body);
        expect(body.error.code).toBe("method_not_allowed");
        for (const m of real) expect(body.error.message).toContain(m);
      }
    }
  });

  it("an unknown API v1 path is 404 with the JSON error, for any method", async () => {
    const mod = (await import("@/app/api/v1/[...path]/route")) as Record<string, Handler>;
    for (const method of METHODS) {
      const res = await mod[method]!(request(method, "http://localhost/api/v1/nope/nothing"), { params: Promise.resolve({ path: "nope/nothing" }) });
      expect(res.status).toBe(404);
      const body = (await res.json()) as { error: { code: string } };
      expectDocumentedError(body);
      expect(body.error.code).toBe("not_found");
    }
  });

  it("ids no row can have are 404, never a database error (NUL, huge, odd characters)", async () => {
    const brand = await createTestBrand();
    const { GET } = await import("@/app/api/v1/campaigns/[id]/route");
    const { GET: creator } = await import("@/app/api/v1/creators/[creator_id]/route");
    for (const id of ["\u0000", "cmp_\u0000", "x".repeat(10_000), "../../etc", "☃"]) {
      const res = await GET(request("GET", "http://localhost/api/v1/campaigns/x", brand.apiKey), { params: Promise.resolve({ id }) });
      expect(res.status, JSON.stringify(id)).toBe(404);
      const body = (await res.json()) as { error: { code: string } };
      expectDocumentedResponse("GET", "/api/v1/campaigns/x", res.status, body);
      expect(body.error.code).toBe("not_found");
      const res2 = await creator(request("GET", "http://localhost/api/v1/creators/x", brand.apiKey), { params: Promise.resolve({ creator_id: id }) });
      expect(res2.status, JSON.stringify(id)).toBe(404);
      expectDocumentedResponse("GET", "/api/v1/creators/x", res2.status, await res2.json());
    }
  });
});
