import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { Webhook } from "standardwebhooks";
import { afterEach, describe, expect, it } from "vitest";
import { conversions, eventDeliveries, webhookEndpoints } from "@/db/schema";
import { sentEmails } from "@/lib/email/send-email";
import { drainInProcessJobs } from "@/lib/jobs/run-in-process";
import { receiveShopifyWebhook } from "@/lib/webhooks/receive-shopify-webhook";
import { createTestBrand } from "@/test/factories";
import { expectDocumentedResponse } from "@/test/openapi-conformance";
import { CODES, DAY, orderPayload, payoutsSetup } from "@/test/payouts";
import { webhookRequest } from "@/test/shopify";
import { attemptDelivery } from "./deliver-event";
import { checkEndpointAddress, isPublicAddress, parseEndpointUrl } from "./endpoint-url";
import { parseFormData } from "@/lib/forms/parse-form-data";
import { deliveryCountsByEndpoint, listEndpointDeliveries } from "./list-deliveries";
import { resendFailedDeliveries, sendTestMessage } from "./resend-deliveries";
import { eventTypeField, ZWebhookEndpointForm } from "./schemas";
import { sweepEventDeliveries } from "./sweep-event-deliveries";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Received = { headers: Record<string, string>; body: string };

let nextId = 8_700_000_000 + Math.floor(Math.random() * 1_000_000) * 100;
const orderId = () => nextId++;
const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

/** A receiver on localhost: records every request and answers with `answer(n)` (n = 1 for the first). */
async function receiver(answer: (n: number, res: ServerResponse) => void = (_n, res) => res.end("ok")) {
  const received: Received[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      received.push({ headers: req.headers as Record<string, string>, body });
      answer(received.length, res);
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, received };
}

const ROUTES: Record<string, () => Promise<Record<string, unknown>>> = {
  "webhook-endpoints": () => import("@/app/api/v1/webhook-endpoints/route"),
  "webhook-endpoints/[id]": () => import("@/app/api/v1/webhook-endpoints/[id]/route"),
  "webhook-endpoints/[id]/rotate-secret": () => import("@/app/api/v1/webhook-endpoints/[id]/rotate-secret/route"),
  "webhook-endpoints/[id]/test": () => import("@/app/api/v1/webhook-endpoints/[id]/test/route"),
};
type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function call(method: string, path: string, key: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const parts = path.split("/").filter(Boolean);
  const file = parts.length === 1 ? "webhook-endpoints" : parts.length === 2 ? "webhook-endpoints/[id]" : `webhook-endpoints/[id]/${parts[2]}`;
  const params: Record<string, string> = parts[1] ? { id: parts[1] } : {};
  const mod = (await ROUTES[file]!()) as Record<string, Handler>;
  const req = new NextRequest(`http://localhost/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const res = await mod[method]!(req, { params: Promise.resolve(params) });
  const json = (await res.json()) as Json;
  expectDocumentedResponse(method, `/api/v1${path}`, res.status, json);
  return { status: res.status, body: json };
}

/** Runs the heartbeat and every job it starts, until nothing is left to do right now. */
async function deliverAll(db: Awaited<ReturnType<typeof payoutsSetup>>["db"]) {
  for (;;) {
    const { dispatched, started } = await sweepEventDeliveries(db);
    await drainInProcessJobs();
    if (dispatched === 0 && started === 0) return;
  }
}

describe("webhook endpoints", () => {
  it("API: add, list, read with its secret, change, refuse bad input, and 404 across workspaces", async () => {
    const s = await payoutsSetup();
    const key = s.brand.apiKey;
    const bad = await call("POST", "/webhook-endpoints", key, { url: "ftp://example.com/x", event_types: ["order.created"] });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.details.fields).sort()).toEqual(["event_types.0", "url"].sort());
    expect((await call("POST", "/webhook-endpoints", key, { url: "https://example.com/x", colour: "red" })).status).toBe(422);

    const created = await call("POST", "/webhook-endpoints", key, { url: "https://example.com/hooks", event_types: ["conversion.refunded", "payout.paid"] });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ url: "https://example.com/hooks", status: "enabled", event_types: ["conversion.refunded", "payout.paid"] });
    expect(created.body.data.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{32}$/);
    const id = created.body.data.id as string;
    expect((await call("GET", "/webhook-endpoints", key)).body.data.map((e: Json) => [e.id, e.secret])).toEqual([[id, undefined]]);
    expect((await call("GET", `/webhook-endpoints/${id}`, key)).body.data.secret).toBe(created.body.data.secret);
    const patched = await call("PATCH", `/webhook-endpoints/${id}`, key, { event_types: [], status: "disabled" });
    expect(patched.body.data).toMatchObject({ event_types: [], status: "disabled", disabled_reason: "Disabled by the brand." });

    const other = await createTestBrand(s.db);
    expect((await call("GET", `/webhook-endpoints/${id}`, other.apiKey)).status).toBe(404);
    expect((await call("PATCH", `/webhook-endpoints/${id}`, other.apiKey, { status: "enabled" })).status).toBe(404);
    expect((await call("PATCH", `/webhook-endpoints/${id}`, other.apiKey, { name: "not a field" })).status).toBe(404); // 404 before the body is read
    expect((await call("POST", `/webhook-endpoints/${id}/rotate-secret`, other.apiKey)).status).toBe(404);
    expect((await call("POST", `/webhook-endpoints/${id}/test`, other.apiKey)).status).toBe(404);
    expect((await call("DELETE", `/webhook-endpoints/${id}`, other.apiKey)).status).toBe(404);
    expect((await call("DELETE", `/webhook-endpoints/${id}`, key)).status).toBe(200);
    expect((await call("GET", `/webhook-endpoints/${id}`, key)).status).toBe(404);
  });

  it("delivers each event signed (Standard Webhooks), with the event's id as webhook-id, only the types asked for", async () => {
    const s = await payoutsSetup();
    const all = await receiver();
    const refundsOnly = await receiver();
    const a = await call("POST", "/webhook-endpoints", s.brand.apiKey, { url: all.url });
    await call("POST", "/webhook-endpoints", s.brand.apiKey, { url: refundsOnly.url, event_types: ["conversion.refunded"] });
    await s.send("orders/create", orderPayload(orderId(), CODES[0]!, new Date(Date.now() - DAY)));
    await deliverAll(s.db);
    expect(all.received).toHaveLength(1);
    expect(refundsOnly.received).toHaveLength(0);
    const [msg] = all.received as [Received];
    const payload = new Webhook(a.body.data.secret as string).verify(msg.body, msg.headers) as Json;
    expect(payload).toMatchObject({ type: "conversion.created", data: { status: "approved", commission_amount: 1275 } });
    expect(msg.headers["webhook-id"]).toBe(payload.id);
    const { GET } = await import("@/app/api/v1/events/route");
    const feed = (await (await GET(new NextRequest("http://localhost/api/v1/events", { headers: { authorization: `Bearer ${s.brand.apiKey}` } }), { params: Promise.resolve({}) })).json()) as Json;
    expect(feed.data).toEqual([payload]);
    // Another heartbeat sends nothing again.
    await deliverAll(s.db);
    expect(all.received).toHaveLength(1);
  });

  it("rotation: the new and the previous secret both sign for 24 h", async () => {
    const s = await payoutsSetup();
    const r = await receiver();
    const created = await call("POST", "/webhook-endpoints", s.brand.apiKey, { url: r.url });
    const rotated = await call("POST", `/webhook-endpoints/${created.body.data.id}/rotate-secret`, s.brand.apiKey);
    expect(rotated.body.data.secret).not.toBe(created.body.data.secret);
    expect(Date.parse(rotated.body.data.previous_secret_expires_at) - Date.now()).toBeGreaterThan(23.9 * 3600_000);
    expect((await call("POST", `/webhook-endpoints/${created.body.data.id}/test`, s.brand.apiKey)).status).toBe(202);
    await drainInProcessJobs();
    const [msg] = r.received as [Received];
    expect(msg.headers["webhook-signature"]!.split(" ")).toHaveLength(2);
    for (const secret of [created.body.data.secret, rotated.body.data.secret]) expect(new Webhook(secret as string).verify(msg.body, msg.headers)).toMatchObject({ type: "webhook.test" });
  });

  it("a failing endpoint is retried with backoff, disabled after 3 days (the brand is emailed), and re-sent once fixed", async () => {
    const s = await payoutsSetup();
    let healthy = false;
    const r = await receiver((_n, res) => {
      res.statusCode = healthy ? 200 : 503;
      res.end(healthy ? "ok" : "down for maintenance");
    });
    const created = await call("POST", "/webhook-endpoints", s.brand.apiKey, { url: r.url });
    const endpointId = created.body.data.id as string;
    await s.send("orders/create", orderPayload(orderId(), CODES[0]!, new Date(Date.now() - DAY)));
    await deliverAll(s.db);
    const deliveryOf = async () => (await s.db.select().from(eventDeliveries).where(eq(eventDeliveries.endpointId, endpointId)))[0]!;
    let d = await deliveryOf();
    expect(d).toMatchObject({ status: "retrying", attempts: 1, lastStatusCode: 503, lastResponse: "down for maintenance" });
    expect(d.nextAttemptAt.getTime() - d.lastAttemptAt!.getTime()).toBe(5_000);

    // The next attempts, each when due: the delay grows; three days after the first failure the endpoint is disabled.
    const delays: number[] = [];
    for (let i = 0; i < 20 && d.status === "retrying"; i++) {
      await attemptDelivery(s.db, { workspaceId: s.workspaceId, deliveryId: d.id, now: d.nextAttemptAt });
      const next = await deliveryOf();
      if (next.status === "retrying") delays.push((next.nextAttemptAt.getTime() - next.lastAttemptAt!.getTime()) / 1000);
      d = next;
    }
    expect(delays.slice(0, 5)).toEqual([300, 1800, 7200, 18000, 36000]);
    expect(d.status).toBe("failed");
    const [endpoint] = await s.db.select().from(webhookEndpoints).where(and(eq(webhookEndpoints.id, endpointId)));
    expect(endpoint).toMatchObject({ status: "disabled" });
    expect(endpoint!.disabledReason).toContain("failed for 3 days");
    expect(endpoint!.disabledReason).not.toMatch(/\d{4}-\d{2}-\d{2}T/); // a sentence for people, no raw ISO time
    await drainInProcessJobs();
    expect(sentEmails().filter((m) => m.kind === "webhook-endpoint-disabled" && m.to === s.brand.email)).toHaveLength(1);
    expect((await call("GET", `/webhook-endpoints/${endpointId}`, s.brand.apiKey)).body.data.status).toBe("disabled");

    // Fixed: turned back on, the failed delivery re-sent.
    healthy = true;
    await call("PATCH", `/webhook-endpoints/${endpointId}`, s.brand.apiKey, { status: "enabled" });
    expect(await resendFailedDeliveries(s.db, { workspaceId: s.workspaceId, endpointId, actor: s.actor })).toBe(1);
    await drainInProcessJobs();
    expect(await deliveryOf()).toMatchObject({ status: "delivered", lastStatusCode: 200 });
    expect(r.received.map((m) => m.headers["webhook-id"])).toEqual(Array(r.received.length).fill(d.eventId));
  });

  it("a receiver that never answers holds up neither another endpoint nor order processing", async () => {
    const s = await payoutsSetup();
    const hanging = await receiver(() => {}); // never answers: each attempt waits for the timeout
    const fine = await receiver();
    const h = await call("POST", "/webhook-endpoints", s.brand.apiKey, { url: hanging.url });
    await call("POST", "/webhook-endpoints", s.brand.apiKey, { url: fine.url });
    await s.send("orders/create", orderPayload(orderId(), CODES[0]!, new Date(Date.now() - DAY)));
    await sweepEventDeliveries(s.db);
    while (fine.received.length < 1 || hanging.received.length < 1) await new Promise((r) => setTimeout(r, 10));

    // While that attempt hangs: a new order is recorded and processed, and its event reaches the other endpoint.
    const second = orderId();
    const body = JSON.stringify(orderPayload(second, CODES[1]!, new Date(Date.now() - DAY)));
    expect((await receiveShopifyWebhook(s.db, { rawBody: body, request: webhookRequest({ body, topic: "orders/create", shop: s.shop.domain, webhookId: randomUUID() }) })).status).toBe(200);
    while ((await s.db.select().from(conversions).where(and(eq(conversions.workspaceId, s.workspaceId), eq(conversions.shopifyOrderId, second)))).length === 0) {
      await new Promise((r) => setTimeout(r, 10));
    }
    await sweepEventDeliveries(s.db);
    while (fine.received.length < 2) await new Promise((r) => setTimeout(r, 10));
    const stuck = await s.db.select().from(eventDeliveries).where(eq(eventDeliveries.endpointId, h.body.data.id as string));
    // The hanging endpoint's first attempt has no outcome yet (still waiting for its answer).
    expect(stuck.find((d) => d.eventId === JSON.parse(hanging.received[0]!.body).id)).toMatchObject({ attempts: 0, status: "pending" });
    await drainInProcessJobs();
  }, 60_000);

  it("SSRF: production refuses private, loopback and link-local addresses, and http, with a clear message on url", async () => {
    for (const [address, ok] of [
      ["127.0.0.1", false],
      ["10.1.2.3", false],
      ["172.20.0.1", false],
      ["192.168.1.1", false],
      ["169.254.169.254", false],
      ["100.64.0.1", false],
      ["0.0.0.0", false],
      ["::1", false],
      ["fe80::1", false],
      ["fd00::1", false],
      ["::ffff:127.0.0.1", false],
      ["8.8.8.8", true],
      ["2606:4700:4700::1111", true],
    ] as const)
      expect([address, isPublicAddress(address)]).toEqual([address, ok]);
    await expect(checkEndpointAddress(new URL("https://169.254.169.254/latest/meta-data"), true)).rejects.toMatchObject({
      code: "validation_failed",
      details: { fields: { url: [expect.stringContaining("private, loopback or link-local")] } },
    });
    await expect(checkEndpointAddress(new URL("https://[::1]:8443/x"), true)).rejects.toMatchObject({ code: "validation_failed" });
    await expect(checkEndpointAddress(new URL("https://localhost/x"), true)).rejects.toMatchObject({ code: "validation_failed" });
    await expect(checkEndpointAddress(new URL("https://8.8.8.8/x"), true)).resolves.toBeUndefined();
    expect(() => parseEndpointUrl("http://example.com/x", true)).toThrow("https://");
    expect(parseEndpointUrl("http://localhost:5020/x", false).toString()).toBe("http://localhost:5020/x");
  });
});

describe("Developers → Webhooks' reads and form", () => {
  it("lists an endpoint's deliveries newest first, 50 a page, by status, with what was sent; another workspace sees none", async () => {
    const s = await payoutsSetup();
    const r = await receiver((n, res) => {
      res.statusCode = n % 2 === 0 ? 500 : 200;
      res.end(n % 2 === 0 ? "nope" : "ok");
    });
    const created = await call("POST", "/webhook-endpoints", s.brand.apiKey, { url: r.url });
    const endpointId = created.body.data.id as string;
    await s.send("orders/create", orderPayload(orderId(), CODES[0]!, new Date(Date.now() - DAY)));
    await deliverAll(s.db);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(await sendTestMessage(s.db, { workspaceId: s.workspaceId, endpointId, actor: s.actor }));
    await drainInProcessJobs();

    const all = await listEndpointDeliveries(s.db, { workspaceId: s.workspaceId, endpointId });
    expect(all.deliveries.map((d) => d.eventType)).toEqual(["webhook.test", "webhook.test", "webhook.test", "conversion.created"]);
    expect(all.deliveries.slice(0, 3).map((d) => d.id)).toEqual([...ids].reverse());
    const event = all.deliveries[3]!;
    expect(event.payload).toMatchObject({ id: event.eventId, type: "conversion.created", data: { commission_amount: 1275 } });
    expect(JSON.parse(r.received[0]!.body)).toEqual(event.payload); // the page shows what the receiver got
    expect(all.deliveries.find((d) => d.lastStatusCode === 500)).toMatchObject({ status: "retrying", lastResponse: "nope", attempts: 1 });
    expect(all.nextCursor).toBeNull();

    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listEndpointDeliveries>> = await listEndpointDeliveries(s.db, { workspaceId: s.workspaceId, endpointId, cursor, limit: 3 });
      paged.push(...page.deliveries.map((d) => d.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all.deliveries.map((d) => d.id));
    expect((await listEndpointDeliveries(s.db, { workspaceId: s.workspaceId, endpointId, status: "retrying" })).deliveries).toHaveLength(2);
    expect((await deliveryCountsByEndpoint(s.db, s.workspaceId)).get(endpointId)).toEqual({ failed: 0, retrying: 2 });
    await expect(listEndpointDeliveries(s.db, { workspaceId: s.workspaceId, endpointId, cursor: "not-a-cursor" })).rejects.toMatchObject({ code: "bad_request" });

    const other = await createTestBrand(s.db);
    expect((await listEndpointDeliveries(s.db, { workspaceId: other.workspace.id, endpointId })).deliveries).toEqual([]);
    expect((await deliveryCountsByEndpoint(s.db, other.workspace.id)).size).toBe(0);
  });

  it("the add form: one checkbox per ticked type (none: every type), the URL checked like the API's", () => {
    const form = new FormData();
    form.set("url", " https://example.com/hooks ");
    form.set(eventTypeField("conversion.refunded"), "on");
    form.set(eventTypeField("payout.paid"), "on");
    expect(parseFormData(ZWebhookEndpointForm, form)).toEqual({ ok: true, data: { url: "https://example.com/hooks", description: null, event_types: ["conversion.refunded", "payout.paid"] } });
    expect(parseFormData(ZWebhookEndpointForm, { url: "https://example.com/x", description: "Finance" })).toMatchObject({ ok: true, data: { description: "Finance", event_types: [] } });
    expect(parseFormData(ZWebhookEndpointForm, { url: "" })).toMatchObject({ ok: false, fields: { url: ["Enter the URL that receives the events."] } });
    expect(parseFormData(ZWebhookEndpointForm, { url: "ftp://example.com" })).toMatchObject({ ok: false, fields: { url: [expect.stringContaining("https://")] } });
  });
});
