import { describe, expect, it } from "vitest";
import { parsePeriod } from "../periods/period.ts";
import {
  currentRunOf,
  describeEditions,
  isCurrentRun,
  latestEdition,
  previousEdition,
  type EditionRun,
} from "./editions.ts";

const run = (id: number, period: string, level = "district"): EditionRun => ({ id, level, period });
const period = (code: string) => {
  const p = parsePeriod(code);
  if (!p.ok) throw new Error(p.error);
  return p.value;
};

describe("current runs", () => {
  it("is the latest run of a period on a level", () => {
    const runs = [run(1, "2020"), run(2, "2021"), run(3, "2021"), run(4, "2021", "block")];
    expect(currentRunOf(runs, run(2, "2021"))?.id).toBe(3);
    expect(isCurrentRun(runs, run(2, "2021"))).toBe(false);
    expect(isCurrentRun(runs, run(3, "2021"))).toBe(true);
    expect(isCurrentRun(runs, run(4, "2021", "block"))).toBe(true);
  });
});

describe("the previous edition", () => {
  it.each([
    // [runs, the run, its previous edition]
    ["year: the year before", [run(1, "2020"), run(2, "2021")], run(2, "2021"), 1],
    [
      "year: not the earlier run of 2021",
      [run(1, "2020"), run(2, "2021"), run(3, "2021")],
      run(3, "2021"),
      1,
    ],
    [
      "year: the current run of 2020",
      [run(1, "2020"), run(2, "2021"), run(3, "2020")],
      run(2, "2021"),
      3,
    ],
    [
      "year: a later run of an earlier year moves nothing",
      [run(1, "2020"), run(2, "2021"), run(3, "2019")],
      run(2, "2021"),
      1,
    ],
    [
      "year: a gap (biennial) goes to the latest earlier year with a run",
      [run(1, "2019"), run(2, "2021")],
      run(2, "2021"),
      1,
    ],
    ["year: the first edition has none", [run(1, "2020"), run(2, "2021")], run(1, "2020"), null],
    [
      "year: another level is another series",
      [run(1, "2020", "block"), run(2, "2021")],
      run(2, "2021"),
      null,
    ],
    [
      "half-year: H2 → H1 of the same year",
      [run(1, "2021-H1"), run(2, "2021-H2")],
      run(2, "2021-H2"),
      1,
    ],
    [
      "half-year: H1 → H2 of the year before",
      [run(1, "2020-H2"), run(2, "2020-H1"), run(3, "2021-H1")],
      run(3, "2021-H1"),
      1,
    ],
    ["quarter: Q1 → Q4 before", [run(1, "2020-Q4"), run(2, "2021-Q1")], run(2, "2021-Q1"), 1],
    [
      "quarter: a missing quarter is skipped",
      [run(1, "2021-Q1"), run(2, "2021-Q3")],
      run(2, "2021-Q3"),
      1,
    ],
    ["month: January → December", [run(1, "2020-12"), run(2, "2021-01")], run(2, "2021-01"), 1],
    [
      "reference date: the latest earlier date",
      [run(1, "2019-12-31"), run(2, "2020-06-30"), run(3, "2020-12-31")],
      run(3, "2020-12-31"),
      2,
    ],
    [
      "another kind is no edition",
      [run(1, "2020"), run(2, "2020-12-31"), run(3, "2021")],
      run(3, "2021"),
      1,
    ],
    [
      "another kind is no edition (reference dates)",
      [run(1, "2020"), run(2, "2021-12-31")],
      run(2, "2021-12-31"),
      null,
    ],
  ] as const)("%s", (_, runs, of, expected) => {
    expect(previousEdition(runs, of)?.id ?? null).toBe(expected);
  });
});

describe("the latest edition", () => {
  const runs = [
    run(1, "2020"),
    run(2, "2021"),
    run(3, "2019"),
    run(4, "2021"),
    run(5, "2021", "block"),
  ];
  it("is the current run of the latest period, not the newest run", () => {
    expect(latestEdition(runs, { level: "district" })?.id).toBe(4);
    expect(latestEdition([run(1, "2021"), run(2, "2019")])?.id).toBe(1);
  });
  it("is the latest of several levels in that period", () => {
    expect(latestEdition(runs)?.id).toBe(5);
  });
  it("ends no later than a given period", () => {
    expect(latestEdition(runs, { level: "district", upTo: period("2020") })?.id).toBe(1);
    expect(latestEdition(runs, { upTo: period("2018") })).toBeNull();
    // A reference date at the end of the year is within the year.
    expect(latestEdition([run(1, "2021-12-31")], { upTo: period("2021") })?.id).toBe(1);
  });
});

describe("the editions in words", () => {
  it("names the periods and the runs with their days, current first", () => {
    expect(
      describeEditions(
        { id: 2, period: "2020", version: 1, day: "2026-12-01" },
        { id: 5, period: "2021", version: 1, day: "2026-12-07" },
      ),
    ).toEqual({
      periods: "2021 gegenüber 2020",
      runs: "Lauf 5 vom 07.12.2026 und Lauf 2 vom 01.12.2026",
      sameVersion: true,
      caution: null,
    });
  });
  it("names the versions when they differ, with a caution", () => {
    const d = describeEditions(
      { id: 2, period: "2021-H1", version: 1, day: "2026-12-01" },
      { id: 5, period: "2021-H2", version: 2, day: "2026-12-07" },
    );
    expect(d.periods).toBe("2. Halbjahr 2021 gegenüber 1. Halbjahr 2021");
    expect(d.runs).toBe("Lauf 5 (Version 2) vom 07.12.2026 und Lauf 2 (Version 1) vom 01.12.2026");
    expect(d.caution).toMatch(/verschiedenen Versionen der Indexdefinition \(2 und 1\)/);
  });
});
