/**
 * The accommodation statistic as a council member, a specialist department and an
 * administrator receive it, over real HTTP, attacked by the independent solver
 * (test/support/disclosure-attack.ts): every month's statistic, the series in several windows,
 * the forecast and a published monthly report, all at once. No withheld count may follow from
 * the rest; no count below the minimum may be shown; the same cell carries the same mark
 * everywhere. On the demo's 36 months and on a generated city with many small facilities.
 */
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../src/cli/demo.ts";
import { addMonths, parseMonth } from "../../src/core/accommodation/days.ts";
import { FACILITY_TYPE_LABELS } from "../../src/core/accommodation/model.ts";
import { syntheticAccommodation } from "../../src/core/accommodation/synthetic.ts";
import { buildApp } from "../../src/server/app.ts";
import { addFacilities } from "../../src/services/accommodation/facilities.ts";
import { addRecords } from "../../src/services/accommodation/stay-import.ts";
import { applyCatalogue } from "../../src/services/data/apply-catalogue.ts";
import { SYSTEM_ACTOR } from "../../src/services/audit.ts";
import { createServiceContext, type ServiceContext } from "../../src/services/context.ts";
import { resolveWorkspace } from "../../src/services/workspaces.ts";
import { createReport } from "../../src/services/reports/reports.ts";
import { publishReport } from "../../src/services/reports/versions.ts";
import {
  AccommodationReader,
  isCountKey,
  truthOf,
  type StatisticJson,
} from "../support/accommodation-attack.ts";
import { ReaderKnowledge } from "../support/disclosure-attack.ts";
import { signIn, type AuthHeaders } from "../support/sign-in.ts";
import { openTestDatabase, type TestDatabase } from "../support/test-db.ts";
import { canRun } from "../support/tools.ts";

let t: TestDatabase;
let ctx: ServiceContext;
let app: Awaited<ReturnType<typeof buildApp>>;
let base: string;
const NOW = new Date("2026-11-24T10:00:00Z");
const CURRENT = "2026-11";

beforeAll(async () => {
  t = await openTestDatabase();
  ctx = createServiceContext(t.db, { now: () => NOW });
  await seedDemo(ctx);
  // A town with many small facilities and few persons: four copies of every facility.
  await applyCatalogue(
    ctx,
    {
      workspace: { slug: "klein", name: "Kleinstadt" },
      areaSystems: [],
      variables: [],
      indicators: [],
    },
    SYSTEM_ACTOR,
  );
  const ws = await resolveWorkspace(ctx, "klein");
  const data = syntheticAccommodation({
    seed: 31,
    start: "2022-11-01",
    months: 48,
    householdsPerMonth: 3,
    scale: 4,
  });
  await addFacilities(
    ctx,
    ws,
    data.facilities.map((f) => ({
      ...f,
      address: null,
      areaCode: null,
      wheelchairAccess: false,
      familyRooms: false,
      example: true,
    })),
    SYSTEM_ACTOR,
  );
  await addRecords(ctx, ws, data, SYSTEM_ACTOR);
  app = await buildApp({ ctx, version: "test" });
  await app.listen({ port: 0, host: "127.0.0.1" });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}, 300_000);
afterAll(async () => {
  await app.close();
  await t.close();
});

type Get = <T>(path: string) => Promise<{ status: number; body: T }>;
function client(auth: AuthHeaders): Get {
  return async <T>(path: string) => {
    const res = await fetch(`${base}${path}`, { headers: { cookie: auth.cookie } });
    return { status: res.status, body: (await res.json()) as T };
  };
}

function monthsFrom(first: string, last: string): string[] {
  const out: string[] = [];
  for (let m = parseMonth(first)!; m.code <= last; m = addMonths(m, 1)) out.push(m.code);
  return out;
}

interface SeriesBody {
  disclosureControl: boolean;
  months: {
    month: string;
    referenceDate: string;
    total: StatisticJson["total"];
    byFacility: { code: string; figures: StatisticJson["total"] }[];
  }[];
}

/** Everything one reader gets of a workspace's accommodation figures, as plain answers. */
async function gather(get: Get, ws: string, first: string) {
  const q = `workspace=${ws}`;
  const before = addMonths(parseMonth(first)!, -1).code;
  const months = monthsFrom(before, CURRENT);
  const statistics: StatisticJson[] = [];
  for (const m of months) {
    const r = await get<StatisticJson>(`/api/accommodation/statistic?${q}&month=${m}`);
    expect(r.status, m).toBe(200);
    statistics.push(r.body);
  }
  // The series in windows of every length and start a reader might choose.
  const series: SeriesBody[] = [];
  const windows: [string, string][] = [
    [before, CURRENT],
    [addMonths(parseMonth(CURRENT)!, -23).code, CURRENT],
    [first, addMonths(parseMonth(first)!, 5).code],
  ];
  for (const [from, to] of windows) {
    const r = await get<SeriesBody>(`/api/accommodation/series?${q}&from=${from}&to=${to}`);
    expect(r.status, `${from}–${to}`).toBe(200);
    series.push(r.body);
  }
  const forecast = await get<unknown>(`/api/accommodation/forecast?${q}`);
  expect([200, 422]).toContain(forecast.status);
  return { statistics, series, forecast };
}

const MONTH_NAMES = [
  "Januar",
  "Februar",
  "März",
  "April",
  "Mai",
  "Juni",
  "Juli",
  "August",
  "September",
  "Oktober",
  "November",
  "Dezember",
];
/** "Oktober 2026" → "2026-10". */
function monthOfText(text: string): string | null {
  const m = /([A-Za-zä]+) (\d{4})/.exec(text);
  if (!m) return null;
  const i = MONTH_NAMES.indexOf(m[1]!);
  return i < 0 ? null : `${m[2]}-${String(i + 1).padStart(2, "0")}`;
}

type Cell = { text?: string; number?: number; sign?: string };
interface DocNode {
  kind: string;
  caption?: string;
  columns?: { label: string }[];
  rows?: Cell[][];
  svg?: string;
  inlines?: { text: string }[];
}
function nodesOf(doc: { chapters: { sections: { nodes: DocNode[] }[] }[] }): DocNode[] {
  return doc.chapters.flatMap((c) => c.sections.flatMap((s) => s.nodes));
}

/** The figures of a published monthly report, as cells by month, unit and field. */
function readReport(
  reader: AccommodationReader,
  doc: { chapters: { sections: { nodes: DocNode[] }[] }[] },
) {
  const typeByLabel = new Map(Object.entries(FACILITY_TYPE_LABELS).map(([k, v]) => [v, k]));
  const fieldOf: Record<string, string> = {
    Personen: "persons",
    Haushalte: "households",
    Einzüge: "entries",
    Auszüge: "exits",
  };
  const value = (c: Cell) => (c.number !== undefined ? c.number : c.sign === "." ? null : null);
  let seen = 0;
  for (const n of nodesOf(doc)) {
    if (n.kind === "table" && n.caption && n.rows && n.columns) {
      const tableMonth = monthOfText(n.caption);
      if (tableMonth === null) continue;
      const byType = n.caption.startsWith("Belegung nach Art der Unterkunft");
      const byMonth = n.caption.startsWith("Belegung der städtischen Unterkünfte");
      if (!byType && !byMonth) continue;
      for (const row of n.rows) {
        const label = row[0]!.text ?? "";
        const month = byMonth ? (monthOfText(label) ?? tableMonth) : tableMonth;
        const unit = byType
          ? label === "Insgesamt"
            ? "total"
            : `type:${typeByLabel.get(label)}`
          : "total";
        n.columns.forEach((col, i) => {
          const field = fieldOf[col.label];
          if (field === undefined) return;
          reader.figure(month, unit, field, value(row[i]!));
          seen++;
        });
      }
    }
    if (n.kind === "figure" && n.svg) {
      for (const m of n.svg.matchAll(/Personen am Stichtag, ([^:<]+): ([\d.]+) Personen/g)) {
        const month = monthOfText(m[1]!);
        if (month) reader.figure(month, "total", "persons", Number(m[2]!.replaceAll(".", "")));
        seen++;
      }
    }
  }
  return seen;
}

async function attackAs(
  readers: Get[],
  staff: Get,
  ws: string,
  first: string,
  report?: { code: string; version: number },
) {
  const truthAnswers = await gather(staff, ws, first);
  const got = [];
  for (const get of readers) got.push(await gather(get, ws, first));
  // The same answers, whichever of these roles asks.
  for (const other of got.slice(1)) {
    expect(other.statistics).toEqual(got[0]!.statistics);
    expect(other.series).toEqual(got[0]!.series);
    expect(other.forecast).toEqual(got[0]!.forecast);
  }
  const mine = got[0]!;
  const reader = new AccommodationReader(new ReaderKnowledge());
  for (const s of mine.statistics) reader.statistic(s);
  for (const s of mine.series) reader.series(s);
  let reportCells = 0;
  if (report) {
    const v = await readers[0]!<{ document: { chapters: { sections: { nodes: DocNode[] }[] }[] } }>(
      `/api/reports/${report.code}/versions/${report.version}?workspace=${ws}&format=json`,
    );
    expect(v.status).toBe(200);
    reportCells = readReport(reader, v.body.document);
    expect(reportCells).toBeGreaterThan(20);
  }
  reader.equations();
  const result = reader.knowledge.attack({
    minCount: 3,
    sensitive: isCountKey,
    truth: truthOf(truthAnswers.statistics),
  });
  // The staff get everything, per facility too; these readers no facility at all.
  expect(truthAnswers.statistics.some((s) => s.byFacility.length > 0)).toBe(true);
  const perFacility = [
    ...mine.statistics.filter((s) => s.byFacility.length > 0),
    ...mine.series.flatMap((s) => s.months.filter((m) => m.byFacility.length > 0)),
  ];
  return { ...result, perFacility: perFacility.length };
}

/** No small count shown, no mark differing between answers, nothing withheld worked out. */
function expectNothingRecovered(result: Awaited<ReturnType<typeof attackAs>>): void {
  expect(result.smallShown).toEqual([]);
  expect(result.conflicting).toEqual([]);
  expect(result.mixed).toEqual([]);
  expect(result.smallGroups).toEqual([]);
  expect(result.determined).toEqual([]);
  expect(result.perFacility).toBe(0);
}

describe("accommodation figures against an attacker", () => {
  it("leave nothing withheld to be worked out from the demo's months, series, forecast and report", async () => {
    const [viewer, contributor, admin, staff, planner] = await Promise.all(
      (["viewer", "contributor", "admin", "occupancy", "planner"] as const).map((r) =>
        signIn(ctx, r, "flensburg"),
      ),
    );
    const ws = await resolveWorkspace(ctx, "flensburg");
    let report: { code: string; version: number } | undefined;
    if (canRun("chromium")) {
      await createReport(
        ctx,
        ws,
        { code: "monat-2026-10", template: "monatsbericht-unterkuenfte", period: "2026-10" },
        SYSTEM_ACTOR,
      );
      const v = await publishReport(ctx, ws, "monat-2026-10", "public", SYSTEM_ACTOR);
      report = { code: "monat-2026-10", version: v.version };
    }
    void planner;
    const result = await attackAs(
      [client(viewer!), client(contributor!), client(admin!)],
      client(staff!),
      "flensburg",
      "2023-11",
      report,
    );
    expect(result.withheld).toBeGreaterThan(100);
    expectNothingRecovered(result);
  });

  it("leave nothing withheld to be worked out in a town of many small facilities", async () => {
    const [viewer, staff] = await Promise.all(
      (["viewer", "occupancy"] as const).map((r) => signIn(ctx, r, "klein")),
    );
    const result = await attackAs([client(viewer!)], client(staff!), "klein", "2022-11");
    expect(result.withheld).toBeGreaterThan(300);
    expectNothingRecovered(result);
  });
});
