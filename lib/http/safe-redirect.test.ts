import { describe, expect, it } from "vitest";
import { safeAuthRedirect, safeRedirectPath } from "./safe-redirect";

describe("safeRedirectPath", () => {
  it.each([
    "//evil.example/",
    "//evil.example",
    "/\\evil.example",
    "/\\/evil.example",
    "\\\\evil.example",
    "https://evil.example",
    "http://evil.example/brand/x",
    "javascript:alert(1)",
    "/\t/evil.example",
    "/\n/evil.example",
    " //evil.example",
    "evil.example",
    "",
    "/%2F/evil.example".replace("%2F", "/"),
  ])("%j goes home", (value) => {
    expect(safeRedirectPath(value)).toBe("/");
  });

  it.each([
    ["/brand/acme/team", "/brand/acme/team"],
    ["/brand/acme/campaigns?range=7d#top", "/brand/acme/campaigns?range=7d#top"],
    ["/creator", "/creator"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
    ["/./brand/../creator", "/creator"],
  ])("%j is followed as %j", (value, expected) => {
    expect(safeRedirectPath(value)).toBe(expected);
  });

  it("falls back to the given home for anything else", () => {
    expect(safeRedirectPath(undefined, "/creator")).toBe("/creator");
    expect(safeRedirectPath(42, "/creator")).toBe("/creator");
  });
});

describe("safeAuthRedirect (Auth.js redirect callback)", () => {
  const baseUrl = "https://app.tally.test";
  it.each([
    ["https://evil.example/", "https://app.tally.test/"],
    ["//evil.example/", "https://app.tally.test/"],
    ["/\\evil.example", "https://app.tally.test/"],
    ["https://app.tally.test.evil.example/x", "https://app.tally.test/"],
    ["https://app.tally.test/brand/acme", "https://app.tally.test/brand/acme"],
    ["/sign-in", "https://app.tally.test/sign-in"],
  ])("%j → %j", (url, expected) => {
    expect(safeAuthRedirect({ url, baseUrl })).toBe(expected);
  });
});
