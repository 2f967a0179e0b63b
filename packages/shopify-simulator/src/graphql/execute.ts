/**
 * The Admin GraphQL request pipeline: parse → validate against the real 2026-07 schema → cost →
 * leaky bucket → execute → `extensions.cost`. Errors are shaped like Shopify's (graphql-ruby
 * messages and extension codes) rather than graphql-js's.
 */
import {
  execute,
  GraphQLError,
  parse,
  validate,
  type DocumentNode,
  type GraphQLFieldResolver,
  type GraphQLTypeResolver,
  type OperationDefinitionNode,
} from "graphql";
import type { Store } from "../store";
import { LeakyBucket, SINGLE_QUERY_MAX_COST, type ThrottleStatus } from "../throttle";
import type { AccessTokenRecord, BulkOperationRecord, ShopRecord } from "../types";
import { computeCost, getOperation, type CostModel } from "./cost";
import { createRootValue } from "./root";
import { loadAdminSchema } from "./schema";
import type { GqlContext } from "./views";

export interface GraphqlRequestBody {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

export interface GraphqlExecution {
  store: Store;
  shop: ShopRecord;
  token: AccessTokenRecord | null;
  bucket: LeakyBucket | null;
  request: GraphqlRequestBody;
  bulk?: boolean;
  startBulkOperation?: GqlContext["startBulkOperation"];
  baseUrl?: string | null;
  appUrl?: string | null;
  costModel?: CostModel;
}

export interface GraphqlResponse {
  status: number;
  body: Record<string, unknown>;
}

export interface CostExtension {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus: ThrottleStatus;
}

export const RATE_LIMIT_DOCS = "https://shopify.dev/api/usage/rate-limits";

const roots = createRootValue();

const fieldResolver: GraphQLFieldResolver<unknown, GqlContext> = (source, args, ctx, info) => {
  if (source !== null && typeof source === "object" && info.fieldName in source) {
    const value = (source as Record<string, unknown>)[info.fieldName];
    return typeof value === "function" ? (value as (a: unknown, c: unknown, i: unknown) => unknown)(args, ctx, info) : value;
  }
  throw new GraphQLError(`${info.parentType.name}.${info.fieldName} is not implemented by the Shopify simulator`, {
    extensions: { code: "SIMULATOR_NOT_IMPLEMENTED" },
  });
};

const typeResolver: GraphQLTypeResolver<unknown, GqlContext> = (value) => {
  if (value !== null && typeof value === "object" && "__typename" in value) {
    const t = (value as { __typename: unknown }).__typename;
    if (typeof t === "string") return t;
  }
  return undefined;
};

function statusOf(bucket: LeakyBucket | null): ThrottleStatus {
  return bucket?.status() ?? { maximumAvailable: 2000, currentlyAvailable: 2000, restoreRate: 100 };
}

function costExt(requested: number, actual: number | null, bucket: LeakyBucket | null): { cost: CostExtension } {
  return { cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: statusOf(bucket) } };
}

export async function executeAdminGraphql(x: GraphqlExecution): Promise<GraphqlResponse> {
  const schema = loadAdminSchema();
  const { request, bucket } = x;
  if (typeof request.query !== "string" || request.query.trim() === "") {
    return { status: 400, body: { errors: { query: "Required parameter missing or invalid" } } };
  }
  const variables =
    request.variables === undefined || request.variables === null
      ? {}
      : typeof request.variables === "object" && !Array.isArray(request.variables)
        ? (request.variables as Record<string, unknown>)
        : null;
  if (variables === null) {
    return { status: 400, body: { errors: { variables: "Invalid variables: expected a JSON object" } } };
  }
  const operationName = typeof request.operationName === "string" && request.operationName ? request.operationName : null;

  let document: DocumentNode;
  try {
    document = parse(request.query);
  } catch (e) {
    const err = e as GraphQLError;
    return {
      status: 200,
      body: { errors: [formatSyntaxError(err)], extensions: costExt(0, null, bucket) },
    };
  }

  const validationErrors = validate(schema, document);
  if (validationErrors.length > 0) {
    return {
      status: 200,
      body: { errors: validationErrors.map((e) => formatValidationError(e, document)), extensions: costExt(0, null, bucket) },
    };
  }

  const operation = getOperation(document, operationName);
  if (!operation) {
    const message = operationName ? `No operation named "${operationName}"` : "An operation name is required";
    return { status: 200, body: { errors: [{ message, extensions: { code: "OPERATION_NOT_FOUND" } }], extensions: costExt(0, null, bucket) } };
  }
  if (operation.operation === "subscription") {
    return { status: 200, body: { errors: [{ message: "Subscriptions are not supported by the Admin API" }], extensions: costExt(0, null, bucket) } };
  }

  const costModel = x.costModel ?? "measured";
  const requested = computeCost(schema, document, operation, variables, undefined, costModel).requested;
  if (!x.bulk && requested > SINGLE_QUERY_MAX_COST) {
    // Measured on a live store: no top-level extensions.cost on this error, the cost sits in the error.
    return {
      status: 200,
      body: {
        errors: [
          {
            message:
              `Query cost is ${requested}, which exceeds the single query max cost limit (${SINGLE_QUERY_MAX_COST}).\n\n` +
              "See https://shopify.dev/docs/api/usage/rate-limits for more information on how the\n" +
              "cost of a query is calculated.\n\n" +
              "To query larger amounts of data with fewer limits, bulk operations should be used instead.\n" +
              "See https://shopify.dev/docs/api/usage/bulk-operations/queries for usage details.\n",
            extensions: { code: "MAX_COST_EXCEEDED", cost: requested, maxCost: SINGLE_QUERY_MAX_COST, documentation: RATE_LIMIT_DOCS },
          },
        ],
      },
    };
  }

  if (bucket && !bucket.tryTake(requested)) {
    return {
      status: 200,
      body: {
        errors: [{ message: "Throttled", extensions: { code: "THROTTLED", documentation: RATE_LIMIT_DOCS } }],
        extensions: costExt(requested, null, bucket),
      },
    };
  }

  const ctx: GqlContext = {
    store: x.store,
    shop: x.shop,
    token: x.token,
    bulk: x.bulk ?? false,
    searchExtensions: [],
    startBulkOperation: x.startBulkOperation,
    baseUrl: x.baseUrl ?? null,
    appUrl: x.appUrl ?? null,
  };
  const result = await execute({
    schema,
    document,
    operationName,
    variableValues: variables,
    rootValue: operation.operation === "mutation" ? roots.mutation : roots.query,
    contextValue: ctx,
    fieldResolver,
    typeResolver,
  });

  const data = (result.data ?? null) as Record<string, unknown> | null;
  const actual = data === null ? 0 : (computeCost(schema, document, operation, variables, data, costModel).actual ?? 0);
  bucket?.refund(requested - actual);

  const body: Record<string, unknown> = {};
  if (result.errors && result.errors.length > 0) {
    body.errors = result.errors.map((e) => formatExecutionError(e, document, operation));
  }
  if (result.data !== undefined) body.data = result.data;
  const extensions: Record<string, unknown> = costExt(requested, data === null ? null : actual, bucket);
  if (ctx.searchExtensions.length > 0) {
    extensions.search = ctx.searchExtensions.map((s) =>
      s.warnings.length > 0
        ? { path: s.path, query: s.query, parsed: s.parsed, warnings: s.warnings }
        : { path: s.path, query: s.query, parsed: s.parsed },
    );
  }
  body.extensions = extensions;
  return { status: 200, body };
}

// ------------------------------------------------------------------------------------------ errors

type ErrorBody = Record<string, unknown>;

function locations(e: GraphQLError): { line: number; column: number }[] | undefined {
  return e.locations?.map((l) => ({ line: l.line, column: l.column }));
}

function formatSyntaxError(e: GraphQLError): ErrorBody {
  const loc = e.locations?.[0];
  const detail = e.message.replace(/^Syntax Error: /, "");
  return {
    message: loc ? `Parse error: ${detail} at [${loc.line}, ${loc.column}]` : `Parse error: ${detail}`,
    locations: locations(e),
    extensions: { code: "PARSE_ERROR" },
  };
}

/** graphql-js validation messages -> graphql-ruby (Shopify) messages and extension codes. */
export function formatValidationError(e: GraphQLError, _document: DocumentNode): ErrorBody {
  const msg = e.message;
  let m: RegExpExecArray | null;
  const out = (message: string, extensions: Record<string, unknown>): ErrorBody => ({ message, locations: locations(e), extensions });
  if ((m = /^Cannot query field "([^"]+)" on type "([^"]+)"\./.exec(msg))) {
    return out(`Field '${m[1]}' doesn't exist on type '${m[2]}'`, { code: "undefinedField", typeName: m[2], fieldName: m[1] });
  }
  if ((m = /^Unknown argument "([^"]+)" on field "([^".]+)\.([^"]+)"\./.exec(msg))) {
    return out(`Field '${m[3]}' doesn't accept argument '${m[1]}'`, {
      code: "argumentNotAccepted",
      name: m[3],
      typeName: "Field",
      argumentName: m[1],
    });
  }
  if ((m = /^Field "([^"]+)" argument "([^"]+)" of type "([^"]+)" is required, but it was not provided\./.exec(msg))) {
    return out(`Field '${m[1]}' is missing required arguments: ${m[2]}`, {
      code: "missingRequiredArguments",
      className: "Field",
      name: m[1],
      arguments: m[2],
    });
  }
  if ((m = /^Field "([^"]+)" of type "([^"]+)" must have a selection of subfields/.exec(msg))) {
    const typeName = (m[2] ?? "").replace(/[![\]]/g, "");
    return out(`Field must have selections (field '${m[1]}' returns ${typeName} but has no selections. Did you mean '${m[1]} { ... }'?)`, {
      code: "selectionMismatch",
      nodeName: `field '${m[1]}'`,
      typeName,
    });
  }
  if ((m = /^Field "([^"]+)" must not have a selection since type "([^"]+)" has no subfields\./.exec(msg))) {
    const typeName = (m[2] ?? "").replace(/[![\]]/g, "");
    return out(`Selections can't be made on scalars (field '${m[1]}' returns ${typeName} but has selections)`, {
      code: "selectionMismatch",
      nodeName: `field '${m[1]}'`,
      typeName,
    });
  }
  if ((m = /^Unknown type "([^"]+)"\./.exec(msg))) {
    return out(`No such type ${m[1]}, so it can't be a fragment condition`, { code: "undefinedType", typeName: m[1] });
  }
  if ((m = /^Variable "\$([^"]+)" is never used/.exec(msg))) {
    return out(`Variable $${m[1]} is declared by ${operationLabel(_document)} but not used`, { code: "variableNotUsed", variableName: m[1] });
  }
  if ((m = /^Variable "\$([^"]+)" is not defined/.exec(msg))) {
    return out(`Variable $${m[1]} is used by ${operationLabel(_document)} but not declared`, { code: "variableNotDefined", variableName: m[1] });
  }
  if ((m = /^Unknown enum value|^Value "([^"]+)" does not exist in "([^"]+)" enum/.exec(msg))) {
    return out(msg, { code: "argumentLiteralsIncompatible" });
  }
  if (/^Expected value of type|cannot represent/.test(msg)) {
    return out(`Argument has an invalid value: ${msg}`, { code: "argumentLiteralsIncompatible" });
  }
  return out(msg, { code: "GRAPHQL_VALIDATION_FAILED" });
}

function operationLabel(document: DocumentNode): string {
  const op = document.definitions.find((d): d is OperationDefinitionNode => d.kind === "OperationDefinition");
  return op?.name ? op.name.value : "anonymous query";
}

function formatExecutionError(e: GraphQLError, document: DocumentNode, operation: OperationDefinitionNode): ErrorBody {
  const msg = e.message;
  let m: RegExpExecArray | null;
  // Variable coercion errors (no path): graphql-ruby INVALID_VARIABLE shape.
  if ((m = /^Variable "\$([^"]+)" of required type "([^"]+)" was not provided\./.exec(msg))) {
    return {
      message: `Variable $${m[1]} of type ${m[2]} was provided invalid value`,
      locations: locations(e),
      extensions: { code: "INVALID_VARIABLE", value: null, problems: [{ path: [], explanation: "Expected value to not be null" }] },
    };
  }
  if ((m = /^Variable "\$([^"]+)" got invalid value (.*?)(?: at "([^"]+)")?; (.*)$/s.exec(msg))) {
    const name = m[1] ?? "";
    const def = operation.variableDefinitions?.find((v) => v.variable.name.value === name);
    const typeName = def ? printType(def.type) : "unknown";
    const path = (m[3] ?? "").split(".").slice(1).filter(Boolean);
    const explanation = m[4] ?? "";
    return {
      message: `Variable $${name} of type ${typeName} was provided invalid value${path.length ? ` for ${path.join(".")}` : ""} (${explanation})`,
      locations: locations(e),
      extensions: {
        code: "INVALID_VARIABLE",
        value: safeJson(m[2]),
        problems: [{ path: path.map((p) => (/^\d+$/.test(p) ? Number(p) : p)), explanation }],
      },
    };
  }
  const body: ErrorBody = { message: msg };
  const locs = locations(e);
  if (locs) body.locations = locs;
  if (e.path) body.path = e.path;
  if (e.extensions && Object.keys(e.extensions).length > 0) body.extensions = e.extensions;
  else if (!e.originalError || e.originalError instanceof GraphQLError) body.extensions = { code: "BAD_REQUEST" };
  else body.extensions = { code: "INTERNAL_SERVER_ERROR" };
  void document;
  return body;
}

function printType(t: import("graphql").TypeNode): string {
  if (t.kind === "NonNullType") return `${printType(t.type)}!`;
  if (t.kind === "ListType") return `[${printType(t.type)}]`;
  return t.name.value;
}

function safeJson(s: string | undefined): unknown {
  if (s === undefined) return null;
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}

export type { BulkOperationRecord };
