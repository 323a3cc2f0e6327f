import { describe, expect, it } from "vitest";
import { nextPeriod, parsePeriod, previousPeriod, yearsBefore } from "./period.ts";

describe("parsePeriod", () => {
  it.each([
    ["2021", "2021", "year", "2021-01-01", "2021-12-31"],
    ["2021-H1", "2021-H1", "half_year", "2021-01-01", "2021-06-30"],
    ["2. Hj. 2020", "2020-H2", "half_year", "2020-07-01", "2020-12-31"],
    ["2021/2", "2021-H2", "half_year", "2021-07-01", "2021-12-31"],
    ["2021-Q1", "2021-Q1", "quarter", "2021-01-01", "2021-03-31"],
    ["3. Quartal 2021", "2021-Q3", "quarter", "2021-07-01", "2021-09-30"],
    ["2024-02", "2024-02", "month", "2024-02-01", "2024-02-29"],
    ["02/2023", "2023-02", "month", "2023-02-01", "2023-02-28"],
    ["31.12.2021", "2021-12-31", "reference_date", "2021-12-31", "2021-12-31"],
    ["2022-01-31", "2022-01-31", "reference_date", "2022-01-31", "2022-01-31"],
  ])("%s → %s", (input, code, kind, start, end) => {
    const r = parsePeriod(input);
    expect(r).toEqual({ ok: true, value: { code, kind, start, end, referenceDate: end } });
  });

  it.each(["", "21", "2021-13", "31.02.2021", "2021-H3", "Jahr 2021"])("rejects %j", (input) => {
    expect(parsePeriod(input).ok).toBe(false);
  });

  it("finds the previous period of the same kind", () => {
    const prev = (code: string) => {
      const r = parsePeriod(code);
      if (!r.ok) throw new Error(r.error);
      return previousPeriod(r.value)?.code ?? null;
    };
    expect(prev("2021")).toBe("2020");
    expect(prev("2021-H1")).toBe("2020-H2");
    expect(prev("2021-H2")).toBe("2021-H1");
    expect(prev("2021-Q1")).toBe("2020-Q4");
    expect(prev("2021-01")).toBe("2020-12");
    expect(prev("2021-12-31")).toBeNull();
  });
});

describe("nextPeriod", () => {
  it.each([
    ["2020", "2021"],
    ["2021-H1", "2021-H2"],
    ["2021-H2", "2022-H1"],
    ["2021-Q4", "2022-Q1"],
    ["2021-12", "2022-01"],
    ["2021-12-31", null],
  ])("%s → %s", (code, next) => {
    const r = parsePeriod(code);
    if (!r.ok) throw new Error(r.error);
    expect(nextPeriod(r.value)?.code ?? null).toBe(next);
  });

  it("is the inverse of previousPeriod", () => {
    for (const code of ["2019", "2020-H2", "2020-Q1", "2020-03"]) {
      const r = parsePeriod(code);
      if (!r.ok) throw new Error(r.error);
      const next = nextPeriod(r.value);
      expect(next && previousPeriod(next)?.code).toBe(code);
    }
  });
});

describe("yearsBefore", () => {
  const code = (c: string, years: number) => {
    const p = parsePeriod(c);
    if (!p.ok) throw new Error(p.error);
    return yearsBefore(p.value, years)?.code ?? null;
  };

  it("keeps the kind and moves the year", () => {
    expect(code("2021", 2)).toBe("2019");
    expect(code("2021-H2", 2)).toBe("2019-H2");
    expect(code("2021-Q3", 1)).toBe("2020-Q3");
    expect(code("2021-07", 5)).toBe("2016-07");
    expect(code("2020-12-31", 2)).toBe("2018-12-31");
  });

  it("moves 29 February to the 28th in a common year", () => {
    expect(code("2024-02-29", 1)).toBe("2023-02-28");
    expect(code("2024-02-29", 4)).toBe("2020-02-29");
  });
});
