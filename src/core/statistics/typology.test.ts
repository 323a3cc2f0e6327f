import { describe, expect, it } from "vitest";
import { typology, type TypologyArea } from "./typology.ts";

// Two clear groups on two indicators, one area without a value.
const areas: TypologyArea[] = [
  { code: "a", name: "A", values: [1, 10] },
  { code: "b", name: "B", values: [1.2, 11] },
  { code: "c", name: "C", values: [0.9, 9.5] },
  { code: "d", name: "D", values: [8, 40] },
  { code: "e", name: "E", values: [8.5, 42] },
  { code: "f", name: "F", values: [7.8, 39] },
  { code: "g", name: "G", values: [null, 20] },
];

describe("typology", () => {
  it("finds the two groups, picks k by the silhouette and profiles each type", () => {
    const r = typology(["x", "y"], areas, [4, 25], { method: "kmeans", seed: 1 });
    if (!r.ok) throw new Error(r.error);
    expect(r.value.k).toBe(2);
    const typeOf = new Map(r.value.areas.map((a) => [a.code, a.type]));
    expect(typeOf.get("a")).toBe(typeOf.get("b"));
    expect(typeOf.get("a")).toBe(typeOf.get("c"));
    expect(typeOf.get("d")).toBe(typeOf.get("e"));
    expect(typeOf.get("a")).not.toBe(typeOf.get("d"));
    expect(r.value.areas.find((a) => a.code === "g")).toEqual({
      code: "g",
      name: "G",
      type: null,
      reason: "ohne Wert: x",
    });
    const low = r.value.types.find((t) => t.type === typeOf.get("a"))!;
    expect(low.areas).toBe(3);
    expect(low.profile[0]!.mean).toBeCloseTo((1 + 1.2 + 0.9) / 3, 10);
    expect(low.profile[0]!.city).toBe(4);
    expect(low.profile[0]!.z).toBeLessThan(0);
    // Ward gives the same two groups here.
    const ward = typology(["x", "y"], areas, [4, 25], { method: "ward", seed: 1, k: 2 });
    if (!ward.ok) throw new Error(ward.error);
    const wardOf = new Map(ward.value.areas.map((a) => [a.code, a.type]));
    expect(wardOf.get("a")).toBe(wardOf.get("c"));
    expect(wardOf.get("a")).not.toBe(wardOf.get("f"));
  });

  it("says in German why no typology can be made", () => {
    const opts = { method: "kmeans", seed: 1 } as const;
    expect(typology(["x"], areas, [1], opts)).toEqual({
      ok: false,
      error: "Eine Typisierung braucht mindestens zwei Indikatoren.",
    });
    expect(typology(["x", "x"], areas, [1, 1], opts).ok).toBe(false);
    expect(typology(["x", "y"], areas.slice(5), [1, 1], opts)).toEqual({
      ok: false,
      error: "Nur 1 Gebiete haben alle Werte; eine Typisierung braucht mindestens drei.",
    });
    const flat = areas.map((a) => ({ ...a, values: [a.values[0] ?? null, 5] }));
    expect(typology(["x", "y"], flat, [1, 1], opts)).toEqual({
      ok: false,
      error: "„y“ hat in allen Gebieten denselben Wert und trennt keine Typen.",
    });
    expect(typology(["x", "y"], areas, [1, 1], { ...opts, k: 9 }).ok).toBe(false);
  });
});
