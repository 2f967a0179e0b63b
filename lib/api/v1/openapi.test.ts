import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name.startsWith("[...")) return []; // the catch-all answering 404 for unknown paths
    if (statSync(full).isDirectory()) return routeFiles(full);
    return name === "route.ts" ? [full] : [];
  });
}

describe("OpenAPI document", () => {
  const root = path.resolve(import.meta.dirname, "../../../app/api/v1");
  const doc = openApiDocument("http://localhost:3000");

  it("is OpenAPI 3.1 and describes every API v1 route", () => {
    expect(doc.openapi).toBe("3.1.0");
    const routes = routeFiles(root)
      .map((f) => path.relative(root, path.dirname(f)).split(path.sep).map((s) => s.replace(/^\[(.+)\]$/, "{$1}")).join("/"))
      .filter((r) => r !== "openapi.json")
      .map((r) => `/${r}`);
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) expect(Object.keys(doc.paths), route).toContain(route);
  });

  it("describes every HTTP method each API v1 route exports", () => {
    const paths = doc.paths as Record<string, Record<string, unknown>>;
    for (const file of routeFiles(root)) {
      const route = `/${path.relative(root, path.dirname(file)).split(path.sep).map((s) => s.replace(/^\[(.+)\]$/, "{$1}")).join("/")}`;
      if (route === "/openapi.json") continue;
      const methods = [...readFileSync(file, "utf8").matchAll(/export\s+(?:const|(?:async\s+)?function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]!);
      expect(methods.length, route).toBeGreaterThan(0);
      for (const method of methods) expect(Object.keys(paths[route] ?? {}), `${method} ${route}`).toContain(method.toLowerCase());
    }
  });

  it("resolves every $ref", () => {
    const refs = JSON.stringify(doc).match(/"#\/components\/schemas\/(\w+)"/g) ?? [];
    for (const ref of refs) {
      const name = ref.slice(ref.lastIndexOf("/") + 1, -1);
      expect(doc.components.schemas, name).toHaveProperty(name);
    }
  });

  it("documents a request body for every route that reads one, and a query for every route that parses one", () => {
    const paths = doc.paths as Record<string, Record<string, { requestBody?: unknown; parameters?: { in: string }[] }>>;
    let bodies = 0;
    let queries = 0;
    for (const file of routeFiles(root)) {
      const route = `/${path.relative(root, path.dirname(file)).split(path.sep).map((s) => s.replace(/^\[(.+)\]$/, "{$1}")).join("/")}`;
      const source = readFileSync(file, "utf8");
      for (const [, method, body] of source.matchAll(/export\s+const\s+(GET|POST|PATCH|PUT|DELETE)\s*=\s*(withApiKey[\s\S]*?\n}\);)/g)) {
        const op = paths[route]?.[method!.toLowerCase()];
        if (/read(Optional)?JsonBody\(/.test(body ?? "")) {
          bodies++;
          expect(op?.requestBody, `${method} ${route} reads a body`).toBeDefined();
        }
        if (/searchParams|parse\w*Query\(|parseListQuery\(/.test(body ?? "")) {
          queries++;
          expect(op?.parameters?.some((p) => p.in === "query"), `${method} ${route} reads its query`).toBe(true);
        }
      }
    }
    expect(bodies, "route handlers that read a body").toBeGreaterThanOrEqual(7);
    expect(queries, "route handlers that read a query").toBeGreaterThanOrEqual(7);
  });

  it("is generated from zod: the campaign's create and patch bodies are the parser's fields", () => {
    const schemas = doc.components.schemas as Record<string, { properties?: Record<string, unknown>; required?: string[]; additionalProperties?: unknown }>;
    expect(Object.keys(schemas.CampaignCreate!.properties!).sort()).toEqual(
      ["apply_code_from_links", "code_template", "commission_rate_bps", "discount", "ends_at", "landing_url", "name", "starts_at", "timezone"].sort(),
    );
    expect(schemas.CampaignCreate!.required!.sort()).toEqual(["commission_rate_bps", "discount", "name", "starts_at"]);
    // ZUpdateCampaign is strict: the document says unknown fields are refused.
    expect(schemas.CampaignPatch!.additionalProperties).toBe(false);
  });
});
