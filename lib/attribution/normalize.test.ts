import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeCheckoutCode, normalizeEmailForSelfReferral, sameMailbox } from "./normalize";

describe("normalizeCheckoutCode", () => {
  it.each([
    ["JANE10", "JANE10"],
    [" jane10 ", "JANE10"],
    ["\tJane-Ab12\n", "JANE-AB12"],
    ["straße", "STRAßE"], // only ASCII letters are upper-cased
    ["", ""],
  ])("%j → %j", (typed, expected) => {
    expect(normalizeCheckoutCode(typed)).toBe(expected);
  });

  it("is idempotent", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(normalizeCheckoutCode(normalizeCheckoutCode(s))).toBe(normalizeCheckoutCode(s));
      }),
    );
  });
});

describe("normalizeEmailForSelfReferral", () => {
  it.each([
    ["Jane.Doe+x@gmail.com", "janedoe@gmail.com"],
    ["jane.doe@googlemail.com", "janedoe@gmail.com"],
    [" J.A.N.E+a+b@GoogleMail.COM ", "jane@gmail.com"],
    ["jane.doe@example.com", "jane.doe@example.com"], // dots are kept outside gmail
    ["jane.doe+news@example.com", "jane.doe@example.com"],
    ["jane.doe@gmail.com.evil.test", "jane.doe@gmail.com.evil.test"],
    ['"odd@local"@example.com', '"odd@local"@example.com'],
    ["not-an-email", "not-an-email"],
  ])("%j → %j", (email, expected) => {
    expect(normalizeEmailForSelfReferral(email)).toBe(expected);
  });

  it("is idempotent", () => {
    fc.assert(
      fc.property(fc.oneof(fc.emailAddress(), fc.string()), (email) => {
        const once = normalizeEmailForSelfReferral(email);
        expect(normalizeEmailForSelfReferral(once)).toBe(once);
      }),
    );
  });

  it.each([
    ["janedoe@gmail.com", "Jane.Doe+x@gmail.com", true],
    ["jane.doe@example.com", "janedoe@example.com", false],
    [null, "janedoe@gmail.com", false],
    ["", "", false],
    ["+x@gmail.com", "@gmail.com", false], // an empty mailbox is nobody's
    ["jane@", "jane@", false],
  ])("sameMailbox(%j, %j) → %s", (a, b, expected) => {
    expect(sameMailbox(a, b)).toBe(expected);
  });
});
