import { describe, expect, it } from "vitest";
import type { ObservationRecord } from "../mapping/mapping.ts";
import {
  checkAreaOutliers,
  checkTimeSeriesJumps,
  reviewTargetOf,
  type JumpContext,
} from "./plausibility.ts";

const rec = (
  periodCode: string,
  value: number | null,
  line = 1,
  variableCode = "pop_80_plus",
): ObservationRecord => ({
  line,
  column: periodCode,
  areaCode: "CITY",
  variableCode,
  periodCode,
  value,
  status: value === null ? "missing" : "final",
  percent: false,
  check: false,
});

const ctx = (stored: Record<string, number> = {}): JumpContext => ({
  isCount: (v) => v !== "rate_published",
  stored: (_v, _a, p) => stored[p],
  areaName: () => "Flensburg",
  variableName: () => "Einwohner ab 80 Jahren",
});

describe("checkTimeSeriesJumps", () => {
  it("flags a lost digit between two plausible neighbours (Flensburg Tab. 03, 2020)", () => {
    const issues = checkTimeSeriesJumps(
      [rec("2019", 5922), rec("2020", 625, 7), rec("2021", 6478)],
      ctx(),
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      code: "implausible_jump",
      severity: "warning",
      row: 7,
      column: "2020",
    });
    expect(issues[0]!.message).toMatch(/625.*2019: 5\.922, 2021: 6\.478/);
  });

  it("uses stored neighbours when the file has only one period", () => {
    expect(
      checkTimeSeriesJumps([rec("2020", 59220)], ctx({ "2019": 5922, "2021": 6478 })),
    ).toHaveLength(1);
    expect(
      checkTimeSeriesJumps([rec("2020", 6100)], ctx({ "2019": 5922, "2021": 6478 })),
    ).toHaveLength(0);
  });

  it.each([
    ["normal growth", [100, 130, 160], 0],
    ["a doubling is not a jump", [100, 200, 210], 0],
    ["small counts are not judged", [2, 40, 3], 0],
    ["a real spike above both", [100, 1000, 110], 1],
    ["a step that persists is not flagged in the middle", [100, 500, 520], 0],
  ])("%s", (_name, [a, b, c], expected) => {
    const issues = checkTimeSeriesJumps([rec("2019", a!), rec("2020", b!), rec("2021", c!)], ctx());
    expect(issues.filter((i) => i.column === "2020")).toHaveLength(expected);
  });

  it("leaves rates and withheld figures alone", () => {
    expect(
      checkTimeSeriesJumps(
        [
          rec("2019", 50, 1, "rate_published"),
          rec("2020", 1, 2, "rate_published"),
          rec("2021", 50, 3, "rate_published"),
        ],
        ctx(),
      ),
    ).toHaveLength(0);
    expect(
      checkTimeSeriesJumps([rec("2019", 500), rec("2020", null), rec("2021", 500)], ctx()),
    ).toHaveLength(0);
  });
});

describe("checkAreaOutliers", () => {
  const area = (code: string, period: string, value: number): ObservationRecord => ({
    ...rec(period, value),
    areaCode: code,
    variableCode: "recipients",
  });
  const outlierCtx = {
    isCount: () => true,
    stored: () => undefined,
    level: () => 2,
    areaName: (a: string) => a,
    variableName: () => "Leistungsberechtigte",
  };
  /** Ten districts growing by about 2 %, one of them as given. */
  const town = (small: number, smallNext: number, big: number, bigNext: number) => {
    const records: ObservationRecord[] = [];
    for (let i = 0; i < 8; i++) {
      const base = 1000 + 137 * i;
      records.push(
        area(`D${i}`, "2020", base),
        area(`D${i}`, "2021", Math.round(base * (1.02 + (i % 3) * 0.01))),
      );
    }
    records.push(area("SMALL", "2020", small), area("SMALL", "2021", smallNext));
    records.push(area("BIG", "2020", big), area("BIG", "2021", bigNext));
    return records;
  };

  it("takes the count into account: +40 % of 20 is chance, +40 % of 5,000 is not", () => {
    const issues = checkAreaOutliers(town(20, 28, 5000, 7000), outlierCtx, []);
    expect(issues.map((i) => i.code)).toEqual(["outlier"]);
    expect(reviewTargetOf(issues[0]!)).toEqual({
      variableCode: "recipients",
      areaCode: "BIG",
      periodCode: "2021",
    });
    expect(issues[0]!.message).toContain("bitte prüfen");
  });

  it("says nothing when every area moves alike, and leaves jumps to their own check", () => {
    expect(checkAreaOutliers(town(20, 21, 5000, 5100), outlierCtx, [])).toEqual([]);
    const records = town(20, 28, 5000, 7000);
    const jump = checkTimeSeriesJumps(records, { ...outlierCtx });
    const asJump = [
      {
        severity: "warning" as const,
        code: "implausible_jump" as const,
        row: 1,
        column: null,
        message: "",
        details: { review: { variableCode: "recipients", areaCode: "BIG", periodCode: "2021" } },
      },
      ...jump,
    ];
    expect(checkAreaOutliers(records, outlierCtx, asJump)).toEqual([]);
  });

  it("does not judge fewer than eight comparable areas", () => {
    const few = town(20, 28, 5000, 7000).filter((r) => !/^D[0-6]$/.test(r.areaCode));
    expect(checkAreaOutliers(few, outlierCtx, [])).toEqual([]);
  });
});
