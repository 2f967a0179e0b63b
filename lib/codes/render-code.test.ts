import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { composeCode, type CodePart } from "./compose-code";
import { DEFAULT_CODE_TEMPLATE } from "./constants";
import { sequenceRandom } from "./random";
import { renderCode, resolveNames } from "./render-code";
import type { CodeCreator } from "./types";
import { toNamePart, transliterate } from "./transliterate";

const X = sequenceRandom("XXXX");
const LONG_NAME = "Maximiliana Bartholomea Featherstonehaugh-Worthington de la Cruz"; // 64 characters

describe("renderCode", () => {
  it.each<[string, CodeCreator, string]>([
    // accents and letters NFKD does not decompose
    [DEFAULT_CODE_TEMPLATE, { fullName: "Zoë Ångström" }, "ZOEANGSTROM-XXXX"],
    [DEFAULT_CODE_TEMPLATE, { fullName: "Jürgen Großmann" }, "JURGENGROSSMANN-XXXX"],
    [DEFAULT_CODE_TEMPLATE, { fullName: "Paweł Łukasiewicz" }, "PAWELLUKASIEWICZ-XXXX"],
    [DEFAULT_CODE_TEMPLATE, { fullName: "Bjørn Særensen" }, "BJORNSAERENSEN-XXXX"],
    [DEFAULT_CODE_TEMPLATE, { fullName: "Işıl İnce" }, "ISILINCE-XXXX"],
    // apostrophes, hyphens and spaces inside a name are dropped
    [DEFAULT_CODE_TEMPLATE, { fullName: "Jane O'Brien-Smith" }, "JANEOBRIENSMITH-XXXX"],
    [DEFAULT_CODE_TEMPLATE, { fullName: "  Mary   Kate  Olsen " }, "MARYKATEOLSEN-XXXX"],
    // emoji-only / punctuation-only / empty full name: handle, then first name, then CREATOR
    [DEFAULT_CODE_TEMPLATE, { fullName: "🦄🌈", handle: "unicorn_fan" }, "UNICORNFAN-XXXX"],
    [DEFAULT_CODE_TEMPLATE, { fullName: "🦄🌈", handle: "🦄", firstName: "Ann" }, "ANN-XXXX"],
    [DEFAULT_CODE_TEMPLATE, { fullName: "🦄🌈" }, "CREATOR-XXXX"],
    [DEFAULT_CODE_TEMPLATE, { fullName: "'''", handle: null }, "CREATOR-XXXX"],
    [DEFAULT_CODE_TEMPLATE, { fullName: "" }, "CREATOR-XXXX"],
    [DEFAULT_CODE_TEMPLATE, { fullName: "Иван Петров", handle: "ivanp" }, "IVANP-XXXX"],
    // handles: digits only are fine, empty falls back to the full name, then CREATOR
    ["{handle}", { fullName: "Jane Doe", handle: "12345" }, "12345"],
    ["{handle}-{random_number}", { fullName: "Jane Doe", handle: "@jane.doe" }, "JANEDOE-XXXX"],
    ["{handle}-{random_number}", { fullName: "Jane Doe", handle: "" }, "JANEDOE-XXXX"],
    ["{handle}-{random_number}", { fullName: "Jane Doe", handle: "✨✨" }, "JANEDOE-XXXX"],
    ["{handle}-{random_number}", { fullName: "🦄" }, "CREATOR-XXXX"],
    // first name: given, else first word (with a letter) of the full name
    ["{first_name}-{random_number}", { fullName: "Jane Doe" }, "JANE-XXXX"],
    ["{first_name}-{random_number}", { fullName: "Jane Doe", firstName: "Janie" }, "JANIE-XXXX"],
    ["{first_name}-{random_number}", { fullName: "🦄 Zoë Doe" }, "ZOE-XXXX"],
    ["{first_name}-{random_number}", { fullName: "Jean-Luc Picard" }, "JEANLUC-XXXX"],
    ["{first_name}-{random_number}", { fullName: "🦄", handle: "uni" }, "UNI-XXXX"],
    // underscores are dropped, fixed text is uppercased and kept
    ["{first_name}_{random_number}", { fullName: "Jane Doe" }, "JANEXXXX"],
    ["SUMMER-{handle}-15", { fullName: "Jane Doe", handle: "janedoe" }, "SUMMER-JANEDOE-15"],
    ["summer_{handle}_15", { fullName: "Jane Doe", handle: "janedoe" }, "SUMMERJANEDOE15"],
    // repeated and edge hyphens collapse
    ["--{handle}---{random_number}-", { fullName: "Jane Doe", handle: "jd" }, "JD-XXXX"],
    ["{first_name}-{full_name}", { fullName: "Jane Doe" }, "JANE-JANEDOE"],
  ])("%s for %j → %s", (template, creator, expected) => {
    expect(renderCode(template, creator, X)).toBe(expected);
  });

  it("draws fresh characters for every {random_number}", () => {
    expect(renderCode("{random_number}-{handle}-{random_number}", { fullName: "Jo", handle: "jo" }, sequenceRandom("AB12", "CD34"))).toBe(
      "AB12-JO-CD34",
    );
  });

  it("uses crypto randomness by default", () => {
    expect(renderCode(DEFAULT_CODE_TEMPLATE, { fullName: "Jane Doe" })).toMatch(/^JANEDOE-[A-Z0-9]{4}$/);
  });

  describe("long names", () => {
    it.each<[string, CodeCreator, string]>([
      // the name is cut so the code is exactly 50 characters; the random suffix stays whole
      [DEFAULT_CODE_TEMPLATE, { fullName: LONG_NAME }, "MAXIMILIANABARTHOLOMEAFEATHERSTONEHAUGHWORTHI-K3Q9"],
      // fixed text is never cut
      ["SUMMER-{handle}-15", { fullName: "x", handle: "h".repeat(80) }, `SUMMER-${"H".repeat(40)}-15`],
      // the longest part is cut first: the short first name survives whole
      ["{first_name}-{full_name}-{random_number}", { fullName: LONG_NAME }, "MAXIMILIANA-MAXIMILIANABARTHOLOMEAFEATHERSTON-K3Q9"],
      // equally long parts are cut to a common length
      ["{handle}-{full_name}", { fullName: "a".repeat(60), handle: "b".repeat(60) }, `${"B".repeat(25)}-${"A".repeat(24)}`],
    ])("%s for a long name", (template, creator, expected) => {
      const code = renderCode(template, creator, sequenceRandom("K3Q9"));
      expect(code).toBe(expected);
      expect(code).toHaveLength(50);
    });
  });

  it("refuses an invalid template with a validation error", () => {
    const render = () => renderCode("{email}", { fullName: "Jane" }, X);
    expect(render).toThrow(AppError);
    expect(render).toThrow(/Unknown variable \{email\}/);
  });

  it("refuses a random source that breaks its contract", () => {
    expect(() => renderCode(DEFAULT_CODE_TEMPLATE, { fullName: "Jane" }, () => "ab")).toThrow(/random source returned "ab"/);
  });
});

describe("resolveNames", () => {
  it("never returns an empty part", () => {
    expect(resolveNames({ fullName: "🦄", firstName: "🌈", handle: "!!" })).toEqual({
      full_name: "CREATOR",
      first_name: "CREATOR",
      handle: "CREATOR",
    });
  });
});

describe("toNamePart", () => {
  it.each([
    // accents (NFKD + combining marks stripped)
    ["Zoë Ångström", "ZOEANGSTROM"],
    ["José Müller", "JOSEMULLER"],
    ["François Çelik", "FRANCOISCELIK"],
    ["Nguyễn Thị Minh", "NGUYENTHIMINH"],
    // German ß
    ["Straße", "STRASSE"],
    ["GROẞ", "GROSS"],
    // Polish ł
    ["Łukasz Wałęsa", "LUKASZWALESA"],
    ["Łódź", "LODZ"],
    // Nordic ø / æ / å / ð / þ
    ["Søren Kierkegaard", "SORENKIERKEGAARD"],
    ["Æsa Ødegård", "AESAODEGARD"],
    ["Þórður Guðmundsson", "THORDURGUDMUNDSSON"],
    // Turkish ı / İ
    ["Işık", "ISIK"],
    ["İlkay Gündoğan", "ILKAYGUNDOGAN"],
    // other letters NFKD leaves alone
    ["Đorđe", "DORDE"],
    ["Œuvre", "OEUVRE"],
    // apostrophes, hyphens and spaces are dropped: words join with nothing
    ["Jane O'Brien-Smith", "JANEOBRIENSMITH"],
    ["D’Angelo", "DANGELO"],
    ["  Mary   Kate  ", "MARYKATE"],
    ["@jane.doe_99", "JANEDOE99"],
    // compatibility forms
    ["ＪＡＮＥ１２", "JANE12"],
    ["ﬁona", "FIONA"],
    // digits survive, everything without a Latin reading goes
    ["12345", "12345"],
    ["🦄🌈", ""],
    ["Иван", ""],
    ["王芳", ""],
    ["!!! ---", ""],
    ["", ""],
  ])("%j → %j", (name, expected) => {
    expect(toNamePart(name)).toBe(expected);
  });

  it("keeps case, spaces and unknown scripts in transliterate()", () => {
    expect(transliterate("Zoë Ångström, Łódź")).toBe("Zoe Angstrom, Lodz");
    expect(transliterate("Иван")).toBe("Иван");
  });
});

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
