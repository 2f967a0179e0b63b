import { Ajv2020, type ValidateFunction } from "ajv/dist/2020";
import { expect } from "vitest";
import { openApiDocument } from "@/lib/api/v1/openapi";

/**
 * API tests check every response they get against the served OpenAPI document (`/api/v1/openapi.json`):
 * the operation (path template + method) and the status must be documented, and the JSON body must
 * validate against that response's schema. OpenAPI 3.1 schemas are JSON Schema 2020-12, so Ajv's 2020
 * validator reads them as they are (formats are not checked: no ajv-formats).
 */
type Operation = { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> };
type Doc = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } };

const doc = openApiDocument("http://localhost:3000") as unknown as Doc;
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema({ $id: "openapi", components: doc.components }, "openapi");
const compiled = new Map<string, ValidateFunction>();

const templates = Object.keys(doc.paths).map((template) => ({
  template,
  pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+")}$`),
}));

/** Rewrites `#/components/…` refs to the registered document, so every schema resolves against it. */
function anchored(schema: unknown): unknown {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi#/components/'));
}

export function expectDocumentedResponse(method: string, url: string, status: number, body: unknown): void {
  const path = new URL(url, "http://localhost").pathname.replace(/^\/api\/v1/, "");
  const match = templates.find((t) => t.pattern.test(path));
  expect(match, `${method} ${path} is not in the OpenAPI document`).toBeDefined();
  const operation = doc.paths[match!.template]![method.toLowerCase()];
  expect(operation, `${method} ${match!.template} is not in the OpenAPI document`).toBeDefined();
  const response = operation!.responses?.[String(status)] ?? operation!.responses?.default;
  expect(response, `${method} ${match!.template} does not document status ${status}`).toBeDefined();
  const schema = response!.content?.["application/json"]?.schema;
  if (schema === undefined) return; // a documented response without a body (e.g. 204)
  const key = `${method} ${match!.template} ${status}`;
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(anchored(schema) as object);
    compiled.set(key, validate);
  }
  const ok = validate(body);
  expect(ok ? [] : validate.errors!.map((e) => `${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`), `${key}: the body does not match the document`).toEqual([]);
}

/**
 * For answers no operation documents by itself (a method a path does not have: 405; a path that
 * does not exist: 404): the body must still be the document's `Error` object.
 */
export function expectDocumentedError(body: unknown): void {
  let validate = compiled.get("Error");
  if (!validate) {
    validate = ajv.compile({ $ref: "openapi#/components/schemas/Error" });
    compiled.set("Error", validate);
  }
  const ok = validate(body);
  expect(ok ? [] : validate.errors!.map((e) => `${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`), "the body is not the documented Error object").toEqual([]);
}
