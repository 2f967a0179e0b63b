import { afterEach, describe, expect, it } from "vitest";
import { taggedHeaders } from "@/lib/http/client-address";
import { createTestBrand } from "@/test/factories";
import { signInThroughAuthJs } from "@/test/auth-client";
import { SIGN_IN_LIMITS } from "./authenticate-with-password";

let counter = 1;
/** A fresh documentation-range address per call, so tests never share a limit. */
const freshAddress = () => `198.51.${Math.floor(counter / 250) % 250}.${(counter++ % 250) + 1}`;

afterEach(() => {
  delete process.env.TRUST_PROXY_HOPS;
});

describe("sign-in limits trust the socket, not X-Forwarded-For", () => {
  it("rotating X-Forwarded-For from one address does not get past the per-address limit", async () => {
    const socket = freshAddress();
    let limited = false;
    for (let i = 0; i <= SIGN_IN_LIMITS.perAddress.limit; i++) {
      const victim = await createTestBrand();
      const r = await signInThroughAuthJs({
        email: victim.email,
        password: "guessing wrong",
        headers: taggedHeaders(socket, { "x-forwarded-for": `203.0.113.${(i % 250) + 1}` }),
      });
      if (r.outcome === "rate_limited") limited = true;
    }
    expect(limited).toBe(true);
  });

  it("failing someone's sign-in from many addresses never locks the owner out of a correct sign-in", async () => {
    const owner = await createTestBrand();
    for (let i = 0; i < SIGN_IN_LIMITS.perAddressAndEmail.limit * 3; i++) {
      await signInThroughAuthJs({ email: owner.email, password: "attacker guess", headers: taggedHeaders(freshAddress()) });
    }
    const mine = await signInThroughAuthJs({ email: owner.email, password: owner.password, headers: taggedHeaders(freshAddress()) });
    expect(mine.outcome).toBe("ok");
  });

  it("limits one address guessing one account, even with the right password afterwards; other addresses are unaffected", async () => {
    const owner = await createTestBrand();
    const attacker = freshAddress();
    for (let i = 0; i < SIGN_IN_LIMITS.perAddressAndEmail.limit; i++) {
      const r = await signInThroughAuthJs({ email: owner.email, password: "attacker guess", headers: taggedHeaders(attacker) });
      expect(r.outcome).toBe("invalid");
    }
    expect((await signInThroughAuthJs({ email: owner.email, password: owner.password, headers: taggedHeaders(attacker) })).outcome).toBe("rate_limited");
    expect((await signInThroughAuthJs({ email: owner.email, password: owner.password, headers: taggedHeaders(freshAddress()) })).outcome).toBe("ok");
  });

  it("with TRUST_PROXY_HOPS=1 the client is the address the proxy appended, never what the client wrote before it", async () => {
    process.env.TRUST_PROXY_HOPS = "1";
    const proxy = "10.0.0.5";
    const client = freshAddress();
    const owner = await createTestBrand();
    for (let i = 0; i < SIGN_IN_LIMITS.perAddressAndEmail.limit; i++) {
      // The client forges a different first entry every time; the proxy appends the real one.
      await signInThroughAuthJs({ email: owner.email, password: "guess", headers: taggedHeaders(proxy, { "x-forwarded-for": `${freshAddress()}, ${client}` }) });
    }
    const blocked = await signInThroughAuthJs({ email: owner.email, password: owner.password, headers: taggedHeaders(proxy, { "x-forwarded-for": `${freshAddress()}, ${client}` }) });
    expect(blocked.outcome).toBe("rate_limited");
    const other = await signInThroughAuthJs({ email: owner.email, password: owner.password, headers: taggedHeaders(proxy, { "x-forwarded-for": freshAddress() }) });
    expect(other.outcome).toBe("ok");
  });
});
