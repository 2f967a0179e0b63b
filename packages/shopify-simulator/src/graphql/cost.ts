/**
 * Requested/actual query cost, following Shopify's published rules
 * (https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits#cost-calculation):
 *
 *  | returns            | cost                                                          |
 *  | scalar / enum      | 0                                                             |
 *  | object             | 1 + its selections                                            |
 *  | interface / union  | max over the possible types of their selections (no own 1)    |
 *  | connection         | 2 + m(first|last) × cost of one node (edges.node / nodes)     |
 *  | list of objects    | like a single object (its size is unknown up front)           |
 *  | mutation (root)    | 10 + selections of the payload (payload object not counted)   |
 *
 * The page multiplier `m(n)`: the docs say `n`, but live 2026 stores bill large pages
 * sub-linearly. Every live measurement we have is reproduced by the default "measured" model
 * m(n) = max(min(n, 2), round(2·ln n)) (m(2)=2, m(5)=3, m(25)=6, m(250)=11):
 *  - discountCodeBasicCreate lifecycle document (fixtures, codes(first: 2)) → 20
 *  - `codeDiscountNodeByCode { id }` → 1
 *  - `product(id) { variants(first: 250) { nodes { inventoryItem { id tracked } } } }` → 25 (actual 1 when product is null)
 *  - `orders(first: 250)` with scalar fields → 13; plus `lineItems(first: 250) { id }` → 156
 *  - `products(first: 250)` + `variants(first: 250)` + `options` → 167
 * The "linear" model (m(n) = n, the documented rule) is available for stricter tests.
 * `actualQueryCost` uses the same rules with m(number of returned nodes) × the costliest returned node.
 */
import {
  getNamedType,
  getNullableType,
  isAbstractType,
  isListType,
  isObjectType,
  typeFromAST,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  Kind,
  valueFromAST,
  isCompositeType,
} from "graphql";

export const MUTATION_COST = 10;

export type CostModel = "measured" | "linear";

export function pageMultiplier(model: CostModel, n: number): number {
  if (n <= 0) return 0;
  if (model === "linear") return n;
  return Math.max(Math.min(n, 2), Math.round(2 * Math.log(n)));
}

interface CostContext {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  model: CostModel;
}

export interface QueryCost {
  requested: number;
  /** Same rules with connection sizes taken from `data` (null when no data was produced). */
  actual: number | null;
}

export function getOperation(document: DocumentNode, operationName?: string | null): OperationDefinitionNode | undefined {
  const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operationName) return ops.find((o) => o.name?.value === operationName);
  return ops.length === 1 ? ops[0] : undefined;
}

export function computeCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  data?: Record<string, unknown> | null,
  model: CostModel = "measured",
): QueryCost {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const ctx: CostContext = { schema, fragments, variables: withDefaults(schema, operation, variables), model };
  const root = operation.operation === "mutation" ? schema.getMutationType() : schema.getQueryType();
  if (!root) return { requested: 0, actual: 0 };
  const isMutation = operation.operation === "mutation";
  const requested = objectCost(ctx, operation.selectionSet, root, undefined, isMutation);
  const actual = data === undefined || data === null ? null : objectCost(ctx, operation.selectionSet, root, data, isMutation);
  return { requested, actual };
}

function withDefaults(schema: GraphQLSchema, op: OperationDefinitionNode, vars: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...vars };
  for (const def of op.variableDefinitions ?? []) {
    const name = def.variable.name.value;
    if (out[name] === undefined && def.defaultValue) {
      const type = typeFromAST(schema, def.type);
      if (type) out[name] = valueFromAST(def.defaultValue, type as never);
    }
  }
  return out;
}

/** Fields selected on a concrete object type, resolving fragments whose condition applies. */
function collectFields(ctx: CostContext, sel: SelectionSetNode, type: GraphQLObjectType, out: FieldNode[] = []): FieldNode[] {
  for (const s of sel.selections) {
    if (s.kind === Kind.FIELD) out.push(s);
    else if (s.kind === Kind.INLINE_FRAGMENT) {
      if (!s.typeCondition || applies(ctx, s.typeCondition.name.value, type)) collectFields(ctx, s.selectionSet, type, out);
    } else {
      const frag = ctx.fragments.get(s.name.value);
      if (frag && applies(ctx, frag.typeCondition.name.value, type)) collectFields(ctx, frag.selectionSet, type, out);
    }
  }
  return out;
}

function applies(ctx: CostContext, condition: string, type: GraphQLObjectType): boolean {
  if (condition === type.name) return true;
  const cond = ctx.schema.getType(condition);
  return !!cond && isAbstractType(cond) && ctx.schema.isSubType(cond, type);
}

/** Σ cost of the selections on `type` (abstract: max over possible types). Does not include the object's own 1. */
function selectionsCost(
  ctx: CostContext,
  sel: SelectionSetNode,
  type: GraphQLCompositeType,
  data: unknown,
): number {
  if (isAbstractType(type)) {
    let max = 0;
    for (const t of ctx.schema.getPossibleTypes(type)) max = Math.max(max, objectCost(ctx, sel, t, data, false));
    return max;
  }
  return objectCost(ctx, sel, type, data, false);
}

function objectCost(
  ctx: CostContext,
  sel: SelectionSetNode,
  type: GraphQLObjectType,
  data: unknown,
  mutationRoot: boolean,
): number {
  const fields = type.getFields();
  let total = 0;
  for (const node of collectFields(ctx, sel, type)) {
    const name = node.name.value;
    if (name === "__typename") continue;
    const def = fields[name];
    if (!def) continue;
    const key = node.alias?.value ?? name;
    const value = data === undefined ? undefined : isRecord(data) ? data[key] : null;
    if (mutationRoot) {
      total += MUTATION_COST + (node.selectionSet ? selectionsCost(ctx, node.selectionSet, getNamedType(def.type) as GraphQLCompositeType, value) : 0);
    } else {
      total += fieldCost(ctx, node, def, value);
    }
  }
  return total;
}

function fieldCost(ctx: CostContext, node: FieldNode, def: GraphQLField<unknown, unknown>, value: unknown): number {
  const named = getNamedType(def.type);
  if (!isCompositeType(named) || !node.selectionSet) return 0;
  const sel = node.selectionSet;
  const measured = value !== undefined;
  if (isConnection(named)) {
    const perNode = (item: unknown): number => connectionNodeCost(ctx, sel, named, item);
    if (!measured) return 2 + pageMultiplier(ctx.model, pageSize(ctx, node)) * perNode(undefined);
    if (!isRecord(value)) return 2;
    const items = connectionItems(value);
    if (items.length === 0) return 2;
    const costliest = items.reduce((m: number, item) => Math.max(m, perNode(item)), 0);
    return 2 + pageMultiplier(ctx.model, items.length) * costliest;
  }
  const own = isObjectType(named) ? 1 : 0;
  if (isListType(getNullableType(def.type))) {
    if (!measured) return own + selectionsCost(ctx, sel, named, undefined);
    if (!Array.isArray(value) || value.length === 0) return own;
    return own + value.reduce((m: number, item) => Math.max(m, selectionsCost(ctx, sel, named, item)), 0);
  }
  if (measured && (value === null || value === undefined)) return own;
  return own + selectionsCost(ctx, sel, named, value);
}

function isConnection(type: GraphQLNamedType): type is GraphQLObjectType {
  return isObjectType(type) && type.name.endsWith("Connection") && "pageInfo" in type.getFields();
}

/** Cost of one element of a connection: max of `nodes { … }` and `edges { node { … } }`. */
function connectionNodeCost(ctx: CostContext, sel: SelectionSetNode, conn: GraphQLObjectType, item: unknown): number {
  const fields = conn.getFields();
  let best = 0;
  for (const node of collectFields(ctx, sel, conn)) {
    const name = node.name.value;
    if (!node.selectionSet) continue;
    if (name === "nodes") {
      const t = getNamedType(fields.nodes?.type);
      if (t && isCompositeType(t)) best = Math.max(best, (isObjectType(t) ? 1 : 0) + selectionsCost(ctx, node.selectionSet, t, item));
    } else if (name === "edges") {
      const edgeType = getNamedType(fields.edges?.type);
      if (!edgeType || !isObjectType(edgeType)) continue;
      for (const inner of collectFields(ctx, node.selectionSet, edgeType)) {
        if (inner.name.value !== "node" || !inner.selectionSet) continue;
        const t = getNamedType(edgeType.getFields().node?.type);
        if (t && isCompositeType(t)) best = Math.max(best, (isObjectType(t) ? 1 : 0) + selectionsCost(ctx, inner.selectionSet, t, item));
      }
    }
  }
  return best;
}

function connectionItems(conn: Record<string, unknown>): unknown[] {
  // Measured items: prefer `nodes`, else the `node`s of `edges` (aliases are not followed).
  for (const v of Object.values(conn)) {
    if (Array.isArray(v) && v.length > 0) {
      return v.map((x) => (isRecord(x) && "node" in x ? x.node : x));
    }
  }
  return [];
}

function pageSize(ctx: CostContext, node: FieldNode): number {
  return argNumber(ctx, node, "first") ?? argNumber(ctx, node, "last") ?? 0;
}

function argNumber(ctx: CostContext, node: FieldNode, name: string): number | null {
  const arg = node.arguments?.find((a) => a.name.value === name);
  if (!arg) return null;
  if (arg.value.kind === Kind.INT) return Number(arg.value.value);
  if (arg.value.kind === Kind.VARIABLE) {
    const v = ctx.variables[arg.value.name.value];
    return typeof v === "number" ? v : null;
  }
  return null;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
