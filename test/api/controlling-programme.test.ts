/**
 * Ziele & Maßnahmen over HTTP, on both databases: a planner builds a programme (theme, goal
 * tree, goal indicators on a catalogue indicator in two areas and on a measure's performance
 * measure), a specialist department reports on its own measure and nothing else, budget lines
 * come in through the one import route, and every reader gets the lights the values they may
 * see allow. Bad input is refused at the field, in German, and changes nothing.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProgrammeDto } from "../../src/contracts/controlling.ts";
import { buildApp } from "../../src/server/app.ts";
import { createServiceContext, type ServiceContext } from "../../src/services/context.ts";
import { multipartBody } from "../support/multipart.ts";
import { injectAs, signIn } from "../support/sign-in.ts";
import { snapshotData } from "../support/snapshot.ts";
import { seedPovertyCity } from "../support/poverty-city.ts";
import { openTestDatabase, type TestDatabase } from "../support/test-db.ts";

const SLUG = "zielstadt";

let t: TestDatabase;
let ctx: ServiceContext;
let app: FastifyInstance;
let planner: ReturnType<typeof injectAs>;
let contributor: ReturnType<typeof injectAs>;
let otherContributor: ReturnType<typeof injectAs>;
let viewer: ReturnType<typeof injectAs>;
let contributorEmail = "";

beforeAll(async () => {
  t = await openTestDatabase();
  ctx = createServiceContext(t.db, { now: () => new Date("2025-03-15T10:00:00Z") });
  await seedPovertyCity(ctx, SLUG, "Zielstadt");
  app = await buildApp({ ctx, version: "test" });
  planner = injectAs(app, await signIn(ctx, "planner", SLUG));
  const c = await signIn(ctx, "contributor", SLUG);
  contributor = injectAs(app, c);
  const me = await app.inject({ url: "/api/session", headers: c });
  contributorEmail = me.json<{ email: string }>().email;
  otherContributor = injectAs(app, await signIn(ctx, "contributor", SLUG));
  viewer = injectAs(app, await signIn(ctx, "viewer", SLUG));
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

const post = (as: ReturnType<typeof injectAs>, url: string, payload: unknown) =>
  as({ method: "POST", url, payload: payload as Record<string, unknown> });
const put = (as: ReturnType<typeof injectAs>, url: string, payload: unknown) =>
  as({ method: "PUT", url, payload: payload as Record<string, unknown> });

async function programme(as: ReturnType<typeof injectAs>): Promise<ProgrammeDto> {
  const r = await as({ method: "GET", url: "/api/controlling/programme" });
  expect(r.statusCode).toBe(200);
  return r.json<ProgrammeDto>();
}

function issuesOf(body: string): { path: string; message: string }[] {
  return (
    JSON.parse(body) as { error: { details: { issues: { path: string; message: string }[] } } }
  ).error.details.issues;
}

describe("a programme from theme to lights", () => {
  it("a planner builds theme, goal tree, goal indicators and a measure with its reporter", async () => {
    expect(
      (
        await post(planner, "/api/controlling/themes", {
          code: "KA",
          name: "Kinderarmut",
          areas: ["A", "B"],
        })
      ).statusCode,
    ).toBe(204);
    for (const goal of [
      {
        code: "L1",
        theme: "KA",
        goalLevel: "leitziel",
        title: "Jedes Kind wächst ohne Armut auf",
        release: "released",
      },
      {
        code: "H1",
        theme: "KA",
        parent: "L1",
        goalLevel: "handlungsziel",
        title: "Weniger Kinder in Bedarfsgemeinschaften",
        owner: "Sozialplanung",
        periodFrom: 2019,
        periodTo: 2030,
        decision: "Drucksache 2019/123",
        release: "released",
      },
      {
        code: "W1",
        theme: "KA",
        parent: "H1",
        goalLevel: "wirkungsziel",
        title: "Familien finden Beratung",
        release: "draft",
      },
    ]) {
      const r = await post(planner, "/api/controlling/goals", goal);
      expect(r.statusCode, r.body).toBe(204);
    }
    const b = await post(planner, "/api/controlling/goals/H1/indicators", {
      indicator: "kinderarmut",
      area: "B",
      baselineYear: 2018,
      baselineValue: 17,
      targetKind: "value_by_year",
      targetValue: 12,
      targetYear: 2030,
    });
    expect(b.statusCode, b.body).toBe(201);
    const a = await post(planner, "/api/controlling/goals/H1/indicators", {
      indicator: "kinderarmut",
      area: "A",
      baselineYear: 2018,
      baselineValue: 5,
      targetKind: "limit",
      targetValue: 5,
    });
    expect(a.statusCode, a.body).toBe(201);
    const m = await post(planner, "/api/controlling/measures", {
      code: "M01",
      title: "Familienlotsen",
      owner: "Fachdienst Jugend",
      areas: ["B"],
      targetGroups: ["Familien mit Kindern"],
      startDate: "2023-01-01",
      endDate: "2026-12-31",
      state: "laufend",
      milestones: [
        { title: "Lotsen eingestellt", due: "2023-06-30", done: true },
        { title: "Evaluation", due: "2025-01-31", done: false },
      ],
      goals: [{ goal: "W1", contribution: "Beratung vor Ort" }],
      editors: [contributorEmail],
    });
    expect(m.statusCode, m.body).toBe(204);
    const m2 = await post(planner, "/api/controlling/measures", {
      code: "M02",
      title: "Ferienfreizeiten",
      owner: "Fachdienst Jugend",
      startDate: "2024-01-01",
      state: "geplant",
      goals: [{ goal: "H1" }],
    });
    expect(m2.statusCode, m2.body).toBe(204);
  });

  it("rates each goal indicator with the DNS rule and its uncertainty, for the last assessment years", async () => {
    const p = await programme(planner);
    const h1 = p.goals.find((g) => g.code === "H1")!;
    const onB = h1.indicators.find((i) => i.area === "B")!;
    // B: 18 % (2019) to 15,5 % (2024): −0,5 a year, 12,5 % in 2030 against 12 %: 14 % of the way missing.
    expect(onB.series.at(-1)).toMatchObject({ period: "2024", value: 15.5 });
    expect(onB.series.at(-1)!.low).toBeLessThan(15.5);
    expect(onB.series.at(-1)!.high).toBeGreaterThan(15.5);
    expect(onB.lights.map((l) => l.year)).toEqual([2024, 2023, 2022, 2021, 2020, 2019, 2018]);
    expect(onB.lights[0]!.symbol).toBe("leicht_bewoelkt");
    expect(onB.lights[0]!.reason).toMatch(/\S/);
    // A: 2 of 40 children every year, 5 % against a limit of 5 %: kept, but the interval of 2 cases is wide.
    const onA = h1.indicators.find((i) => i.area === "A")!;
    expect(onA.series.at(-1)).toMatchObject({ value: 5 });
    expect(onA.lights[0]!.uncertain).toBe(true);
    expect(onA.lights[0]!.reason).toMatch(/unsicher/);
    expect(h1.light?.symbol).toBeDefined();
    expect(h1.measures).toEqual(["M02"]);
  });

  it("refuses a target year before the baseline and a target against the polarity, naming the field, storing nothing", async () => {
    const before = await snapshotData(t.db);
    const early = await post(planner, "/api/controlling/goals/H1/indicators", {
      indicator: "kinderarmut",
      area: "C",
      baselineYear: 2020,
      baselineValue: 20,
      targetKind: "value_by_year",
      targetValue: 15,
      targetYear: 2018,
    });
    expect(early.statusCode).toBe(400);
    expect(issuesOf(early.body)).toContainEqual({
      path: "targetYear",
      message: "Zieljahr: 2018 liegt nicht nach dem Ausgangsjahr 2020.",
    });
    const wrong = await post(planner, "/api/controlling/goals/H1/indicators", {
      indicator: "kinderarmut",
      area: "C",
      baselineYear: 2020,
      baselineValue: 20,
      targetKind: "value_by_year",
      targetValue: 25,
      targetYear: 2030,
    });
    expect(wrong.statusCode).toBe(400);
    expect(issuesOf(wrong.body)[0]).toMatchObject({ path: "targetValue" });
    expect(issuesOf(wrong.body)[0]!.message).toMatch(/^Zielwert: .*Kinderarmut.*steigen.*sinken/);
    const noParent = await post(planner, "/api/controlling/goals", {
      code: "H9",
      theme: "KA",
      goalLevel: "handlungsziel",
      title: "x",
    });
    expect(noParent.statusCode).toBe(400);
    expect(issuesOf(noParent.body)[0]!.path).toBe("parent");
    expect(await snapshotData(t.db)).toEqual(before);
  });

  it("keeps a changed target visible, greyed with the year it ended", async () => {
    const p0 = await programme(planner);
    const old = p0.goals.find((g) => g.code === "H1")!.indicators.find((i) => i.area === "B")!;
    const r = await post(planner, "/api/controlling/goals/H1/indicators", {
      indicator: "kinderarmut",
      area: "B",
      baselineYear: 2022,
      baselineValue: 16.5,
      targetKind: "value_by_year",
      targetValue: 14,
      targetYear: 2028,
      replaces: old.id,
    });
    expect(r.statusCode, r.body).toBe(201);
    const onB = (await programme(planner)).goals
      .find((g) => g.code === "H1")!
      .indicators.filter((i) => i.area === "B");
    expect(onB.map((i) => [i.targetValue, i.validTo])).toEqual([
      [12, 2021],
      [14, null],
    ]);
    expect(onB[0]!.lights.every((l) => l.year <= 2021)).toBe(true);
  });
});

describe("measures and their owners", () => {
  it("the owning department reports status, performance measures and values; others may not", async () => {
    const pm = await post(contributor, "/api/controlling/measures/M01/performance-measures", {
      code: "M01-BER",
      question: "how_much",
      name: "Beratene Familien",
      unit: "Familien",
      frequency: "quarter",
      polarity: "higher_is_better",
    });
    expect(pm.statusCode, pm.body).toBe(204);
    const better = await post(contributor, "/api/controlling/measures/M01/performance-measures", {
      code: "M01-OK",
      question: "better_off",
      name: "Familien mit gesichertem Leistungsbezug",
      unit: "%",
      frequency: "year",
      polarity: "higher_is_better",
    });
    expect(better.statusCode, better.body).toBe(204);
    const values = await put(
      contributor,
      "/api/controlling/measures/M01/performance-measures/M01-BER/values",
      {
        values: [
          { period: "2024-Q3", value: 41 },
          { period: "2024-Q4", value: 48 },
        ],
      },
    );
    expect(values.statusCode, values.body).toBe(204);
    const share = await put(
      contributor,
      "/api/controlling/measures/M01/performance-measures/M01-OK/values",
      {
        values: [
          { period: "2023", value: 62.5, numerator: 25, denominator: 40 },
          { period: "2024", value: 70, numerator: 35, denominator: 50 },
        ],
      },
    );
    expect(share.statusCode, share.body).toBe(204);
    const progress = await put(contributor, "/api/controlling/measures/M01/progress", {
      state: "laufend",
      milestones: [
        { title: "Lotsen eingestellt", due: "2023-06-30", done: true },
        { title: "Evaluation", due: "2025-01-31", done: false },
      ],
      description: "Zwei Lotsinnen in B.",
    });
    expect(progress.statusCode, progress.body).toBe(204);
    // Not theirs:
    expect(
      (
        await put(otherContributor, "/api/controlling/measures/M01/progress", {
          state: "abgebrochen",
          milestones: [],
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await put(contributor, "/api/controlling/measures/M02/progress", {
          state: "laufend",
          milestones: [],
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await post(contributor, "/api/controlling/goals", {
          code: "L2",
          theme: "KA",
          goalLevel: "leitziel",
          title: "x",
        })
      ).statusCode,
    ).toBe(403);
    const p = await programme(contributor);
    const m1 = p.measures.find((m) => m.code === "M01")!;
    expect(m1.mayEdit).toBe(true);
    expect(p.measures.find((m) => m.code === "M02")!.mayEdit).toBe(false);
    expect(m1.description).toBe("Zwei Lotsinnen in B.");
    expect(m1.performanceMeasures.map((x) => [x.code, x.question, x.values.length])).toEqual([
      ["M01-BER", "how_much", 2],
      ["M01-OK", "better_off", 2],
    ]);
    // Quarters get a chart (too few values for limits yet), years none.
    expect(m1.performanceMeasures[0]!.chart?.limits).toBeNull();
    expect(m1.performanceMeasures[1]!.chart).toBeNull();
  });

  it("every change is in the audit log with who made it", async () => {
    const admin = injectAs(app, await signIn(ctx, "admin", SLUG));
    const log = await admin({ method: "GET", url: "/api/audit?entity=measure&limit=50" });
    expect(log.statusCode).toBe(200);
    const events = log.json<{ items: { actor: string; action: string; entityKey: string }[] }>()
      .items;
    expect(
      events.some(
        (e) => e.actor === contributorEmail && e.entityKey === "M01" && e.action === "update",
      ),
    ).toBe(true);
    const pmLog = await admin({
      method: "GET",
      url: "/api/audit?entity=performance_measure&limit=50",
    });
    expect(pmLog.json<{ items: unknown[] }>().items.length).toBeGreaterThanOrEqual(4);
  });

  it("refuses a performance value outside the measure's schedule, and an unreadable period, storing none", async () => {
    const before = await snapshotData(t.db);
    const r = await put(
      contributor,
      "/api/controlling/measures/M01/performance-measures/M01-BER/values",
      {
        values: [
          { period: "2025-Q1", value: 50 },
          { period: "2022-Q4", value: 10 },
          { period: "2024-13", value: 1 },
        ],
      },
    );
    expect(r.statusCode).toBe(400);
    const issues = issuesOf(r.body);
    expect(issues).toEqual([
      {
        path: "values.1.period",
        message:
          "Wert 2, Zeitraum: 2022-Q4 liegt außerhalb der Laufzeit der Maßnahme (01.01.2023 bis 31.12.2026).",
      },
      {
        path: "values.2.period",
        message:
          "Wert 3, Zeitraum: „2024-13“ ist kein Zeitraum dieser Kennzahl (Beispiel: 2025-Q2).",
      },
    ]);
    expect(await snapshotData(t.db)).toEqual(before);
  });

  it("a monthly performance measure gets its XmR chart with the signal of an unusual month", async () => {
    const pm = await post(contributor, "/api/controlling/measures/M01/performance-measures", {
      code: "M01-KONT",
      question: "how_much",
      name: "Erstkontakte",
      unit: "Familien",
      frequency: "month",
      polarity: "higher_is_better",
    });
    expect(pm.statusCode, pm.body).toBe(204);
    const months = [10, 11, 10, 12, 11, 10, 11, 12, 10, 11, 10, 11, 25, 11];
    const r = await put(
      contributor,
      "/api/controlling/measures/M01/performance-measures/M01-KONT/values",
      {
        values: months.map((value, i) => ({
          period: `${2023 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`,
          value,
        })),
      },
    );
    expect(r.statusCode, r.body).toBe(204);
    const chart = (await programme(planner)).measures
      .find((m) => m.code === "M01")!
      .performanceMeasures.find((p) => p.code === "M01-KONT")!.chart!;
    expect(chart.limits).not.toBeNull();
    const jan = chart.points.find((p) => p.period === "2024-01")!;
    expect(jan.signal).toBe("improvement");
    expect(jan.reasons.join(" ")).toMatch(/obere/);
    expect(chart.points.filter((p) => p.signal !== null).map((p) => p.period)).toEqual(["2024-01"]);
  });

  it("a goal indicator on a performance measure gets its share's interval", async () => {
    const r = await post(planner, "/api/controlling/goals/W1/indicators", {
      performanceMeasure: "M01-OK",
      baselineYear: 2023,
      baselineValue: 62.5,
      targetKind: "value_by_year",
      targetValue: 80,
      targetYear: 2026,
    });
    expect(r.statusCode, r.body).toBe(201);
    const w1 = (await programme(planner)).goals.find((g) => g.code === "W1")!;
    const point = w1.indicators[0]!.series.find((s) => s.period === "2024")!;
    expect(point.value).toBe(70);
    expect(point.low).toBeCloseTo(56.2, 0);
    expect(point.high).toBeCloseTo(80.9, 0);
  });
});

describe("budget lines through the import", () => {
  const upload = async (csv: string, dryRun = false) => {
    const mp = multipartBody([
      { name: "mapping", value: JSON.stringify({ kind: "budget", format: "csv" }) },
      { name: "file", filename: "haushalt.csv", content: csv },
      ...(dryRun ? [{ name: "dryRun", value: "true" }] : []),
    ]);
    return planner({
      method: "POST",
      url: "/api/imports",
      headers: { "content-type": mp.contentType },
      payload: mp.body,
    });
  };

  it("refuses a file with an unknown product or measure, naming each row, storing nothing", async () => {
    const before = await snapshotData(t.db);
    const r = await upload(
      [
        "Maßnahme;Produkt;Kostenstelle;Haushaltsjahr;Ansatz;Ist",
        "M01;311;5010;2024;80.000;75.500",
        "M99;311;5010;2024;1.000;0",
        "M02;999;5010;2024;5.000;0",
      ].join("\n"),
    );
    expect(r.statusCode).toBe(422);
    const report = r.json<{
      error: {
        details: { status: string; issues: { row: number; code: string; message: string }[] };
      };
    }>().error.details;
    expect(report.status).toBe("rejected");
    expect(report.issues.filter((i) => i.code !== "info").map((i) => [i.row, i.code])).toEqual(
      expect.arrayContaining([
        [3, "unknown_measure"],
        [4, "unknown_product"],
      ]),
    );
    expect(await snapshotData(t.db)).toEqual(before);
  });

  it("commits a finance export whole, and shows resources per theme, goal and area", async () => {
    const m3 = await post(planner, "/api/controlling/measures", {
      code: "M03",
      title: "Schuldnerberatung (noch keinem Ziel zugeordnet)",
      owner: "Fachdienst Soziales",
      startDate: "2024-01-01",
      state: "laufend",
    });
    expect(m3.statusCode, m3.body).toBe(204);
    const r = await upload(
      [
        "Maßnahme;Produkt;Kostenstelle;Sachkonto;Haushaltsjahr;Ansatz;Gebunden;Ist",
        "M01;311;5010;5431;2024;80.000;0;75.500",
        "M01;311;5010;5431;2025;82.000;20.000;",
        "M03;3111;5020;5331;2024;10.000;;9.000",
      ].join("\n"),
    );
    expect(r.statusCode, r.body).toBe(201);
    const p = await programme(planner);
    expect(
      p.measures.find((m) => m.code === "M01")!.budget.map((b) => [b.year, b.planned, b.spent]),
    ).toEqual([
      [2024, 80000, 75500],
      [2025, 82000, null],
    ]);
    expect(p.resources.byTheme).toEqual([
      { theme: "KA", planned: 162000, committed: 20000, spent: 75500 },
    ]);
    // W1's measure M01 counts for W1, its parent H1 and L1; M02 has no budget.
    expect(p.resources.byGoal.find((g) => g.goal === "L1")!.planned).toBe(162000);
    expect(p.resources.byArea).toEqual([
      { area: "B", planned: 162000, committed: 20000, spent: 75500 },
      // M03 names no area: it counts for the whole city.
      { area: "S", planned: 10000, committed: 0, spent: 9000 },
    ]);
    expect(p.resources.goalsWithoutResources).toEqual([]);
    expect(p.resources.linesWithoutGoal.map((l) => [l.product, l.planned])).toEqual([
      ["3111", 10000],
    ]);
  });
});

describe("who sees what", () => {
  it("the council sees released goals only, and no value disclosure control withholds", async () => {
    const p = await programme(viewer);
    expect(p.goals.map((g) => g.code)).toEqual(
      ["H1", "L1"].sort((a, b) => (a === "L1" ? -1 : b === "L1" ? 1 : 0)).sort(),
    );
    expect(p.goals.some((g) => g.code === "W1")).toBe(false);
    // M01 serves only the draft goal W1: not shown; M02 serves H1.
    expect(p.measures.map((m) => m.code)).toEqual(["M02"]);
    expect(p.measures[0]!.editors).toEqual([]);
    const onA = p.goals.find((g) => g.code === "H1")!.indicators.find((i) => i.area === "A")!;
    // 2 of 40: withheld from everyone but the planning staff, with no interval and no light.
    for (const s of onA.series) {
      expect(s).toMatchObject({
        value: null,
        low: null,
        high: null,
        note: "gesperrt (Geheimhaltung)",
      });
    }
    expect(onA.lights).toEqual([]);
    // Nothing the viewer receives carries the withheld share or its count.
    const body = JSON.stringify(onA);
    expect(body).not.toMatch(/"(value|low|high|baselineValue)":\d|2 Fällen/);
    expect(p.resources.linesWithoutGoal).toEqual([]);
  });

  it("lists what is due: missing values, passed milestones, stories not written", async () => {
    const due = await planner({ method: "GET", url: "/api/controlling/due" });
    expect(due.statusCode).toBe(200);
    const items = due.json<{ items: { kind: string; measure: string | null; what: string }[] }>()
      .items;
    expect(items).toContainEqual(
      expect.objectContaining({
        kind: "milestone",
        measure: "M01",
        what: "Meilenstein „Evaluation“ überfällig",
      }),
    );
    // 2024-Q2 ended more than a month ago and has no value; 2024-Q3 and -Q4 have theirs.
    expect(items).toContainEqual(
      expect.objectContaining({
        kind: "performance_value",
        measure: "M01",
        what: "Beratene Familien: Wert für 2024-Q2 fehlt",
      }),
    );
    expect(items.some((i) => i.what.includes("2024-Q4"))).toBe(false);
    expect(items.some((i) => i.kind === "story")).toBe(true);
    const story = await post(
      planner,
      `/api/controlling/goals/H1/indicators/${(await programme(planner)).goals.find((g) => g.code === "H1")!.indicators.find((i) => i.area === "B" && i.validTo === null)!.id}/stories`,
      {
        period: "2024",
        story: "Der Rückgang verlangsamt sich seit 2021; die Lotsen arbeiten erst seit 2023.",
      },
    );
    expect(story.statusCode, story.body).toBe(204);
    const after = (await planner({ method: "GET", url: "/api/controlling/due" })).json<{
      items: { kind: string; what: string }[];
    }>().items;
    expect(after.filter((i) => i.kind === "story").length).toBeLessThan(
      items.filter((i) => i.kind === "story").length,
    );
    const mine = (await contributor({ method: "GET", url: "/api/controlling/due" })).json<{
      items: { measure: string | null }[];
    }>().items;
    expect(mine.every((i) => i.measure === null || i.measure === "M01")).toBe(true);
  });
});
