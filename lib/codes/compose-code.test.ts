import { describe, expect, it } from "vitest";
import { composeCode, type CodePart } from "./compose-code";

const fixed = (text: string): CodePart => ({ kind: "fixed", text });
const name = (text: string): CodePart => ({ kind: "name", text });
const random = (text: string): CodePart => ({ kind: "random", text });

describe("composeCode", () => {
  it.each([
    [[name("JANE"), fixed("-"), random("AB12")], "JANE-AB12"],
    [[fixed("--"), name("JANE"), fixed("---"), random("AB12"), fixed("-")], "JANE-AB12"],
    [[fixed("SUMMER-"), name(""), fixed("-15")], "SUMMER-15"],
  ])("joins %j into %j", (parts, expected) => {
    expect(composeCode(parts)).toBe(expected);
  });

  it.each([
    // Only the long part is cut while the short one still fits.
    [[name("JANE"), fixed("-"), name("ABCDEFGHIJ"), fixed("-"), random("XY12")], 15, "JANE-ABCDE-XY12"],
    // Levelled down to a common length; the leftover character goes to the earlier part.
    [[name("ABCDEFGH"), fixed("-"), name("IJKLMNOP"), fixed("-"), random("XY12")], 13, "ABCD-IJK-XY12"],
    // Cut from the end of the name; the fixed text and the random characters are kept whole.
    [[fixed("SUMMER-"), name("BARTHOLOMEW"), fixed("-15")], 15, "SUMMER-BARTH-15"],
    // A name cut to nothing takes its separator with it.
    [[name("JANE"), fixed("-"), random("XY12")], 4, "XY12"],
  ])("fits %j in %i characters: %j", (parts, max, expected) => {
    expect(composeCode(parts, max)).toBe(expected);
  });

  it("refuses when the fixed parts alone are too long", () => {
    expect(() => composeCode([fixed("SUMMER"), name("JANE")], 5)).toThrow(/fixed text and random characters need 6/);
  });
});
