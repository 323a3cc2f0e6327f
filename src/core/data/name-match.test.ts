import { describe, expect, it } from "vitest";
import { editDistance, nameMatcher, plainKey, variantKey, type Named } from "./name-match.ts";

// Hamburg: four districts carry the name of their borough.
const HAMBURG: Named[] = [
  { code: "2", name: "Altona", scope: "bezirk" },
  { code: "3", name: "Eimsbüttel", scope: "bezirk" },
  { code: "5", name: "Wandsbek", scope: "bezirk" },
  { code: "6", name: "Bergedorf", scope: "bezirk" },
  { code: "7", name: "Harburg", scope: "bezirk" },
  { code: "201", name: "Altona-Altstadt", scope: "stadtteil" },
  { code: "301", name: "Eimsbüttel", scope: "stadtteil" },
  { code: "501", name: "Wandsbek", scope: "stadtteil" },
  { code: "601", name: "Bergedorf", scope: "stadtteil" },
  { code: "701", name: "Harburg", scope: "stadtteil" },
  { code: "113", name: "St. Pauli", scope: "stadtteil" },
  { code: "114", name: "St. Georg", scope: "stadtteil" },
  { code: "526", name: "Groß Borstel", scope: "stadtteil" },
];

describe("name keys", () => {
  it("ignores case and spacing in the plain key", () => {
    expect(plainKey("  Altona-Altstadt ")).toBe("altona-altstadt");
    expect(plainKey("ALTONA\t ALTSTADT")).toBe("altona altstadt");
  });

  it("makes the usual spelling variants of German place names equal", () => {
    expect(variantKey("Groß Borstel")).toBe(variantKey("Gross-Borstel"));
    expect(variantKey("Eimsbüttel")).toBe(variantKey("Eimsbuettel"));
    expect(variantKey("St. Pauli")).toBe(variantKey("Sankt Pauli"));
    expect(variantKey("St.Pauli")).toBe("sankt pauli");
    expect(variantKey("St Georg")).toBe("sankt georg");
    expect(variantKey("Wörth")).toBe(variantKey("Woerth"));
    expect(variantKey("Île-de-France")).toBe("ile de france");
    // "St" inside a word stays.
    expect(variantKey("Steilshoop")).toBe("steilshoop");
    expect(variantKey("Altstadt")).toBe("altstadt");
  });

  it("counts edits, a swap of neighbours as one", () => {
    expect(editDistance("altstadt", "altstadt")).toBe(0);
    expect(editDistance("altsatdt", "altstadt")).toBe(1);
    expect(editDistance("altstad", "altstadt")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("a", "abcdefgh", 2)).toBe(3);
  });
});

describe("matching names to codes", () => {
  const m = nameMatcher(HAMBURG);

  it("takes a code first, in any scope", () => {
    expect(m.match("301", "bezirk")).toEqual({ kind: "code", entry: HAMBURG[6] });
    expect(m.match(" 3 ")).toMatchObject({ kind: "code", entry: { code: "3" } });
  });

  it("matches a name within the level the mapping names", () => {
    expect(m.match("Eimsbüttel", "stadtteil")).toMatchObject({ kind: "name", entry: { code: "301" } });
    expect(m.match("eimsbüttel", "bezirk")).toMatchObject({ kind: "name", entry: { code: "3" } });
  });

  it("calls a name ambiguous when no level is named and it exists on two", () => {
    const r = m.match("Eimsbüttel");
    expect(r.kind).toBe("ambiguous");
    expect(r.kind === "ambiguous" && r.candidates.map((c) => c.code)).toEqual(["3", "301"]);
    // A name that exists once matches without a level.
    expect(m.match("Altona-Altstadt")).toMatchObject({ kind: "name", entry: { code: "201" } });
  });

  it("matches spelling variants only where they stay unique", () => {
    expect(m.match("Sankt Pauli", "stadtteil")).toMatchObject({
      kind: "variant",
      entry: { code: "113" },
    });
    expect(m.match("Gross-Borstel")).toMatchObject({ kind: "variant", entry: { code: "526" } });
    const twins = nameMatcher([
      { code: "A", name: "Straße", scope: "x" },
      { code: "B", name: "Strasse", scope: "x" },
    ]);
    expect(twins.match("Straße", "x")).toMatchObject({ kind: "name", entry: { code: "A" } });
    expect(twins.match("STRASSE", "x")).toMatchObject({ kind: "name", entry: { code: "B" } });
    // The variant would fit both: no guess.
    expect(twins.match("Strase", "x").kind).toBe("none");
    expect(twins.match("Straße ", "x").kind).toBe("name");
  });

  it("suggests the closest names for a text that matches nothing", () => {
    const r = m.match("Altona-Altstdt", "stadtteil");
    expect(r).toMatchObject({ kind: "none", suggestions: [{ code: "201" }] });
    const far = m.match("Blankenese", "stadtteil");
    expect(far).toEqual({ kind: "none", suggestions: [] });
    // Suggestions stay within the level.
    const level = m.match("Harbrug", "bezirk");
    expect(level.kind === "none" && level.suggestions.map((s) => s.code)).toEqual(["7"]);
    // A beginning of a long name is suggested too.
    const start = nameMatcher([{ code: "X", name: "Friedrichsgabe-Nord", scope: "" }]);
    expect(start.match("Friedrichsgabe", "")).toMatchObject({ kind: "none", suggestions: [{ code: "X" }] });
  });

  it("uses the names the workspace saved, within their level", () => {
    const saved = nameMatcher(HAMBURG, [
      { text: "Eimsbüttel (Stadtteil)", code: "301", scope: "stadtteil" },
      { text: "Pauli", code: "113", scope: "stadtteil" },
      { text: "gone", code: "999", scope: "stadtteil" },
    ]);
    expect(saved.match("eimsbuettel (stadtteil)", "stadtteil")).toMatchObject({
      kind: "saved",
      entry: { code: "301" },
    });
    expect(saved.match("Pauli")).toMatchObject({ kind: "saved", entry: { code: "113" } });
    expect(saved.match("Pauli", "bezirk").kind).toBe("none");
    // A saved name whose area no longer exists is ignored.
    expect(saved.match("gone", "stadtteil").kind).toBe("none");
  });
});
