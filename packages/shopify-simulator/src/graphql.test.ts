import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { FIXTURES_DIR } from "./fixtures";
import { beforeEach, describe, expect, it } from "vitest";
import { FakeClock } from "./clock";
import { FIXTURE_SHOP, noCodeOrder, placeSingleCodeOrder, setupFixtureShop } from "./scenarios";
import { Simulator } from "./simulator";
import { sleep } from "./webhooks";

const FIXTURES = path.join(FIXTURES_DIR, "graphql");
const QUERIES = path.join(FIXTURES, "queries");
const readJson = <T>(name: string): T => JSON.parse(readFileSync(path.join(FIXTURES, name), "utf8")) as T;
const query = (name: string): string => readFileSync(path.join(QUERIES, name), "utf8");

type Body = { data?: Record<string, unknown>; errors?: { message: string; extensions?: Record<string, unknown> }[]; extensions?: Record<string, unknown> };

let clock: FakeClock;
let sim: Simulator;
let token: string;

async function gql(q: string, variables: Record<string, unknown> = {}, t = token): Promise<Body> {
  const res = await sim.graphql(t, { query: q, variables });
  return res.body as Body;
}

function dig(v: unknown, ...keys: (string | number)[]): unknown {
  let cur = v;
  for (const k of keys) {
    if (cur === null || cur === undefined) return undefined;
    cur = (cur as Record<string | number, unknown>)[k];
  }
  return cur;
}

/** Recursive key set of a JSON value (arrays merged). */
function keyPaths(v: unknown, at = "", out = new Set<string>()): Set<string> {
  if (Array.isArray(v)) for (const x of v) keyPaths(x, `${at}[]`, out);
  else if (v !== null && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) {
      out.add(`${at}.${k}`);
      keyPaths(x, `${at}.${k}`, out);
    }
  }
  return out;
}

const CREATE_VARS = {
  basicCodeDiscount: {
    title: "Creator MAYA20",
    code: "MAYA20",
    startsAt: "2026-09-01T00:00:00Z",
    endsAt: "2026-12-31T23:59:59Z",
    context: { all: "ALL" },
    customerGets: { value: { percentage: 0.2 }, items: { all: true } },
    appliesOncePerCustomer: true,
    usageLimit: 500,
    combinesWith: { productDiscounts: false, orderDiscounts: false, shippingDiscounts: true },
  },
};

beforeEach(() => {
  clock = new FakeClock("2026-09-10T12:00:00Z");
  sim = new Simulator({ clock });
  token = setupFixtureShop(sim).token.token;
});

describe("every Tally document in queries/*.graphql executes", () => {
  const variables: Record<string, () => Record<string, unknown>> = {
    "bulkOrdersExport.graphql": () => ({
      query: `{ orders(query: "updated_at:>='2026-01-01T00:00:00Z'") { edges { node {
        id name updatedAt cancelledAt discountCodes
        currentSubtotalPriceSet { shopMoney { amount currencyCode } }
        refunds { id createdAt totalRefundedSet { shopMoney { amount currencyCode } } }
        lineItems { edges { node { id quantity currentQuantity priceAfterAllDiscountsBeforeTaxesSet { shopMoney { amount currencyCode } } } } }
      } } } }`,
    }),
    "codeDiscountNodeByCode.graphql": () => ({ code: "jane15" }),
    "discountCodeBasicCreate.graphql": () => CREATE_VARS,
    "discountCodeBasicUpdate-endsAt.graphql": () => ({ id: discountId("JANE15"), basicCodeDiscount: { endsAt: "2026-10-31T23:59:59Z" } }),
    "discountCodeDeactivate.graphql": () => ({ id: discountId("JANE10") }),
    "ordersBackfill.graphql": () => ({ first: 25, after: null, query: "updated_at:>='2026-09-01T00:00:00Z'" }),
  };
  const discountId = (code: string): string => `gid://shopify/DiscountCodeNode/${sim.store.findDiscountByCode(FIXTURE_SHOP, code)?.id}`;

  for (const file of readdirSync(QUERIES).filter((f) => f.endsWith(".graphql"))) {
    it(file, async () => {
      const vars = variables[file];
      expect(vars, `add example variables for ${file} to this test`).toBeDefined();
      placeSingleCodeOrder(sim);
      const body = await gql(query(file), vars?.() ?? {});
      expect(body.errors).toBeUndefined();
      expect(body.data).toBeDefined();
      expect(dig(body, "extensions", "cost", "requestedQueryCost")).toBeGreaterThan(0);
      const root = Object.values(body.data ?? {})[0] as Record<string, unknown>;
      if (root && "userErrors" in root) expect(root.userErrors).toEqual([]);
    });
  }
});

describe("discounts", () => {
  it("create returns the live-capture shape (discountCodeBasicCreate-success.json) at cost 20", async () => {
    const fx = readJson<{ request: { query: string; variables: Record<string, unknown> }; response: Body }>("discountCodeBasicCreate-success.json");
    const body = await gql(fx.request.query, fx.request.variables);
    expect(body.errors).toBeUndefined();
    expect(keyPaths(body.data)).toEqual(keyPaths(fx.response.data));
    const node = dig(body, "data", "discountCodeBasicCreate", "codeDiscountNode") as Record<string, unknown>;
    expect(node.id).toMatch(/^gid:\/\/shopify\/DiscountCodeNode\/\d+$/);
    const d = node.codeDiscount as Record<string, unknown>;
    expect(d.__typename).toBe("DiscountCodeBasic");
    expect(d.status).toBe("ACTIVE");
    expect(d.discountClasses).toEqual(["ORDER"]);
    expect(d.context).toEqual({ __typename: "DiscountBuyerSelectionAll", all: "ALL" });
    expect(dig(d, "customerGets", "value")).toEqual({ __typename: "DiscountPercentage", percentage: 0.1 });
    expect(dig(d, "minimumRequirement")).toEqual({ __typename: "DiscountMinimumSubtotal", greaterThanOrEqualToSubtotal: { amount: "1.0", currencyCode: "USD" } });
    expect(dig(d, "codes", "nodes", 0, "id")).toMatch(/^gid:\/\/shopify\/DiscountRedeemCode\/\d+$/);
    expect(d.startsAt).toBe("2026-07-14T15:48:38Z");
    expect(d.summary).toBe("10% off one-time purchase products • Minimum purchase of $1.00");
    // Requested cost is exactly the live figure; actual is an approximation (≤ requested, what the bucket is charged).
    const cost = dig(body, "extensions", "cost") as { requestedQueryCost: number; actualQueryCost: number; throttleStatus: Record<string, number> };
    expect(cost.requestedQueryCost).toBe(20);
    expect(cost.actualQueryCost).toBeLessThanOrEqual(20);
    expect(cost.actualQueryCost).toBeGreaterThanOrEqual(18);
    expect(cost.throttleStatus).toEqual({ maximumAvailable: 2000, currentlyAvailable: 2000 - cost.actualQueryCost, restoreRate: 100 });
  });

  it("a duplicate code is TAKEN, case-insensitively, exactly like discountCodeBasicCreate-taken.json", async () => {
    const fx = readJson<{ request: { query: string; variables: { basicCodeDiscount: Record<string, unknown> } }; response: Body }>(
      "discountCodeBasicCreate-taken.json",
    );
    const first = await gql(fx.request.query, fx.request.variables);
    expect(dig(first, "data", "discountCodeBasicCreate", "userErrors")).toEqual([]);
    const lower = { basicCodeDiscount: { ...fx.request.variables.basicCodeDiscount, code: "har198dup1782094942210" } };
    const second = await gql(fx.request.query, lower);
    expect(second.data).toEqual(fx.response.data);
    // Also against codes that exist from the seed, in any case.
    const third = await gql(fx.request.query, { basicCodeDiscount: { ...fx.request.variables.basicCodeDiscount, code: "Jane15" } });
    expect(dig(third, "data", "discountCodeBasicCreate", "userErrors", 0, "code")).toBe("TAKEN");
  });

  it("deactivate expires the code now but keeps it taken and findable", async () => {
    const created = await gql(query("discountCodeBasicCreate.graphql"), CREATE_VARS);
    const id = dig(created, "data", "discountCodeBasicCreate", "codeDiscountNode", "id") as string;
    clock.advance(60_000);
    const res = await gql(query("discountCodeDeactivate.graphql"), { id });
    expect(dig(res, "data", "discountCodeDeactivate", "codeDiscountNode", "codeDiscount")).toEqual({
      status: "EXPIRED",
      startsAt: "2026-09-01T00:00:00Z",
      endsAt: "2026-09-10T12:01:00Z",
    });
    const found = await gql(query("codeDiscountNodeByCode.graphql"), { code: "maya20" });
    expect(dig(found, "data", "codeDiscountNodeByCode", "id")).toBe(id);
    expect(dig(found, "data", "codeDiscountNodeByCode", "codeDiscount", "status")).toBe("EXPIRED");
    const again = await gql(query("discountCodeBasicCreate.graphql"), CREATE_VARS);
    expect(dig(again, "data", "discountCodeBasicCreate", "userErrors", 0, "code")).toBe("TAKEN");
    // Full lifecycle selection from the live capture: same keys as discountCodeDeactivate-success.json.
    const fx = readJson<{ request: { query: string }; response: Body }>("discountCodeDeactivate-success.json");
    const fixed = await gql(query("discountCodeBasicCreate.graphql"), {
      basicCodeDiscount: {
        ...CREATE_VARS.basicCodeDiscount,
        code: "FIVEOFF",
        customerGets: { value: { discountAmount: { amount: "5.00", appliesOnEachItem: false } }, items: { all: true } },
        minimumRequirement: { subtotal: { greaterThanOrEqualToSubtotal: "2.00" } },
      },
    });
    const fixedId = dig(fixed, "data", "discountCodeBasicCreate", "codeDiscountNode", "id") as string;
    const lifecycle = await gql(fx.request.query, { id: fixedId });
    expect(lifecycle.errors).toBeUndefined();
    expect(dig(lifecycle, "data", "discountCodeDeactivate", "codeDiscountNode", "codeDiscount", "customerGets", "value")).toEqual({
      __typename: "DiscountAmount",
      amount: { amount: "5.0", currencyCode: "USD" },
      appliesOnEachItem: false,
    });
    expect(dig(lifecycle, "data", "discountCodeDeactivate", "codeDiscountNode", "codeDiscount", "summary")).toBe(
      "$5.00 off one-time purchase products • Minimum purchase of $2.00 • One use per customer • Limit of 500 uses",
    );
    expect(keyPaths(lifecycle.data)).toEqual(keyPaths(fx.response.data));
    expect(dig(lifecycle, "data", "discountCodeDeactivate", "codeDiscountNode", "codeDiscount", "status")).toBe("EXPIRED");
    const unknown = await gql(query("discountCodeDeactivate.graphql"), { id: "gid://shopify/DiscountCodeNode/1" });
    expect(dig(unknown, "data", "discountCodeDeactivate")).toEqual({
      codeDiscountNode: null,
      userErrors: [{ field: ["id"], message: "Code discount does not exist.", code: "INVALID", extraInfo: null }],
    });
  });

  it("update changes endsAt/startsAt/title; status follows the window", async () => {
    const created = await gql(query("discountCodeBasicCreate.graphql"), CREATE_VARS);
    const id = dig(created, "data", "discountCodeBasicCreate", "codeDiscountNode", "id") as string;
    const upd = await gql(
      `mutation($id: ID!, $b: DiscountCodeBasicInput!) { discountCodeBasicUpdate(id: $id, basicCodeDiscount: $b) {
        codeDiscountNode { codeDiscount { ... on DiscountCodeBasic { title status startsAt endsAt } } } userErrors { field message code } } }`,
      { id, b: { title: "Later", startsAt: "2026-10-01T00:00:00Z", endsAt: "2026-10-31T23:59:59Z" } },
    );
    expect(dig(upd, "data", "discountCodeBasicUpdate", "codeDiscountNode", "codeDiscount")).toEqual({
      title: "Later",
      status: "SCHEDULED",
      startsAt: "2026-10-01T00:00:00Z",
      endsAt: "2026-10-31T23:59:59Z",
    });
    const bad = await gql(query("discountCodeBasicUpdate-endsAt.graphql"), { id, basicCodeDiscount: { endsAt: "2026-09-15T00:00:00Z" } });
    expect(dig(bad, "data", "discountCodeBasicUpdate", "userErrors")).toEqual([
      { field: ["basicCodeDiscount", "endsAt"], message: "Ends at needs to be after starts_at", code: "INVALID", extraInfo: null },
    ]);
    const missing = await gql(query("discountCodeBasicUpdate-endsAt.graphql"), { id: "gid://shopify/DiscountCodeNode/42", basicCodeDiscount: { endsAt: null } });
    expect(dig(missing, "data", "discountCodeBasicUpdate", "userErrors")).toEqual([
      { field: ["id"], message: "Discount does not exist", code: null, extraInfo: null },
    ]);
  });

  it("create validates like Shopify (blank code, percentage range, missing startsAt)", async () => {
    const base = CREATE_VARS.basicCodeDiscount;
    const run = async (patch: Record<string, unknown>) =>
      dig(await gql(query("discountCodeBasicCreate.graphql"), { basicCodeDiscount: { ...base, ...patch } }), "data", "discountCodeBasicCreate", "userErrors");
    expect(await run({ code: undefined })).toEqual([{ field: ["basicCodeDiscount", "code"], message: "Code can't be blank", code: "BLANK", extraInfo: null }]);
    expect(await run({ customerGets: { value: { percentage: 1.5 }, items: { all: true } } })).toEqual([
      { field: ["basicCodeDiscount", "customerGets", "value", "percentage"], message: "Value must be between 0.0 and 1.0", code: "VALUE_OUTSIDE_RANGE", extraInfo: null },
    ]);
    expect(await run({ startsAt: undefined })).toEqual([{ field: ["basicCodeDiscount", "startsAt"], message: "Starts at can't be blank", code: "BLANK", extraInfo: null }]);
  });
});

describe("Shopify-shaped rejections of invalid documents", () => {
  it("unknown field", async () => {
    const body = await gql("query { shop { name nope } }");
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([
      {
        message: "Field 'nope' doesn't exist on type 'Shop'",
        locations: [{ line: 1, column: 21 }],
        extensions: { code: "undefinedField", typeName: "Shop", fieldName: "nope" },
      },
    ]);
  });

  it("unknown argument, missing required argument, bad variable", async () => {
    const a = await gql("{ orders(first: 1, since: 3) { nodes { id } } }");
    expect(a.errors?.[0]).toMatchObject({ message: "Field 'orders' doesn't accept argument 'since'", extensions: { code: "argumentNotAccepted" } });
    const b = await gql("{ codeDiscountNodeByCode { id } }");
    expect(b.errors?.[0]).toMatchObject({ message: "Field 'codeDiscountNodeByCode' is missing required arguments: code", extensions: { code: "missingRequiredArguments" } });
    const c = await gql(query("discountCodeBasicCreate.graphql"), { basicCodeDiscount: { ...CREATE_VARS.basicCodeDiscount, startsAt: "next tuesday" } });
    expect(c.errors?.[0]?.extensions?.code).toBe("INVALID_VARIABLE");
    expect(c.errors?.[0]?.message).toMatch(/^Variable \$basicCodeDiscount of type DiscountCodeBasicInput! was provided invalid value for startsAt/);
    const d = await gql("{ orders(first: 1) { nodes { id } } }".replace("first: 1", "first: 1, sortKey: NEWEST"));
    expect(d.errors?.[0]?.extensions?.code).toBeDefined();
    expect(d.data).toBeUndefined();
  });

  it("connections need first or last (≤ 250)", async () => {
    const a = await gql("{ orders { nodes { id } } }");
    expect(a.errors?.[0]?.message).toBe("you must provide one of first or last");
    const b = await gql("{ orders(first: 251) { nodes { id } } }");
    expect(b.errors?.[0]?.message).toMatch(/between 0 and 250/);
  });

  it("scopes: ACCESS_DENIED without read_orders; only 60 days of orders without read_all_orders", async () => {
    placeSingleCodeOrder(sim); // created 2026-09-01
    const limited = sim.store.issueToken(FIXTURE_SHOP, { scopes: ["write_discounts"] }).token;
    const denied = await gql("{ orders(first: 5) { nodes { id } } }", {}, limited);
    expect(denied.errors?.[0]).toMatchObject({
      message: "Access denied for orders field. Required access: `read_orders` access scope.",
      extensions: { code: "ACCESS_DENIED" },
      path: ["orders"],
    });
    const noAll = sim.store.issueToken(FIXTURE_SHOP, { scopes: ["read_orders"] }).token;
    clock.advance(61 * 86_400_000);
    const old = await gql("{ orders(first: 5) { nodes { id } } }", {}, noAll);
    expect(dig(old, "data", "orders", "nodes")).toEqual([]);
    const all = await gql("{ orders(first: 5) { nodes { id } } }");
    expect((dig(all, "data", "orders", "nodes") as unknown[]).length).toBe(1);
  });

  it("an unknown token is a 401 like Shopify", async () => {
    const res = await sim.graphql("shpat_unknown", { query: "{ shop { name } }" });
    expect(res).toEqual({ status: 401, body: { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" } });
  });
});

describe("orders", () => {
  const PAGE = `query Page($first: Int!, $after: String, $query: String, $sortKey: OrderSortKeys, $reverse: Boolean) {
    orders(first: $first, after: $after, query: $query, sortKey: $sortKey, reverse: $reverse) {
      pageInfo { hasNextPage endCursor }
      nodes { legacyResourceId name createdAt updatedAt }
    }
  }`;

  async function allPages(q: string, sortKey: string, first = 2, reverse = false): Promise<string[]> {
    const names: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 20; i++) {
      const body = await gql(PAGE, { first, after, query: q, sortKey, reverse });
      expect(body.errors).toBeUndefined();
      const page = dig(body, "data", "orders") as { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: { name: string }[] };
      names.push(...page.nodes.map((n) => n.name));
      if (!page.pageInfo.hasNextPage) return names;
      after = page.pageInfo.endCursor;
    }
    throw new Error("did not finish paging");
  }

  function placeAt(iso: string): number {
    clock.set(iso);
    return sim.store.placeOrder(FIXTURE_SHOP, { lineItems: [{ title: "Tee", price: 2500, quantity: 1 }] }).id;
  }

  it("pages through a created_at window with cursors (>= inclusive, < exclusive)", async () => {
    placeAt("2026-08-31T23:59:59Z"); // #1001 outside
    placeAt("2026-09-01T00:00:00Z"); // #1002
    placeAt("2026-09-01T10:00:00Z"); // #1003
    placeAt("2026-09-02T10:00:00Z"); // #1004
    placeAt("2026-09-03T10:00:00Z"); // #1005
    placeAt("2026-09-04T00:00:00Z"); // #1006 outside (upper bound exclusive)
    const window = "created_at:>='2026-09-01T00:00:00Z' created_at:<'2026-09-04T00:00:00Z'";
    expect(await allPages(window, "CREATED_AT")).toEqual(["#1002", "#1003", "#1004", "#1005"]);
    expect(await allPages(window, "CREATED_AT", 3, true)).toEqual(["#1005", "#1004", "#1003", "#1002"]);
    expect(await allPages("created_at:>=2026-09-02", "ID", 1)).toEqual(["#1004", "#1005", "#1006"]);
    const count = await gql("query($q: String!) { ordersCount(query: $q) { count precision } }", { q: window });
    expect(dig(count, "data", "ordersCount")).toEqual({ count: 4, precision: "EXACT" });
  });

  it("updated_at:>= with sortKey UPDATED_AT sees refunded orders move to the end", async () => {
    const a = placeAt("2026-09-01T01:00:00Z");
    placeAt("2026-09-01T02:00:00Z");
    placeAt("2026-09-01T03:00:00Z");
    clock.set("2026-09-05T00:00:00Z");
    const order = sim.store.getOrder(FIXTURE_SHOP, a);
    sim.refund(FIXTURE_SHOP, a, { lineItems: [{ lineItemId: order.lineItems[0]?.id ?? 0, quantity: 1 }] });
    expect(await allPages("updated_at:>='2026-09-01T00:00:00Z'", "UPDATED_AT")).toEqual(["#1002", "#1003", "#1001"]);
    expect(await allPages("updated_at:>='2026-09-04T00:00:00Z'", "UPDATED_AT")).toEqual(["#1001"]);
    const body = await gql(`{ orders(first: 5, query: "updated_at:>='2026-09-04T00:00:00Z'", sortKey: UPDATED_AT) {
      nodes { updatedAt displayFinancialStatus currentSubtotalPriceSet { shopMoney { amount } }
        refunds { legacyResourceId refundLineItems(first: 5) { nodes { quantity lineItem { id } subtotalSet { shopMoney { amount currencyCode } } } }
          totalRefundedSet { shopMoney { amount } } } } } }`);
    expect(dig(body, "data", "orders", "nodes", 0)).toMatchObject({
      updatedAt: "2026-09-05T00:00:00Z",
      displayFinancialStatus: "REFUNDED",
      currentSubtotalPriceSet: { shopMoney: { amount: "0.0" } },
    });
    expect(dig(body, "data", "orders", "nodes", 0, "refunds", 0, "refundLineItems", "nodes", 0, "subtotalSet")).toEqual({
      shopMoney: { amount: "25.0", currencyCode: "USD" },
    });
  });

  it("resolves the fields Tally reads, consistent with the REST payload", async () => {
    const order = placeSingleCodeOrder(sim);
    const body = await gql(`{ order(id: "gid://shopify/Order/${order.id}") {
      id legacyResourceId name email cancelledAt taxesIncluded discountCodes customer { id }
      subtotalPriceSet { shopMoney { amount currencyCode } } currentSubtotalPriceSet { shopMoney { amount } }
      totalPriceSet { shopMoney { amount } }
      discountApplications(first: 5) { nodes { __typename ... on DiscountCodeApplication { code } value { ... on PricingPercentageValue { percentage } } } }
      lineItems(first: 5) { nodes { name quantity discountAllocations { allocatedAmountSet { shopMoney { amount } } } } }
      customAttributes { key value }
      customerJourneySummary { firstVisit { referralCode utmParameters { source campaign } } }
    } }`);
    expect(body.errors).toBeUndefined();
    expect(dig(body, "data", "order")).toMatchObject({
      id: `gid://shopify/Order/${order.id}`,
      legacyResourceId: String(order.id),
      name: "#1001",
      email: "jordan.buyer@example.com",
      cancelledAt: null,
      taxesIncluded: false,
      discountCodes: ["JANE15"],
      subtotalPriceSet: { shopMoney: { amount: "85.0", currencyCode: "USD" } },
      currentSubtotalPriceSet: { shopMoney: { amount: "85.0" } },
      totalPriceSet: { shopMoney: { amount: "99.3" } },
      discountApplications: { nodes: [{ __typename: "DiscountCodeApplication", code: "JANE15", value: { percentage: 15 } }] },
      customAttributes: [{ key: "creator_ref", value: "jane" }],
      customerJourneySummary: { firstVisit: { referralCode: "jane", utmParameters: { source: "instagram", campaign: "jane" } } },
    });
    expect(dig(body, "data", "order", "customer", "id")).toMatch(/^gid:\/\/shopify\/Customer\/\d+$/);
  });

  it("ordersBackfill answers like orders-backfill-page-with-refunds.json (same keys, same money)", async () => {
    const fx = readJson<{ response: Body }>("orders-backfill-page-with-refunds.json");
    const o1042 = placeSingleCodeOrder(sim);
    clock.set("2026-09-05T14:15:00Z");
    sim.refund(FIXTURE_SHOP, o1042.id, { lineItems: [{ lineItemId: o1042.lineItems[1]?.id ?? 0, quantity: 1, restockType: "return" }] });
    sim.store.placeOrder(FIXTURE_SHOP, noCodeOrder);
    const body = await gql(query("ordersBackfill.graphql"), { first: 25, after: null, query: "updated_at:>='2026-09-01T00:00:00Z'" });
    expect(body.errors).toBeUndefined();
    expect(keyPaths(body.data)).toEqual(keyPaths(fx.response.data));
    const nodes = dig(body, "data", "orders", "nodes") as Record<string, unknown>[];
    const fxNodes = dig(fx.response, "data", "orders", "nodes") as Record<string, unknown>[];
    const pick = (n: Record<string, unknown> | undefined) => ({
      name: n?.name,
      displayFinancialStatus: n?.displayFinancialStatus,
      discountCodes: n?.discountCodes,
      discountApplications: n?.discountApplications,
      subtotalPriceSet: n?.subtotalPriceSet,
      currentSubtotalPriceSet: n?.currentSubtotalPriceSet,
      totalDiscountsSet: n?.totalDiscountsSet,
      totalShippingPriceSet: n?.totalShippingPriceSet,
      totalTaxSet: n?.totalTaxSet,
      totalRefundedSet: n?.totalRefundedSet,
      customAttributes: n?.customAttributes,
      refundLines: dig(n, "refunds", 0, "refundLineItems", "nodes", 0, "subtotalSet"),
      refundTotal: dig(n, "refunds", 0, "totalRefundedSet"),
    });
    // Sorted by UPDATED_AT: #1044 (created after the refund here) comes last; compare by name.
    const byName = (list: Record<string, unknown>[], name: string) => list.find((n) => n.name === name);
    expect(pick(byName(nodes, "#1001"))).toEqual({ ...pick(byName(fxNodes, "#1042")), name: "#1001" });
    expect(pick(byName(nodes, "#1002"))).toEqual({ ...pick(byName(fxNodes, "#1044")), name: "#1002" });
  });

  it("search warnings for unknown filter fields", async () => {
    const body = await gql(`{ orders(first: 1, query: "colour:blue") { nodes { id } } }`);
    expect(dig(body, "extensions", "search", 0, "warnings")).toEqual([{ field: "colour", message: "Invalid search field for this query." }]);
  });
});

describe("webhook subscriptions, shop, bulk operations", () => {
  it("webhookSubscriptionCreate takes the 2026-07 input (uri, or deprecated callbackUrl) and lists them", async () => {
    const create = `mutation($topic: WebhookSubscriptionTopic!, $sub: WebhookSubscriptionInput!) {
      webhookSubscriptionCreate(topic: $topic, webhookSubscription: $sub) {
        webhookSubscription { id topic uri format endpoint { __typename ... on WebhookHttpEndpoint { callbackUrl } } }
        userErrors { field message } } }`;
    const a = await gql(create, { topic: "ORDERS_CREATE", sub: { uri: "https://app.example.com/webhooks", format: "JSON" } });
    expect(dig(a, "data", "webhookSubscriptionCreate", "webhookSubscription")).toMatchObject({
      topic: "ORDERS_CREATE",
      uri: "https://app.example.com/webhooks",
      format: "JSON",
      endpoint: { __typename: "WebhookHttpEndpoint", callbackUrl: "https://app.example.com/webhooks" },
    });
    const b = await gql(create, { topic: "REFUNDS_CREATE", sub: { callbackUrl: "https://app.example.com/webhooks" } });
    expect(dig(b, "data", "webhookSubscriptionCreate", "userErrors")).toEqual([]);
    const dup = await gql(create, { topic: "ORDERS_CREATE", sub: { uri: "https://app.example.com/webhooks" } });
    expect(dig(dup, "data", "webhookSubscriptionCreate", "userErrors", 0, "message")).toBe("Address for this topic has already been taken");
    const bad = await gql(create, { topic: "ORDERS_CREATE", sub: { uri: "https://x.example.com", bogus: true } });
    expect(bad.errors?.[0]?.extensions?.code).toBe("INVALID_VARIABLE");
    const list = await gql(`{ webhookSubscriptions(first: 10) { nodes { topic uri } } }`);
    expect(dig(list, "data", "webhookSubscriptions", "nodes")).toEqual([
      { topic: "ORDERS_CREATE", uri: "https://app.example.com/webhooks" },
      { topic: "REFUNDS_CREATE", uri: "https://app.example.com/webhooks" },
    ]);
    const filtered = await gql(`{ webhookSubscriptions(first: 10, topics: [REFUNDS_CREATE]) { nodes { topic } } }`);
    expect(dig(filtered, "data", "webhookSubscriptions", "nodes")).toEqual([{ topic: "REFUNDS_CREATE" }]);
    expect(sim.targetsFor(sim.store.requireShop(FIXTURE_SHOP), "orders/create").map((t) => t.url)).toEqual(["https://app.example.com/webhooks"]);
  });

  it("shop", async () => {
    const body = await gql("{ shop { name currencyCode myshopifyDomain } }");
    expect(body.data).toEqual({ shop: { name: "Creator Demo Store", currencyCode: "USD", myshopifyDomain: FIXTURE_SHOP } });
    expect(dig(body, "extensions", "cost", "requestedQueryCost")).toBe(1);
  });

  it("bulkOperationRunQuery runs the inner query and produces JSONL with __parentId", async () => {
    placeSingleCodeOrder(sim);
    const run = await gql(query("bulkOrdersExport.graphql"), {
      query: "{ orders { edges { node { id name lineItems { edges { node { id quantity } } } } } } }",
    });
    const op = dig(run, "data", "bulkOperationRunQuery", "bulkOperation") as { id: string; status: string };
    expect(op.status).toBe("CREATED");
    for (let i = 0; i < 50; i++) {
      const status = await gql(`{ bulkOperation(id: "${op.id}") { status objectCount rootObjectCount } }`);
      if (dig(status, "data", "bulkOperation", "status") === "COMPLETED") {
        expect(dig(status, "data", "bulkOperation")).toEqual({ status: "COMPLETED", objectCount: "3", rootObjectCount: "1" });
        const shop = sim.store.requireShop(FIXTURE_SHOP);
        const lines = (shop.bulkOperations.values().next().value?.result ?? "").trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
        expect(lines[0]).toMatchObject({ name: "#1001" });
        expect(lines[1]?.__parentId).toBe(lines[0]?.id);
        return;
      }
      await sleep(10);
    }
    throw new Error("bulk operation did not complete");
  });
});

describe("query cost", () => {
  it("matches live figures for simple documents and rejects > 1000 with MAX_COST_EXCEEDED", async () => {
    const one = await gql("query($code: String!) { codeDiscountNodeByCode(code: $code) { id } }", { code: "NOPE" });
    expect(dig(one, "extensions", "cost")).toMatchObject({ requestedQueryCost: 1, actualQueryCost: 1 });
    const flat = await gql("{ orders(first: 250) { nodes { id name } } }");
    expect(dig(flat, "extensions", "cost", "requestedQueryCost")).toBe(13);
    const nested = await gql("{ orders(first: 250) { nodes { id lineItems(first: 250) { nodes { id } } } } }");
    expect(dig(nested, "extensions", "cost", "requestedQueryCost")).toBe(156);
    expect(dig(nested, "extensions", "cost", "actualQueryCost")).toBe(2);

    const linear = new Simulator({ clock, costModel: "linear" });
    const t = linear.createShop({ domain: "linear.myshopify.com" }).token.token;
    const res = await linear.graphql(t, { query: "{ orders(first: 250) { nodes { id lineItems(first: 250) { nodes { id } } } } }" });
    const body = res.body as Body;
    expect(body.errors?.[0]?.message).toMatch(/^Query cost is 63252, which exceeds the single query max cost limit \(1000\)\./);
    expect(body.errors?.[0]?.extensions).toEqual({
      code: "MAX_COST_EXCEEDED",
      cost: 63252,
      maxCost: 1000,
      documentation: "https://shopify.dev/api/usage/rate-limits",
    });
    expect(body.extensions).toBeUndefined();
  });
});
