import { describe, expect, it } from "vitest";
import { controllingChanges, lightText, type ControllingSnapshot } from "./controlling-changes.ts";

const light = (symbol: "sonne" | "wolke" | null, uncertain = false) => ({
  year: 2024,
  symbol,
  low: uncertain ? ("blitz" as const) : symbol,
  high: uncertain ? ("sonne" as const) : symbol,
  uncertain,
});

describe("lightText", () => {
  it.each([
    [light("sonne"), "☀ Sonne (2024)"],
    [light("wolke", true), "☁ Wolke (2024; unsicher: Sonne bis Blitz)"],
    [light(null), "keine Bewertung"],
    [null, "keine Bewertung"],
  ])("%j reads %s", (l, text) => {
    expect(lightText(l)).toBe(text);
  });
});

describe("controllingChanges", () => {
  const before: ControllingSnapshot = {
    goals: [
      { code: "G1", title: "Eins", light: light("sonne") },
      { code: "G2", title: "Zwei", light: light("wolke") },
    ],
    measures: [
      { code: "M1", title: "Lotsen", state: "laufend" },
      { code: "M2", title: "Freizeit", state: "geplant" },
      { code: "M3", title: "Alt", state: "laufend" },
    ],
  };

  it("names changed lights, new and dropped goals, new, ended and changed measures", () => {
    const now: ControllingSnapshot = {
      goals: [
        { code: "G1", title: "Eins", light: light("wolke", true) },
        { code: "G3", title: "Drei", light: null },
      ],
      measures: [
        { code: "M1", title: "Lotsen", state: "abgeschlossen" },
        { code: "M2", title: "Freizeit", state: "laufend" },
        { code: "M4", title: "Neu", state: "geplant" },
      ],
    };
    expect(controllingChanges(before, now)).toEqual([
      "Ampel geändert, „Eins“: ☀ Sonne (2024) → ☁ Wolke (2024; unsicher: Sonne bis Blitz).",
      "Neues Ziel „Drei“: keine Bewertung.",
      "Nicht mehr im Bericht: Ziel „Zwei“.",
      "Beendete Maßnahme „Lotsen“: laufend → abgeschlossen.",
      "Status geändert, Maßnahme „Freizeit“: geplant → laufend.",
      "Neue Maßnahme „Neu“ (Status: geplant).",
      "Nicht mehr im Bericht: Maßnahme „Alt“.",
    ]);
  });

  it("finds nothing between equal editions", () => {
    expect(controllingChanges(before, before)).toEqual([]);
  });
});
