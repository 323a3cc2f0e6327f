/**
 * The demo workspace is built from Flensburg's real published tables through the product's
 * own pipeline. These tests pin what a planner sees: the areas, the figures, and that the
 * known defects of the source are caught and reported, not patched.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo, type DemoResult } from "../../src/cli/demo.ts";
import { createServiceContext, type ServiceContext } from "../../src/services/context.ts";
import { getAreas } from "../../src/services/areas.ts";
import { computeIndicatorValueSet } from "../../src/services/indicators/indicator-values.ts";
import { compareIndexRuns, listRuns } from "../../src/services/social-index/index-runs.ts";
import { getObservations } from "../../src/services/data/observations.ts";
import { resolveWorkspace, type Workspace } from "../../src/services/workspaces.ts";
import { getProgramme } from "../../src/services/controlling/programme-read.ts";
import { openTestDatabase, type TestDatabase } from "../support/test-db.ts";

let t: TestDatabase;
let ctx: ServiceContext;
let demo: DemoResult;
let ws: Workspace;

const report = (labelStart: string) => {
  const r = demo.reports.find((x) => x.label.startsWith(labelStart));
  if (!r) throw new Error(`no report ${labelStart}`);
  return r;
};

beforeAll(async () => {
  t = await openTestDatabase();
  ctx = createServiceContext(t.db, { now: () => new Date("2026-11-24T10:00:00Z") });
  demo = await seedDemo(ctx);
  ws = await resolveWorkspace(ctx, "flensburg");
});
afterAll(async () => t.close());

describe("demo workspace Flensburg (Sozialatlas 2022)", () => {
  it("has the city, 13 districts and 41 statistical districts with geometry", async () => {
    const areas = await getAreas(ctx, ws, { geometry: true, at: "2022-01-01" });
    const byLevel = (level: string) => areas.filter((a) => a.level === level);
    expect(byLevel("city")).toHaveLength(1);
    expect(byLevel("district")).toHaveLength(13);
    expect(byLevel("statistical_district")).toHaveLength(41);
    expect(byLevel("district").every((a) => a.geometry && a.parent === "STGM01001000")).toBe(true);
    expect(byLevel("district").find((a) => a.code === "STGT03")?.name).toBe("Nordstadt");
    expect(byLevel("statistical_district").every((a) => a.parent?.startsWith("STGT"))).toBe(true);
  });

  it("commits every table but the unreadable one", () => {
    const statuses = demo.reports.map((r) => `${r.status}:${r.label}`);
    expect(demo.reports.filter((r) => r.status === "rejected").map((r) => r.label)).toEqual([
      "Tab. 08 Einwohner ab 65 Jahren 2011–2021",
    ]);
    expect(statuses.filter((s) => s.startsWith("committed")).length).toBe(demo.reports.length - 1);
  });

  it("rejects Tab. 08 naming each unreadable cell with line and column", () => {
    const r = report("Tab. 08");
    const errors = r.issues.filter((i) => i.severity === "error");
    expect(errors.map((e) => [e.code, e.row, e.column])).toEqual([
      ["not_a_number", 5, "2011"],
      ["not_a_number", 7, "2011"],
      ["not_a_number", 8, "2019"],
      ["not_a_number", 10, "2021"],
      ["not_a_number", 12, "2019"],
    ]);
    expect(errors.map((e) => e.message).join("\n")).toMatch(/1\.3066/);
  });

  it("reports the Sandberg figure that disagrees between Tab. 01 and Tab. 05 and keeps the stored one", async () => {
    const r = report("Tab. 05");
    expect(r.status).toBe("committed");
    const conflicts = r.issues.filter((i) => i.code === "conflicting_value");
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]!.message).toMatch(/7\.602/);
    expect(conflicts[0]!.message).toMatch(/6\.702/);
    const page = await getObservations(
      ctx,
      ws,
      {
        variable: "population",
        area: "STGT08",
        period: "2021",
        limit: 10,
        offset: 0,
      },
      "planning",
    );
    expect(page.items.map((o) => [o.value, o.revision])).toEqual([[6702, 1]]);
  });

  it("reports the 5 persons not assigned to any district in 2021", () => {
    const r = report("Seite 53");
    const remainder = r.issues.filter(
      (i) => i.code === "unassigned_remainder" && /97\.882/.test(i.message),
    );
    expect(remainder).toHaveLength(1);
    expect(remainder[0]!.message).toMatch(/97\.877/);
  });

  it("reports the broken header of the city key figures", () => {
    const r = report("Seite 53");
    expect(r.issues.some((i) => i.code === "header_mismatch" && /2012/.test(i.message))).toBe(true);
  });

  it("flags the lost digit of the city's 80+ figure for 2020 in Tab. 03", () => {
    const r = report("Tab. 03");
    const jumps = r.issues.filter((i) => i.code === "implausible_jump");
    expect(jumps.map((j) => [j.row, j.column])).toEqual([[7, "2020"]]);
    expect(jumps[0]!.message).toMatch(/625/);
  });

  it("computes the SGB II rate from counts, and the city's from sums, not mean of rates", async () => {
    const set = await computeIndicatorValueSet(ctx, ws, "sgb2_rate", {
      audience: "public",
      period: "2021",
      level: "district",
      disclosure: true,
    });
    const altstadt = set.values.find((v) => v.area === "STGT01")!;
    expect(altstadt.numerator).toBe(475);
    expect(altstadt.denominator).toBe(360 + 3093);
    expect(altstadt.value).toBeCloseTo((475 / 3453) * 100, 10);
    // The city has no SGB II figure of its own: its numerator is the districts' sum. Its
    // under-18 count is observed (Tab. 03: 14,947) and wins over the districts' sum, because
    // an official total includes persons not assigned to any district.
    const sumNum = set.values.reduce((s, v) => s + (v.numerator ?? 0), 0);
    const under18 = await getObservations(
      ctx,
      ws,
      { variable: "pop_under_18", period: "2021", limit: 100, offset: 0 },
      "planning",
    );
    const districtsUnder18 = under18.items
      .filter((o) => o.area.startsWith("STGT"))
      .reduce((s, o) => s + (o.value ?? 0), 0);
    const districts18to64 =
      set.values.reduce((s, v) => s + (v.denominator ?? 0), 0) - districtsUnder18;
    expect(under18.items.find((o) => o.area === "STGM01001000")?.value).toBe(14947);
    expect(set.reference?.value).toBeCloseTo((sumNum / (14947 + districts18to64)) * 100, 10);
    const meanOfRates = set.values.reduce((s, v) => s + (v.value ?? 0), 0) / set.values.length;
    expect(Math.abs((set.reference?.value ?? 0) - meanOfRates)).toBeGreaterThan(0.1);
    expect(set.values.every((v) => v.rank !== null)).toBe(true);
    expect(set.previousPeriod).toBe("2020");
  });

  it("has a social index with two runs (2020, 2021) on the districts, and their comparison", async () => {
    const runs = await listRuns(ctx, ws, "sozialindex");
    expect(runs.map((r) => [r.level, r.period, r.included])).toEqual([
      ["district", "2021", 13],
      ["district", "2020", 13],
    ]);
    const comparison = await compareIndexRuns(ctx, ws, runs[0]!.id);
    expect(comparison?.previous.id).toBe(runs[1]!.id);
    expect(comparison!.unchanged + new Set(comparison!.changes.map((c) => c.area)).size).toBe(13);
  });

  it("has a labelled example programme on the city's real indicator series", async () => {
    const p = await getProgramme(ctx, ws, { role: "planner", userId: null });
    expect(p.exampleData).toBe(true);
    expect(p.themes.map((x) => x.name)).toEqual([
      "Kinderarmut",
      "Teilhabe Älterer",
      "Wohnungslosigkeit",
    ]);
    expect(p.measures).toHaveLength(12);
    expect(p.measures.flatMap((m) => m.budget)).toHaveLength(15);
    const ka1 = p.goals.find((g) => g.code === "KA-1")!;
    // Baselines come from the data: Flensburg's child poverty approximation in 2018.
    const city = ka1.indicators.find((i) => i.area === "STGM01001000")!;
    expect(city.baselineValue).toBe(21.1);
    expect(city.series.find((x) => x.period === "2021")!.value).toBeCloseTo(19.95, 2);
    expect(city.lights[0]).toMatchObject({
      year: 2021,
      symbol: "leicht_bewoelkt",
      uncertain: true,
    });
    const neustadt = ka1.indicators.find((i) => i.area === "STGT02")!;
    expect(neustadt.lights[0]!.symbol).toBe("blitz");
    expect(neustadt.stories).toHaveLength(1);
    // The council reads released goals only.
    const council = await getProgramme(ctx, ws, { role: "viewer", userId: null });
    expect(council.goals.some((g) => g.code === "KA-1a")).toBe(false);
    expect(council.goals.length).toBe(p.goals.length - 1);
  });
});
