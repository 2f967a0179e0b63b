import { readFileSync } from "node:fs";
import path from "node:path";
import { buildSchema, NoDeprecatedCustomRule, parse, print, validate, type GraphQLSchema } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { ADMIN_SCHEMA_PATH, FIXTURES_DIR } from "@tally/shopify-simulator/fixtures";
import * as documents from "./documents";

const SCHEMA_FILE = ADMIN_SCHEMA_PATH;
const FIXTURE_QUERIES = path.join(FIXTURES_DIR, "graphql/queries");

// Building the 3.8 MB SDL takes a moment: once per file, shared by every test below.
let schema: GraphQLSchema;
beforeAll(() => {
  schema = buildSchema(readFileSync(SCHEMA_FILE, "utf8"), { assumeValidSDL: true });
});

// Every export is a document (documents.ts holds nothing else).
const entries: [string, string][] = Object.entries(documents);

/** Operation names (fragments shared by documents are not operations), to compare copied fixtures regardless of formatting. */
function operations(source: string) {
  return parse(source)
    .definitions.filter((d) => d.kind === "OperationDefinition")
    .map((d) => ("name" in d && d.name ? d.name.value : "(anonymous)"));
}

describe("Admin GraphQL documents", () => {
  it("exports documents", () => {
    expect(entries.length).toBeGreaterThanOrEqual(9);
  });

  it.each(entries)("%s is valid against the 2026-07 Admin schema", (_name, source) => {
    const errors = validate(schema, parse(source));
    expect(errors.map((e) => e.message)).toEqual([]);
  });

  it.each(entries)("%s uses no deprecated field or argument", (_name, source) => {
    const errors = validate(schema, parse(source), [NoDeprecatedCustomRule]);
    expect(errors.map((e) => e.message)).toEqual([]);
  });

  it("names every operation, once", () => {
    const names = entries.flatMap(([, source]) => operations(source));
    expect(names).not.toContain("(anonymous)");
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(["discountCodeBasicUpdate-endsAt", "discountCodeDeactivate"])(
    "carries the validated fixture query %s.graphql unchanged",
    (file) => {
      const ours = new Map(entries.flatMap(([, source]) => parse(source).definitions.map((d) => [operations(print(d))[0], print(d)] as const)));
      const fixture = parse(readFileSync(path.join(FIXTURE_QUERIES, `${file}.graphql`), "utf8"));
      for (const def of fixture.definitions) {
        const printed = print(def);
        expect(ours.get(operations(printed)[0])).toBe(printed);
      }
    },
  );
});
