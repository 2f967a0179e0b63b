import { request as httpRequest } from "node:http";

export type HostileRequest = {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** The local address to connect from (127.0.0.x): what the server sees as the socket address. */
  from?: string;
};

export type HostileResponse = { status: number; headers: Record<string, string>; setCookies: string[]; body: string; location: string | null };

/**
 * One raw HTTP request (node:http, not fetch: the path is sent byte for byte — `%C0%AF`, `%00`, `//`
 * stay as written — bodies can be any bytes, and the source address can be chosen).
 */
export function send(base: URL, req: HostileRequest): Promise<HostileResponse> {
  return new Promise((resolve, reject) => {
    const body = req.body === undefined ? undefined : Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body, "utf8");
    const r = httpRequest(
      {
        host: base.hostname,
        port: base.port,
        method: req.method ?? "GET",
        path: req.path,
        localAddress: req.from,
        headers: { ...(body ? { "content-length": String(body.length) } : {}), ...req.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(", ") : v;
          const setCookies = res.headers["set-cookie"] ?? [];
          resolve({ status: res.statusCode ?? 0, headers, setCookies, body: Buffer.concat(chunks).toString("utf8"), location: headers.location ?? null });
        });
        res.on("error", reject);
      },
    );
    r.on("error", reject);
    r.setTimeout(30_000, () => r.destroy(new Error(`timeout: ${req.method ?? "GET"} ${req.path}`)));
    if (body) r.write(body);
    r.end();
  });
}

/** Cookies from Set-Cookie headers (name=value pairs) merged into a jar. */
export function absorbCookies(jar: Map<string, string>, res: HostileResponse) {
  for (const line of res.setCookies) {
    const [pair] = line.trim().split(";");
    const eq = pair!.indexOf("=");
    const name = pair!.slice(0, eq);
    const value = pair!.slice(eq + 1);
    if (value === "") jar.delete(name);
    else jar.set(name, value);
  }
}

export const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
