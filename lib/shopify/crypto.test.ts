import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret } from "./crypto";

/** Flips one character of a base64url part (keeps it valid base64url so only GCM can notice). */
function flip(part: string, at = 0): string {
  const c = part[at] === "A" ? "B" : "A";
  return part.slice(0, at) + c + part.slice(at + 1);
}

describe("encryptSecret / decryptSecret", () => {
  it("round-trips, in the v1 format, with a fresh IV each time", () => {
    const plain = "shpat_0123456789abcdef — ünïcode";
    const a = encryptSecret(plain);
    const b = encryptSecret(plain);
    expect(a).toMatch(/^v1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain("shpat");
    expect(decryptSecret(a)).toBe(plain);
    expect(decryptSecret(b)).toBe(plain);
    expect(decryptSecret(encryptSecret(""))).toBe("");
  });

  it("throws on a tampered ciphertext, tag or IV", () => {
    const [v, iv, tag, ct] = encryptSecret("secret-token").split(":") as [string, string, string, string];
    expect(() => decryptSecret([v, iv, tag, flip(ct)].join(":"))).toThrow(/could not be decrypted/);
    expect(() => decryptSecret([v, iv, flip(tag), ct].join(":"))).toThrow(/could not be decrypted/);
    expect(() => decryptSecret([v, flip(iv), tag, ct].join(":"))).toThrow(/could not be decrypted/);
  });

  it("rejects malformed values, truncated tags and unknown versions", () => {
    const [, iv, tag, ct] = encryptSecret("x").split(":") as [string, string, string, string];
    expect(() => decryptSecret("plaintext-token")).toThrow(/unknown format/);
    expect(() => decryptSecret(`v2:${iv}:${tag}:${ct}`)).toThrow(/unknown format/);
    expect(() => decryptSecret(`v1:${iv}:${tag.slice(0, 8)}:${ct}`)).toThrow(/unknown format/);
    expect(() => decryptSecret(`v1:${iv}:${tag}:${ct}:extra`)).toThrow(/unknown format/);
    expect(() => decryptSecret(`v1:${iv}:${tag}:not base64!`)).toThrow(/unknown format/);
  });
});
