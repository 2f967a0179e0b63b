/**
 * Loads Shopify's real Admin GraphQL 2026-07 schema (schema/admin-graphql-2026-07.graphql)
 * once per process and tightens a few custom scalars so bad variables are rejected like Shopify
 * rejects them (`INVALID_VARIABLE`).
 */
import { readFileSync } from "node:fs";
import { ADMIN_SCHEMA_PATH } from "../fixtures";
import { buildSchema, GraphQLError, Kind, type GraphQLScalarType, type GraphQLSchema, type ValueNode } from "graphql";

export const ADMIN_API_VERSION = "2026-07";

export const DEFAULT_SCHEMA_PATH = ADMIN_SCHEMA_PATH;

const cache = new Map<string, GraphQLSchema>();

/** The parsed schema (cached; the first call takes ~1 s for the 3.8 MB SDL). */
export function loadAdminSchema(schemaPath: string = DEFAULT_SCHEMA_PATH): GraphQLSchema {
  const hit = cache.get(schemaPath);
  if (hit) return hit;
  const schema = buildSchema(readFileSync(schemaPath, "utf8"), { assumeValidSDL: true });
  tightenScalars(schema);
  cache.set(schemaPath, schema);
  return schema;
}

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;
const DECIMAL = /^-?\d+(?:\.\d+)?$/;

function literalString(ast: ValueNode): string | number | null {
  if (ast.kind === Kind.STRING) return ast.value;
  if (ast.kind === Kind.INT || ast.kind === Kind.FLOAT) return Number(ast.value);
  return null;
}

function tighten(
  schema: GraphQLSchema,
  name: string,
  check: (value: unknown) => unknown,
): void {
  const type = schema.getType(name) as GraphQLScalarType | undefined;
  if (!type) return;
  type.parseValue = check;
  type.parseLiteral = (ast) => check(literalString(ast));
}

function tightenScalars(schema: GraphQLSchema): void {
  tighten(schema, "DateTime", (v) => {
    if (typeof v !== "string" || !ISO_DATETIME.test(v) || Number.isNaN(Date.parse(v))) {
      throw new GraphQLError(`invalid DateTime ${JSON.stringify(v)}`);
    }
    return v;
  });
  tighten(schema, "Date", (v) => {
    if (typeof v !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new GraphQLError(`invalid Date ${JSON.stringify(v)}`);
    return v;
  });
  const decimal = (label: string) => (v: unknown) => {
    if (typeof v === "number" && Number.isFinite(v)) return String(v);
    if (typeof v === "string" && DECIMAL.test(v.trim())) return v.trim();
    throw new GraphQLError(`invalid ${label} ${JSON.stringify(v)}`);
  };
  tighten(schema, "Decimal", decimal("Decimal"));
  tighten(schema, "Money", decimal("Money"));
  tighten(schema, "UnsignedInt64", (v) => {
    const s = typeof v === "number" ? String(v) : v;
    if (typeof s !== "string" || !/^\d+$/.test(s)) throw new GraphQLError(`invalid UnsignedInt64 ${JSON.stringify(v)}`);
    return s;
  });
  tighten(schema, "URL", (v) => {
    if (typeof v !== "string") throw new GraphQLError(`invalid URL ${JSON.stringify(v)}`);
    try {
      new URL(v);
    } catch {
      throw new GraphQLError(`invalid URL ${JSON.stringify(v)}`);
    }
    return v;
  });
}
