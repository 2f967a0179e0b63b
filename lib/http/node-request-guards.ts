import type { IncomingMessage, ServerResponse } from "node:http";
import { tagSocketAddress } from "./client-address";
import { malformedRequestReason } from "./malformed-request";
import { API_CONTENT_SECURITY_POLICY, STATIC_SECURITY_HEADERS } from "./security-headers";

const INSTALLED = Symbol.for("tally.nodeRequestGuards");

/** Answers a request Next.js must never see: 400 with the reason, and the static security headers. */
function refuse(res: ServerResponse, reason: string) {
  res.writeHead(400, {
    "Content-Type": "text/plain; charset=utf-8",
    "Cache-Control": "no-store",
    "Content-Security-Policy": API_CONTENT_SECURITY_POLICY,
    ...Object.fromEntries(STATIC_SECURITY_HEADERS.map((h) => [h.key, h.value])),
  });
  res.end(`400 Bad Request: ${reason}\n`);
}

/**
 * Wraps `emit("request")` of Node's HTTP and HTTPS servers (the ones `next start` and `next dev`
 * create), so that before Next.js sees a request:
 * - it carries its socket address, tagged (lib/http/client-address.ts);
 * - a malformed one is answered 400 (lib/http/malformed-request.ts). This is the only place that
 *   sees the `Next-Router-State-Tree` header: Next.js strips it from what proxy.ts gets, then
 *   throws on one it cannot parse (a 500).
 * Installed once per process by instrumentation.ts.
 */
export async function installNodeRequestGuards(): Promise<void> {
  const g = globalThis as typeof globalThis & { [INSTALLED]?: boolean };
  if (g[INSTALLED]) return;
  g[INSTALLED] = true;
  const [http, https] = await Promise.all([import("node:http"), import("node:https")]);
  for (const proto of [http.Server.prototype, https.Server.prototype] as { emit: (event: string | symbol, ...args: unknown[]) => boolean }[]) {
    const original = proto.emit;
    proto.emit = function emit(this: unknown, event: string | symbol, ...args: unknown[]) {
      if (event === "request") {
        const req = args[0] as IncomingMessage;
        tagSocketAddress(req);
        const url = req.url ?? "/";
        const q = url.indexOf("?");
        const tree = req.headers["next-router-state-tree"];
        const reason = malformedRequestReason({
          rawPath: q < 0 ? url : url.slice(0, q),
          rawQuery: q < 0 ? "" : url.slice(q + 1),
          routerStateTree: tree === undefined ? null : Array.isArray(tree) ? tree.join(",") : tree,
        });
        if (reason) {
          refuse(args[1] as ServerResponse, reason);
          return true;
        }
      }
      return original.call(this, event, ...args);
    };
  }
}
