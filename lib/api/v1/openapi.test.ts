import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
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

  it("resolves every $ref", () => {
    const refs = JSON.stringify(doc).match(/"#\/components\/schemas\/(\w+)"/g) ?? [];
    for (const ref of refs) {
      const name = ref.slice(ref.lastIndexOf("/") + 1, -1);
      expect(doc.components.schemas, name).toHaveProperty(name);
    }
  });
});
