import { describe, expect, it } from "vitest";
import { malformedRequestReason } from "./malformed-request";

const check = (rawPath: string, rawQuery = "", routerStateTree: string | null = null) => malformedRequestReason({ rawPath, rawQuery, routerStateTree });

describe("malformedRequestReason", () => {
  it("refuses paths that do not decode or hold control characters", () => {
    expect(check("/r/%C0%AF")).toMatch(/percent-encoded/);
    expect(check("/r/%E0%A4%A")).toMatch(/percent-encoded/);
    expect(check("/r/%00")).toMatch(/control/);
    expect(check("/api/v1/campaigns/cmp_%0a")).toMatch(/control/);
  });

  it("refuses queries with control characters", () => {
    expect(check("/api/v1/conversions", "campaign_id=%00")).toMatch(/query/);
    expect(check("/brand/x/conversions", "q=%7F")).toMatch(/query/);
  });

  it("refuses a router-state header Next.js cannot parse, and accepts one it can", () => {
    expect(check("/sign-in", "", "garbage")).toMatch(/Next-Router-State-Tree/);
    expect(check("/sign-in", "", "[1]")).toMatch(/Next-Router-State-Tree/);
    expect(check("/sign-in", "", "%E0%A4%A")).toMatch(/Next-Router-State-Tree/);
    expect(check("/sign-in", "", encodeURIComponent(JSON.stringify(["", { children: ["sign-in", {}] }, null, null])))).toBeNull();
  });

  it("lets ordinary requests through", () => {
    expect(check("/r/casey-3f9a", "utm_source=ig&q=caf%C3%A9")).toBeNull();
    expect(check("/brand/acme/campaigns/cmp_01jd8k3v6x9q2w4e5r7t8y9u0a")).toBeNull();
    expect(check("/api/v1/campaigns", "limit=200&cursor=abc")).toBeNull();
  });
});
