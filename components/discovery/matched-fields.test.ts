import { describe, expect, it } from "vitest";
import { matchedFields } from "./matched-fields";

const card = {
  displayName: "Zoë Ñúñez",
  handle: "cremebrulee",
  bio: "Pâtisserie et gâteaux",
  niches: ["Crème Brûlée"],
  city: "Buenos Aires",
  region: "Buenos Aires",
  country: "Argentina",
  audience: { locations: [{ kind: "city" as const, name: "Los Angeles", share_bps: 3000 }], age: {}, gender: {} },
};

describe("matchedFields", () => {
  it("names every field a word appears in, ignoring case and accents", () => {
    expect(matchedFields(card, ["NUNEZ"])).toEqual(["name"]);
    expect(matchedFields(card, ["creme"])).toEqual(["handle", "niches"]);
    expect(matchedFields(card, ["patisserie"])).toEqual(["bio"]);
    expect(matchedFields(card, ["los", "angeles"])).toEqual(["audience"]);
    expect(matchedFields(card, ["argentina"])).toEqual(["location"]);
    expect(matchedFields(card, ["@CremeBrulee"])).toEqual(["handle"]);
  });
  it("names nothing without words or when nothing matches", () => {
    expect(matchedFields(card, [])).toEqual([]);
    expect(matchedFields(card, ["tokyo"])).toEqual([]);
  });
});
