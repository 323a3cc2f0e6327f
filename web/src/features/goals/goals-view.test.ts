import { describe, expect, it } from "vitest";
import type { GoalDto, GoalIndicatorDto, MeasureDto } from "./goals-api.ts";
import {
  areaMeasuresTable,
  byQuestion,
  chartSpan,
  germanDay,
  goalTree,
  isoDay,
  lightWords,
  mapLevel,
  mayWriteStory,
  measuresByArea,
  targetLines,
  targetText,
  timeOf,
  valueFieldOf,
  type Translate,
} from "./goals-view.ts";
import { goalsDe } from "./messages.ts";

const t: Translate = (key, params) =>
  Object.entries(params ?? {}).reduce(
    (text, [name, v]) => text.replaceAll(`{${name}}`, v),
    (goalsDe as Record<string, string>)[key] ?? key,
  );
const meta = { source: "Quelle", date: "Stand" };

function goal(code: string, parent: string | null, theme = "KA"): GoalDto {
  return {
    code,
    theme,
    parent,
    goalLevel: parent === null ? "leitziel" : "handlungsziel",
    title: code,
    description: null,
    owner: null,
    periodFrom: null,
    periodTo: null,
    decision: null,
    release: "released",
    light: null,
    indicators: [],
    measures: [],
  };
}

function measure(code: string, areas: string[], mayEdit = false): MeasureDto {
  return {
    code,
    title: `Maßnahme ${code}`,
    description: null,
    owner: "Fachdienst",
    areas,
    targetGroups: [],
    startDate: "2024-01-01",
    endDate: null,
    state: "laufend",
    milestones: [],
    goals: [],
    editors: [],
    mayEdit,
    performanceMeasures: [],
    budget: [],
  };
}

const indicator = (over: Partial<GoalIndicatorDto>): GoalIndicatorDto => ({
  id: 1,
  goal: "H1",
  source: "indicator",
  indicator: "kinderarmut",
  area: "B",
  performanceMeasure: null,
  name: "Kinderarmut",
  areaName: "Sozialraum B",
  unit: "%",
  polarity: "lower_is_better",
  baselineYear: 2018,
  baselineValue: 17,
  targetKind: "value_by_year",
  direction: "down",
  targetValue: 12,
  targetLow: null,
  targetHigh: null,
  targetYear: 2030,
  validTo: null,
  series: [
    { period: "2019", value: 18, low: 17, high: 19, note: null },
    { period: "2024", value: 15.5, low: 14, high: 17, note: null },
  ],
  lights: [],
  stories: [],
  ...over,
});

describe("the goal tree", () => {
  it("nests goals under their parents and keeps a goal whose parent is not given at the top", () => {
    const tree = goalTree(
      [
        goal("L1", null),
        goal("H1", "L1"),
        goal("W1", "H1"),
        goal("X", "HIDDEN"),
        goal("O", null, "other"),
      ],
      "KA",
    );
    expect(tree.map((n) => n.goal.code)).toEqual(["L1", "X"]);
    expect(tree[0]!.children[0]!.goal.code).toBe("H1");
    expect(tree[0]!.children[0]!.children[0]!.goal.code).toBe("W1");
  });
});

describe("a light in words", () => {
  it.each([
    [null, "keine Bewertung", null],
    [
      { year: 2024, symbol: "wolke", low: "wolke", high: "sonne", uncertain: true, reason: "" },
      "Wolke",
      "unsicher: Sonne bis Wolke",
    ],
    [
      { year: 2024, symbol: "sonne", low: "sonne", high: "sonne", uncertain: false, reason: "" },
      "Sonne",
      null,
    ],
  ] as const)("says %j as its word and uncertainty", (light, word, uncertain) => {
    expect(lightWords(light, t)).toEqual({ word, uncertain });
  });
});

describe("the time axis and the target path", () => {
  it.each([
    ["2024", 2024],
    ["2024-Q1", 2024.125],
    ["2024-07", 2024 + 6 / 12 + 1 / 24],
    ["2024-13", null],
    ["Q1", null],
  ])("puts %s at %s", (period, at) => {
    expect(timeOf(period)).toBe(at);
  });

  it("draws a target value from the baseline to the target year, a limit across the span", () => {
    const ind = indicator({});
    const span = chartSpan(ind);
    const early = { period: "2011", value: null, low: null, high: null, note: null };
    expect(chartSpan({ ...ind, series: [early, ...ind.series] })).toEqual(span);
    expect(span).toEqual({ from: 2018, to: 2030 });
    expect(targetLines(ind, span)).toEqual([{ x0: 2018, y0: 17, x1: 2030, y1: 12 }]);
    const limit = indicator({ targetKind: "limit", targetValue: 5, targetYear: null });
    expect(targetLines(limit, chartSpan(limit))).toEqual([{ x0: 2018, y0: 5, x1: 2024, y1: 5 }]);
    expect(targetLines(indicator({ baselineValue: null }), span)).toEqual([]);
    expect(targetLines(indicator({ targetKind: "direction" }), span)).toEqual([]);
  });

  it("says the target in German with the decimal comma", () => {
    const n = (v: number, d: number) =>
      new Intl.NumberFormat("de-DE", { minimumFractionDigits: d, maximumFractionDigits: d }).format(
        v,
      );
    expect(targetText(indicator({}), t, n)).toBe("12,0 % bis 2030");
    expect(targetText(indicator({ targetKind: "limit", targetValue: 5 }), t, n)).toBe(
      "höchstens 5,0 % in jedem Jahr",
    );
  });
});

describe("measures", () => {
  it("groups performance measures under the three questions in their order", () => {
    const pm = (code: string, question: "how_much" | "how_well" | "better_off") => ({
      code,
      question,
      name: code,
      unit: "x",
      frequency: "year" as const,
      polarity: "neutral" as const,
      values: [],
      chart: null,
    });
    expect(
      byQuestion([pm("a", "better_off"), pm("b", "how_much")]).map((g) => [
        g.question,
        g.measures.map((m) => m.code),
      ]),
    ).toEqual([
      ["how_much", ["b"]],
      ["how_well", []],
      ["better_off", ["a"]],
    ]);
  });

  it("lets the planning staff and the editors of a serving measure write stories", () => {
    const g = { ...goal("H1", null), measures: ["M1"] };
    expect(mayWriteStory(g, [measure("M1", [])], true)).toBe(true);
    expect(mayWriteStory(g, [measure("M1", [], true)], false)).toBe(true);
    expect(mayWriteStory(g, [measure("M1", []), measure("M2", [], true)], false)).toBe(false);
  });

  it("maps measures on the level they name most often, with the city-wide ones apart", () => {
    const areas = [
      { code: "S", name: "Stadt", level: "city" },
      { code: "B", name: "Bergviertel", level: "district" },
      { code: "A", name: "Altstadt", level: "district" },
      { code: "B1", name: "Bezirk B1", level: "block" },
    ];
    const ms = [
      measure("M1", ["A", "B"]),
      measure("M2", ["A"]),
      measure("M3", []),
      measure("M4", ["B1"]),
    ];
    expect(mapLevel(ms, areas)).toBe("district");
    expect(mapLevel([measure("M3", [])], areas)).toBeNull();
    const by = measuresByArea(ms, areas, "district", "de-DE");
    expect(by.areas.map((a) => [a.name, a.measures.map((m) => m.code)])).toEqual([
      ["Altstadt", ["M1", "M2"]],
      ["Bergviertel", ["M1"]],
    ]);
    expect(by.cityWide.map((m) => m.code)).toEqual(["M3"]);
    const table = areaMeasuresTable(by, t, meta);
    expect(table.rows).toEqual([
      ["Altstadt", 2, "Maßnahme M1 (M1); Maßnahme M2 (M2)"],
      ["Bergviertel", 1, "Maßnahme M1 (M1)"],
      ["ganze Stadt", 1, "Maßnahme M3 (M3)"],
    ]);
    expect(table.notes).toEqual(["Die übrigen 0 Gebiete: keine Maßnahme."]);
  });
});

describe("the values form", () => {
  it.each([
    ["values.0.period", "v-period"],
    ["values.3.value", "v-value"],
    ["values", null],
    ["period", null],
  ])("puts the API's issue at %s on field %s", (path, field) => {
    expect(valueFieldOf(path, "v")).toBe(field);
  });
});

describe("days typed the German way", () => {
  it.each([
    ["30.06.2023", "2023-06-30"],
    ["1.7.2024", "2024-07-01"],
    ["2024-07-01", "2024-07-01"],
    ["30.6.", "30.6."],
  ])("reads %s as %s", (typed, iso) => {
    expect(isoDay(typed)).toBe(iso);
  });

  it("shows a calendar day as 30.06.2023", () => {
    expect(germanDay("2023-06-30")).toBe("30.06.2023");
  });
});
