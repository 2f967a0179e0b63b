import { describe, expect, it } from "vitest";
import { createId } from "@/lib/ids";
import { signClickToken, verifyClickToken } from "./click-token";

const SECRET = "test-secret-0123456789abcdef";

describe("click tokens", () => {
  it("a signed token verifies to its click id; the same id signs the same way", () => {
    const id = createId("click");
    const token = signClickToken(id, SECRET);
    expect(token).toMatch(/^clk_[0-9a-z]{26}\.[A-Za-z0-9_-]{22}$/);
    expect(signClickToken(id, SECRET)).toBe(token);
    expect(verifyClickToken(token, SECRET)).toEqual({ kind: "valid", clickId: id });
    expect(verifyClickToken(` ${token} `, SECRET)).toEqual({ kind: "valid", clickId: id });
  });

  it("an edited id, an edited signature or another secret is tampered", () => {
    const id = createId("click");
    const token = signClickToken(id, SECRET);
    const other = createId("click");
    expect(verifyClickToken(`${other}.${token.split(".")[1]}`, SECRET)).toEqual({ kind: "tampered" });
    const sig = token.split(".")[1]!;
    const flipped = `${id}.${sig[0] === "A" ? "B" : "A"}${sig.slice(1)}`;
    expect(verifyClickToken(flipped, SECRET)).toEqual({ kind: "tampered" });
    expect(verifyClickToken(token, "another-secret-0123456789")).toEqual({ kind: "tampered" });
    expect(verifyClickToken(`${id}.short`, SECRET)).toEqual({ kind: "tampered" });
  });

  it("a bare click id is unsigned; anything else is malformed", () => {
    const id = createId("click");
    expect(verifyClickToken(id, SECRET)).toEqual({ kind: "unsigned", clickId: id });
    for (const v of ["", null, undefined, "hello", "cre_01jd8k3v6x9q2w4e5r7t8y9u0a", "<script>", "x".repeat(5000)]) {
      expect(verifyClickToken(v, SECRET)).toEqual({ kind: "malformed" });
    }
    expect(() => signClickToken("nope", SECRET)).toThrow();
  });
});
