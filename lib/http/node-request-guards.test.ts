import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientAddress, SOCKET_ADDRESS_HEADER } from "./client-address";
import { installNodeRequestGuards } from "./node-request-guards";

let port = 0;
let seen: { headers: Headers; url: string }[] = [];
const server = createServer((req, res) => {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
  seen.push({ headers, url: req.url ?? "" });
  res.end("ok");
});

beforeAll(async () => {
  await installNodeRequestGuards();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => server.close());

function get(path: string, headers: Record<string, string> = {}, localAddress?: string) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const r = request({ host: "127.0.0.1", port, path, headers, localAddress }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    r.on("error", reject);
    r.end();
  });
}

describe("the Node server guards", () => {
  it("tag every request with its socket address, whatever the client sends under that name or in X-Forwarded-For", async () => {
    seen = [];
    const res = await get("/x", { [SOCKET_ADDRESS_HEADER]: "forged 6.6.6.6", "x-forwarded-for": "6.6.6.6" }, "127.0.0.9");
    expect(res.status).toBe(200);
    expect(clientAddress(seen[0]!.headers, 0)).toBe("127.0.0.9");
  });

  it("answer a malformed request 400 before the app sees it", async () => {
    seen = [];
    for (const [path, headers] of [
      ["/r/%C0%AF", {}],
      ["/r/%00", {}],
      ["/sign-in?_rsc=abc", { rsc: "1", "next-router-state-tree": "garbage" }],
      ["/sign-in", { "next-router-state-tree": "[1]" }],
    ] as [string, Record<string, string>][]) {
      const res = await get(path, headers);
      expect(res.status, path).toBe(400);
      expect(res.body).toMatch(/^400 Bad Request: /);
    }
    expect(seen).toEqual([]);
    expect((await get("/sign-in", { "next-router-state-tree": encodeURIComponent('["",{"children":["sign-in",{}]},null,null]') })).status).toBe(200);
  });
});
