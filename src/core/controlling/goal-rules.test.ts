import { describe, expect, it } from "vitest";
import {
  checkGoalTarget,
  checkPerformancePeriod,
  checkSchedule,
  periodDays,
} from "./goal-rules.ts";

const base = { baselineYear: 2020, baselineValue: 20 };

describe("checkGoalTarget", () => {
  it("reads a value by a year and takes its direction from baseline and target", () => {
    const r = checkGoalTarget(
      { ...base, targetKind: "value_by_year", targetValue: 15, targetYear: 2030 },
      "lower_is_better",
      "Kinderarmut",
    );
    expect(r).toEqual({
      target: { kind: "value_by_year", direction: "down", value: 15, targetYear: 2030 },
      problems: [],
    });
  });

  it("refuses a target year not after the baseline", () => {
    const r = checkGoalTarget(
      { ...base, targetKind: "value_by_year", targetValue: 15, targetYear: 2020 },
      "lower_is_better",
      "Kinderarmut",
    );
    expect(r.target).toBeNull();
    expect(r.problems).toEqual([
      { path: "targetYear", message: "Zieljahr: 2020 liegt nicht nach dem Ausgangsjahr 2020." },
    ]);
  });

  it("refuses a target against the polarity, naming the indicator", () => {
    const r = checkGoalTarget(
      { ...base, targetKind: "value_by_year", targetValue: 25, targetYear: 2030 },
      "lower_is_better",
      "Kinderarmut",
    );
    expect(r.problems).toEqual([
      {
        path: "targetValue",
        message:
          "Zielwert: das Ziel ließe „Kinderarmut“ steigen, der Indikator soll aber sinken (Polarität).",
      },
    ]);
  });

  it("lets a neutral indicator go either way, but a limit on it needs a direction", () => {
    expect(
      checkGoalTarget(
        { ...base, targetKind: "value_by_year", targetValue: 25, targetYear: 2030 },
        "neutral",
        "x",
      ).problems,
    ).toEqual([]);
    expect(
      checkGoalTarget({ ...base, targetKind: "limit", targetValue: 25 }, "neutral", "x")
        .problems[0]!.path,
    ).toBe("direction");
    expect(
      checkGoalTarget(
        { ...base, targetKind: "limit", targetValue: 25, direction: "down" },
        "neutral",
        "x",
      ).target,
    ).toEqual({ kind: "limit", direction: "down", value: 25 });
  });

  it("reads a corridor and refuses one that holds the baseline or is upside down", () => {
    expect(
      checkGoalTarget(
        { ...base, targetKind: "corridor", targetLow: 10, targetHigh: 12, targetYear: 2030 },
        "lower_is_better",
        "x",
      ).target,
    ).toEqual({ kind: "corridor", direction: "down", low: 10, high: 12, targetYear: 2030 });
    expect(
      checkGoalTarget(
        { ...base, targetKind: "corridor", targetLow: 18, targetHigh: 22, targetYear: 2030 },
        "lower_is_better",
        "x",
      ).problems[0]!.path,
    ).toBe("targetLow");
    expect(
      checkGoalTarget(
        { ...base, targetKind: "corridor", targetLow: 12, targetHigh: 10, targetYear: 2030 },
        "lower_is_better",
        "x",
      ).problems[0]!.path,
    ).toBe("targetHigh");
  });

  it("names every missing value a kind of target needs", () => {
    const r = checkGoalTarget({ ...base, targetKind: "value_by_year" }, "lower_is_better", "x");
    expect(r.problems.map((p) => p.path)).toEqual(["targetValue", "targetYear"]);
  });
});

describe("periods of performance values", () => {
  it("knows the days of a year, a quarter and a month", () => {
    expect(periodDays("2024", "year")).toEqual({ first: "2024-01-01", last: "2024-12-31" });
    expect(periodDays("2024-Q1", "quarter")).toEqual({ first: "2024-01-01", last: "2024-03-31" });
    expect(periodDays("2024-02", "month")).toEqual({ first: "2024-02-01", last: "2024-02-29" });
    expect(periodDays("2024-02", "quarter")).toBeNull();
  });

  it("accepts a period overlapping the schedule, refuses one outside it in German", () => {
    const schedule = { startDate: "2024-03-15", endDate: "2025-06-30" };
    expect(checkPerformancePeriod("2024-Q1", "quarter", schedule, "p")).toBeNull();
    expect(checkPerformancePeriod("2025-Q3", "quarter", schedule, "p")).toEqual({
      path: "p",
      message:
        "Zeitraum: 2025-Q3 liegt außerhalb der Laufzeit der Maßnahme (15.03.2024 bis 30.06.2025).",
    });
    expect(
      checkPerformancePeriod("2030", "year", { startDate: "2024-01-01", endDate: null }, "p"),
    ).toBeNull();
  });

  it("keeps milestones within the schedule and the end after the start", () => {
    expect(
      checkSchedule("2024-01-01", "2023-12-31", [
        { title: "A", due: "2025-01-01", done: false },
      ]).map((p) => p.path),
    ).toEqual(["endDate", "milestones.0.due"]);
  });
});
