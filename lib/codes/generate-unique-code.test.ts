import { describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import { generateUniqueCode, withCollisionSuffix } from "./generate-unique-code";
import { sameCode } from "./normalize-code";
import { sequenceRandom } from "./random";

const takenAmong = (existing: string[]) => vi.fn(async (code: string) => existing.some((taken) => sameCode(taken, code)));

describe("generateUniqueCode", () => {
  it("returns the plain rendering when it is free", async () => {
    const isTaken = takenAmong([]);
    const code = await generateUniqueCode({ creator: { fullName: "Zoë Ångström" }, isTaken, random: sequenceRandom("AB12") });
    expect(code).toBe("ZOEANGSTROM-AB12");
    expect(isTaken).toHaveBeenCalledTimes(1);
  });

  it.each([
    ["the first candidate is taken", ["ZOEANGSTROM-AB12"]],
    ["it is taken in another case, with spaces", [" zoeangstrom-ab12 "]],
  ])("adds a suffix when %s", async (_case, existing) => {
    const isTaken = takenAmong(existing);
    const code = await generateUniqueCode({ creator: { fullName: "Zoë Ångström" }, isTaken, random: sequenceRandom("AB12", "CD34") });
    expect(code).toBe("ZOEANGSTROM-AB12-CD34");
    expect(isTaken.mock.calls).toEqual([["ZOEANGSTROM-AB12"], ["ZOEANGSTROM-AB12-CD34"]]);
  });

  it("replaces the suffix on each retry rather than stacking them", async () => {
    const code = await generateUniqueCode({
      template: "SUMMER-{handle}",
      creator: { fullName: "Jane", handle: "jane" },
      isTaken: takenAmong(["SUMMER-JANE", "summer-jane-aaaa"]),
      random: sequenceRandom("AAAA", "BBBB"),
    });
    expect(code).toBe("SUMMER-JANE-BBBB");
  });

  it("cuts the name, not the suffix, to stay within 50 characters", async () => {
    const code = await generateUniqueCode({
      creator: { fullName: "a".repeat(70) },
      isTaken: (candidate) => !candidate.endsWith("-CD34"),
      random: sequenceRandom("AB12", "CD34"),
    });
    expect(code).toBe(`${"A".repeat(40)}-AB12-CD34`);
    expect(code).toHaveLength(50);
  });

  it("gives up after maxAttempts with a conflict error", async () => {
    const isTaken = vi.fn(async () => true);
    const attempt = generateUniqueCode({
      creator: { fullName: "Jane Doe" },
      isTaken,
      random: sequenceRandom("AB12", "CD34", "EF56"),
      maxAttempts: 3,
    });
    await expect(attempt).rejects.toThrow(AppError);
    await expect(attempt).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining("after 3 attempts (tried JANEDOE-AB12, JANEDOE-AB12-CD34, JANEDOE-AB12-EF56)"),
      details: { tried: ["JANEDOE-AB12", "JANEDOE-AB12-CD34", "JANEDOE-AB12-EF56"] },
    });
    expect(isTaken).toHaveBeenCalledTimes(3);
  });

  it("tries 8 candidates by default and does not ask twice about the same one", async () => {
    const isTaken = vi.fn(() => true);
    await expect(
      generateUniqueCode({ creator: { fullName: "Jane" }, isTaken, random: sequenceRandom("AB12", "AB12", "CD34") }),
    ).rejects.toMatchObject({ details: { tried: ["JANE-AB12", "JANE-AB12-AB12", "JANE-AB12-CD34"] } });
    expect(isTaken).toHaveBeenCalledTimes(3);
  });

  it.each([[0], [-1], [1.5], [Number.NaN]])("refuses maxAttempts %s", async (maxAttempts) => {
    await expect(generateUniqueCode({ creator: { fullName: "Jane" }, isTaken: () => false, maxAttempts })).rejects.toThrow(RangeError);
  });

  it("refuses an invalid template", async () => {
    await expect(generateUniqueCode({ template: "SUMMER", creator: { fullName: "Jane" }, isTaken: () => false })).rejects.toMatchObject({
      code: "validation_failed",
    });
  });
});

describe("withCollisionSuffix", () => {
  it.each([
    ["JANE-AB12", "JANE-AB12-CD34"],
    [" jane-ab12 ", "JANE-AB12-CD34"],
    ["A".repeat(50), `${"A".repeat(45)}-CD34`],
    [`${"A".repeat(44)}-BCDEF`, `${"A".repeat(44)}-CD34`], // a cut ending in "-" does not double it
  ])("%j → %j", (code, expected) => {
    const suffixed = withCollisionSuffix(code, sequenceRandom("CD34"));
    expect(suffixed).toBe(expected);
    expect(suffixed.length).toBeLessThanOrEqual(50);
  });

  it("refuses something that is not a code", () => {
    expect(() => withCollisionSuffix("jane doe!", sequenceRandom("CD34"))).toThrow(/Not a valid discount code/);
  });
});
