import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { createTestBrand } from "@/test/factories";
import { expectDocumentedResponse } from "@/test/openapi-conformance";
import { CODES, DAY, orderPayload, payoutsSetup, refundPayload } from "@/test/payouts";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

const ROUTES: Record<string, () => Promise<Record<string, unknown>>> = {
  "creators/[creator_id]/balance": () => import("@/app/api/v1/creators/[creator_id]/balance/route"),
  payouts: () => import("@/app/api/v1/payouts/route"),
  "payouts/[id]": () => import("@/app/api/v1/payouts/[id]/route"),
  "payouts/[id]/paid": () => import("@/app/api/v1/payouts/[id]/paid/route"),
  "payouts/[id]/cancel": () => import("@/app/api/v1/payouts/[id]/cancel/route"),
  "payouts/[id]/items/[item_id]/failed": () => import("@/app/api/v1/payouts/[id]/items/[item_id]/failed/route"),
  settings: () => import("@/app/api/v1/settings/route"),
  conversions: () => import("@/app/api/v1/conversions/route"),
};

let nextId = 8_300_000_000 + Math.floor(Math.random() * 1_000_000) * 100;
const orderId = () => nextId++;

async function call(method: string, path: string, key: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const routes: [RegExp, string][] = [
    [/^\/creators\/([^/]+)\/balance$/, "creators/[creator_id]/balance"],
    [/^\/payouts$/, "payouts"],
    [/^\/payouts\/([^/]+)$/, "payouts/[id]"],
    [/^\/payouts\/([^/]+)\/paid$/, "payouts/[id]/paid"],
    [/^\/payouts\/([^/]+)\/cancel$/, "payouts/[id]/cancel"],
    [/^\/payouts\/([^/]+)\/items\/([^/]+)\/failed$/, "payouts/[id]/items/[item_id]/failed"],
    [/^\/settings$/, "settings"],
    [/^\/conversions$/, "conversions"],
  ];
  const bare = path.split("?")[0]!;
  const [re, file] = routes.find(([r]) => r.test(bare))!;
  const m = re.exec(bare)!;
  const params: Record<string, string> = file.includes("creator_id") ? { creator_id: m[1]! } : file.includes("item_id") ? { id: m[1]!, item_id: m[2]! } : m[1] ? { id: m[1] } : {};
  const mod = (await ROUTES[file]!()) as Record<string, Handler>;
  const req = new NextRequest(`http://localhost/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  const res = await mod[method]!(req, { params: Promise.resolve(params) });
  const json = (await res.json()) as Json;
  expectDocumentedResponse(method, `/api/v1${bare}`, res.status, json);
  return { status: res.status, body: json };
}

describe("API v1 payouts", () => {
  it("balance, payout run, paid, a refund after payment, and the clawback in the next payout", async () => {
    const s = await payoutsSetup();
    const key = s.brand.apiKey;
    const [jane] = s.creatorIds as [string, string];
    const first = orderId();
    await s.send("orders/create", orderPayload(first, CODES[0]!, new Date(Date.now() - 45 * DAY)));
    await s.send("orders/create", orderPayload(orderId(), CODES[0]!, new Date(Date.now() - 5 * DAY)));

    let balance = await call("GET", `/creators/${jane}/balance`, key);
    expect(balance).toMatchObject({ status: 200, body: { creator_id: jane, balances: [{ currency: "USD", pending: 1275, payable: 1275, in_payouts: 0, paid: 0 }] } });

    const run = await call("POST", "/payouts", key, { currency: "USD" });
    expect(run.status).toBe(201);
    expect(run.body.data).toMatchObject({ status: "draft", currency: "USD", total: 1275, label: "P-0001", items: [{ creator_id: jane, amount: 1275, entries: 1 }] });
    expect((await call("POST", "/payouts", key, { currency: "USD" })).status).toBe(409);

    const list = await call("GET", "/payouts", key);
    expect(list.body).toMatchObject({ data: [{ id: run.body.data.id }], next_cursor: null });

    const paid = await call("POST", `/payouts/${run.body.data.id}/paid`, key, { reference: "PP-123" });
    expect(paid.body.data).toMatchObject({ status: "paid", reference: "PP-123", items: [{ status: "paid", reference: "PP-123" }] });
    expect((await call("POST", `/payouts/${run.body.data.id}/paid`, key, { reference: "again" })).status).toBe(409);

    let conversions = await call("GET", "/conversions", key);
    const sold = conversions.body.data.find((c: Json) => c.order_id === String(first));
    expect(sold).toMatchObject({ paid_amount: 1275 });
    expect(Date.parse(sold.payable_at)).toBeLessThan(Date.now());

    await s.send("refunds/create", refundPayload(orderId(), first, 8500, new Date()));
    balance = await call("GET", `/creators/${jane}/balance`, key);
    expect(balance.body.balances[0]).toMatchObject({ pending: 1275, payable: -1275, paid: 1275 });
    conversions = await call("GET", "/conversions", key);
    expect(conversions.body.data.find((c: Json) => c.order_id === String(first))).toMatchObject({ paid_amount: 1275, net_commission: 0 });

    // the hold shortened: the second sale is payable now; the next payout nets the clawback
    expect(await call("PATCH", "/settings", key, { payout_hold_days: 3 })).toMatchObject({ status: 200, body: { data: { payout_hold_days: 3 } } });
    expect((await call("GET", "/settings", key)).body).toEqual({ data: { payout_hold_days: 3 } });
    expect((await call("POST", "/payouts", key, { currency: "USD" })).status).toBe(409); // 1275 − 1275 = 0: nothing payable
    await s.send("orders/create", orderPayload(orderId(), CODES[0]!, new Date(Date.now() - 10 * DAY)));
    const second = await call("POST", "/payouts", key, { currency: "USD", minimum_amount: 0 });
    expect(second.body.data).toMatchObject({ label: "P-0002", total: 1275, items: [{ creator_id: jane, amount: 1275, entries: 3 }] });

    const failed = await call("POST", `/payouts/${second.body.data.id}/items/${second.body.data.items[0].id}/failed`, key, { reason: "Account closed" });
    expect(failed.body.data).toMatchObject({ status: "failed", failure_reason: "Account closed" });
    expect((await call("POST", `/payouts/${second.body.data.id}/items/${second.body.data.items[0].id}/failed`, key, { reason: "Again" })).status).toBe(409);
    expect((await call("GET", `/creators/${jane}/balance`, key)).body.balances[0]).toMatchObject({ payable: 1275, in_payouts: 0, paid: 1275 });
  });

  it("bad input is a clear 4xx and changes nothing; another workspace's payout is a 404", async () => {
    const s = await payoutsSetup();
    const key = s.brand.apiKey;
    await s.send("orders/create", orderPayload(orderId(), CODES[0]!, new Date(Date.now() - 45 * DAY)));
    const bad: [unknown, number][] = [
      [{ currency: "XYZ" }, 422],
      [{}, 422],
      [{ currency: "USD", minimum_amount: -5 }, 422],
      [{ currency: "USD", minimum_amount: "5" }, 422],
      [{ currency: "USD", cutoff: new Date(Date.now() + DAY).toISOString() }, 422],
      [{ currency: "USD", cutoff: "yesterday" }, 422],
      [{ currency: "USD", surprise: true }, 422],
      ["{not json", 400],
    ];
    for (const [body, status] of bad) {
      const res = await call("POST", "/payouts", key, body);
      expect({ body, status: res.status }).toEqual({ body, status });
      expect(res.body.error.message).toEqual(expect.any(String));
    }
    expect((await call("GET", "/payouts", key)).body.data).toEqual([]);
    for (const days of [-1, 366, "30", 1.5]) expect((await call("PATCH", "/settings", key, { payout_hold_days: days })).status).toBe(422);
    expect((await call("GET", "/payouts?cursor=garbage", key)).status).toBe(400);

    const run = await call("POST", "/payouts", key, { currency: "USD" });
    const other = await createTestBrand(s.db);
    expect((await call("GET", `/payouts/${run.body.data.id}`, other.apiKey)).status).toBe(404);
    expect((await call("POST", `/payouts/${run.body.data.id}/paid`, other.apiKey, {})).status).toBe(404);
    expect((await call("POST", `/payouts/${run.body.data.id}/items/${run.body.data.items[0].id}/failed`, other.apiKey, { reason: "x" })).status).toBe(404);
    expect((await call("GET", `/creators/${s.creatorIds[0]}/balance`, other.apiKey)).status).toBe(404);
    expect((await call("POST", `/payouts/${run.body.data.id}/cancel`, key)).body.data).toMatchObject({ status: "cancelled" });
    expect((await call("POST", `/payouts/${run.body.data.id}/paid`, key)).status).toBe(409);
  });
});
