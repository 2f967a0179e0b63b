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
});
