/**
 * Editions of a social index over HTTP, on the demo (runs for 2020 and 2021): class changes
 * compare the current run of a period with the current run of the period before (the
 * previous edition), never with "the run before". Recomputing 2021 makes a new run of 2021
 * and keeps its 9 class changes against 2020 on the dashboard, in the comparison the
 * Analysen page shows and in the Sozialbericht's draft (index page and key finding), each
 * naming the two editions and their runs. Runs on PGlite and (test:pg) on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../src/cli/demo.ts";
import { buildApp } from "../../src/server/app.ts";
import { createServiceContext, type ServiceContext } from "../../src/services/context.ts";
import { injectAs, signIn } from "../support/sign-in.ts";
import { openTestDatabase, type TestDatabase } from "../support/test-db.ts";

let t: TestDatabase;
let ctx: ServiceContext;
let app: Awaited<ReturnType<typeof buildApp>>;
let planner: ReturnType<typeof injectAs>;
/**
 * The clock moves 90 minutes with every run (less than a session's idle time), from 21:00 in
 * Flensburg: the runs fall on two days, and their dates are Flensburg's.
 */
let step = 0;

beforeAll(async () => {
  t = await openTestDatabase();
  ctx = createServiceContext(t.db, {
    now: () => new Date(Date.UTC(2026, 11, 1, 20, 0, 0) + step * 90 * 60_000),
  });
  await seedDemo(ctx);
  app = await buildApp({ ctx, version: "test" });
  planner = injectAs(app, await signIn(ctx, "planner"));
}, 120_000);
afterAll(async () => {
  await app.close();
  await t.close();
});

interface Summary {
  id: number;
  version: number;
  level: string;
  period: string;
  createdAt: string;
}
interface Comparison {
  basis: string;
  previous: Summary;
  current: Summary;
  changes: { area: string; name: string; dimension: string; from: string; to: string }[];
}
interface Alert {
  kind: string;
  indicator: string;
  message: string;
}
interface Doc {
  chapters: { sections: { nodes: unknown[] }[] }[];
}

const runs = async () =>
  (await planner({ method: "GET", url: "/api/analyses/indices/sozialindex/runs" })).json<{
    runs: Summary[];
  }>().runs;
const classChanges = async () =>
  (await planner({ method: "GET", url: "/api/analyses/alerts" }))
    .json<{ alerts: Alert[] }>()
    .alerts.filter((a) => a.kind === "class_change");
const comparisonOf = async (id: number, withId?: number) => {
  const res = await planner({
    method: "GET",
    url: `/api/analyses/runs/${id}/comparison${withId === undefined ? "" : `?with=${withId}`}`,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ comparison: Comparison | null }>().comparison;
};
const compute = async (period: string, version?: number) => {
  step++;
  const res = await planner({
    method: "POST",
    url: "/api/analyses/indices/sozialindex/runs",
    payload: { level: "district", period, ...(version === undefined ? {} : { version }) },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Summary>();
};
const draft = async () => {
  const res = await planner({ method: "GET", url: "/api/reports/sozialbericht-2021/draft" });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ document: Doc; findings: { id: string; text: string }[] }>();
};
/** "Lauf 5 vom 01.12.2026" for a run. */
const named = (r: Summary) =>
  `Lauf ${r.id} vom ${new Date(r.createdAt).toLocaleDateString("de-DE", { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "Europe/Berlin" })}`;

describe("recomputing 2021 keeps its 9 class changes", () => {
  let run2020: Summary;
  let run2021: Summary;
  let before: Alert[];

  it("starts from the demo: 9 class changes 2021 against 2020 on the dashboard", async () => {
    [run2021, run2020] = (await runs()) as [Summary, Summary];
    expect([run2021.period, run2020.period]).toEqual(["2021", "2020"]);
    before = await classChanges();
    expect(before).toHaveLength(9);
    const c = await comparisonOf(run2021.id);
    expect(c).toMatchObject({
      basis: "previous_edition",
      previous: { id: run2020.id },
      current: { id: run2021.id },
    });
    expect(c!.changes).toHaveLength(9);
  });

  it("keeps them after 2021 is computed again, naming the two editions", async () => {
    const again = await compute("2021");
    expect(again.id).toBeGreaterThan(run2021.id);

    // The dashboard: the same 9 changes, now naming the new run of 2021.
    const after = await classChanges();
    expect(after).toHaveLength(9);
    const say = `(2021 gegenüber 2020; ${named(again)} und ${named(run2020)}).`;
    for (const a of after) expect(a.message.endsWith(say), a.message).toBe(true);
    expect(after.map((a) => a.message.replace(` ${say}`, ""))).toEqual(
      before.map((a) => a.message.replace(/ \(2021 gegenüber 2020; .*\)\.$/, "")),
    );

    // The Analysen page's comparison of the new run: the current run of 2020, not the
    // earlier run of 2021.
    const c = await comparisonOf(again.id);
    expect(c).toMatchObject({
      basis: "previous_edition",
      previous: { id: run2020.id, period: "2020" },
      current: { id: again.id, period: "2021" },
    });
    expect(c!.changes).toHaveLength(9);
    // An explicit comparison with the earlier run of 2021 is still possible: nothing moved.
    const chosen = await comparisonOf(again.id, run2021.id);
    expect(chosen).toMatchObject({ basis: "chosen", previous: { id: run2021.id } });
    expect(chosen!.changes).toEqual([]);

    // The Sozialbericht 2021: the index page and the key finding.
    const { document, findings } = await draft();
    const text = JSON.stringify(document);
    expect(text).toContain(
      `9 Klassenwechsel 2021 gegenüber 2020 (${named(again)} und ${named(run2020)}):`,
    );
    expect(text).not.toContain("Kein Gebiet hat");
    const finding = findings.find((f) => f.id === "class_change");
    expect(finding?.text).toMatch(
      /^Sozialindex Flensburg \(Beispiel\), 2021 gegenüber 2020: 9 Gebiete haben die Klasse gewechselt: Altstadt \(Dynamik stabil → positiv\), /,
    );
    expect(finding?.text).toContain(`${named(again)} und ${named(run2020)}`);
  });

  it("compares 2021 with the current run of 2020 once 2020 is computed again", async () => {
    const again2020 = await compute("2020");
    const after = await classChanges();
    expect(after).toHaveLength(9);
    expect(after[0]!.message).toContain(`und ${named(again2020)}).`);
    // The newest run is of 2020 now; the dashboard still shows the edition 2021.
    expect(after[0]!.message).toContain("(2021 gegenüber 2020; ");
    // 2020 has no run before it to compare with.
    expect(await comparisonOf(again2020.id)).toBeNull();
  });

  it("compares across definition versions, and says so", async () => {
    const detail = await planner({ method: "GET", url: "/api/analyses/indices/sozialindex" });
    const { definition, populationIndicator } = detail.json<{
      index: { definition: Record<string, unknown>; populationIndicator: string };
    }>().index;
    const saved = await planner({
      method: "PUT",
      url: "/api/analyses/indices/sozialindex",
      payload: {
        definition: { ...definition, name: "Sozialindex Flensburg (Beispiel), neu benannt" },
        populationIndicator,
      },
    });
    expect(saved.statusCode, saved.body).toBe(201);
    const v2 = await compute("2021");
    expect(v2.version).toBe(2);
    const c = await comparisonOf(v2.id);
    expect(c).toMatchObject({ previous: { period: "2020", version: 1 }, current: { version: 2 } });
    const after = await classChanges();
    expect(after).toHaveLength(9);
    expect(after[0]!.message).toMatch(
      new RegExp(
        `\\(2021 gegenüber 2020; Lauf ${v2.id} \\(Version 2\\) vom .+ und Lauf \\d+ \\(Version 1\\) vom .+\\)\\.$`,
      ),
    );
  });
});
