/**
 * Doubtful values over HTTP, as the planners and the council meet them: the demo's source
 * has 625 persons aged 80+ in 2020 (2019: 5,922; 2021: 6,478). The import holds the value for
 * review; until a planner decides, the value, the change built on it and the city's share carry
 * the mark "p" (for the council) and the public reads it as provisional; the planner corrects it
 * in the browser's API (a new revision with a reason), the figures change at once and carry "r",
 * the correction is audited and can be undone.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { DEMO_DIR, seedDemo } from "../../src/cli/demo.ts";
import { applyCatalogue, parseCatalogue } from "../../src/services/data/apply-catalogue.ts";
import { SYSTEM_ACTOR } from "../../src/services/audit.ts";
import { buildApp } from "../../src/server/app.ts";
import { createServiceContext, type ServiceContext } from "../../src/services/context.ts";
import { injectAs, signIn, type AuthHeaders } from "../support/sign-in.ts";
import { openTestDatabase, type TestDatabase } from "../support/test-db.ts";

let t: TestDatabase;
let ctx: ServiceContext;
let app: FastifyInstance;
let planner: AuthHeaders;
let viewer: AuthHeaders;
const WS = "workspace=flensburg";
const CITY = "STGM01001000";

interface Mark {
  sign: string | null;
  limited: boolean;
  letters: string[];
  review: boolean;
}
interface ValueSet {
  period: string;
  values: {
    area: string;
    value: number | null;
    change: number | null;
    mark: Mark;
    changeMark: Mark | null;
  }[];
  reference: { value: number | null; mark: Mark } | null;
}

beforeAll(async () => {
  t = await openTestDatabase();
  ctx = createServiceContext(t.db);
  await seedDemo(ctx);
  app = await buildApp({ ctx, version: "test" });
  planner = await signIn(ctx, "planner", "flensburg");
  viewer = await signIn(ctx, "viewer", "flensburg");
}, 300_000);
afterAll(async () => {
  await app.close();
  await t.close();
});

const get = async <T>(auth: AuthHeaders | null, url: string): Promise<T> => {
  const res = await app.inject({ url, headers: auth ? { cookie: auth.cookie } : {} });
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  return res.json<T>();
};
async function publicCsv(): Promise<string[][]> {
  const res = await app.inject({ url: "/open/flensburg/levels/city/indicators.csv" });
  expect(res.statusCode).toBe(200);
  return res.body
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n")
    .map((l) => l.split(";"));
}
/** Value and marks of the city's row of an indicator and period in the public CSV. */
function csvRow(rows: string[][], indicator: string, period: string): string[] {
  const row = rows.find((r) => r[0] === indicator && r[3] === CITY && r[5] === period);
  return row!.slice(6);
}
function statPosition(
  stat: { dimension: Record<string, { category: { index: string[] } }> },
  indicator: string,
  area: string,
  period: string,
): number {
  const at = (k: string, code: string) => stat.dimension[k]!.category.index.indexOf(code);
  const n = (k: string) => stat.dimension[k]!.category.index.length;
  return (
    (at("indicator", indicator) * n("area") + at("area", area)) * n("period") + at("period", period)
  );
}

const cityValues = (auth: AuthHeaders, period: string) =>
  get<ValueSet>(auth, `/api/indicators/share_80_plus/values?${WS}&level=city&period=${period}`);

describe("a value held for review", () => {
  it("is on the planners' review list with what the check found", async () => {
    const list = await get<Record<string, unknown>[]>(planner, `/api/reviews?${WS}`);
    const typo = list.find(
      (r) => r["variable"] === "pop_80_plus" && r["area"] === CITY && r["period"] === "2020",
    );
    expect(typo).toMatchObject({
      value: 625,
      check: "implausible_jump",
      state: "open",
      current: true,
    });
    expect(String(typo!["message"])).toContain("bitte prüfen");
    // The council's readers do not get the list.
    const refused = await app.inject({
      url: `/api/reviews?${WS}`,
      headers: { cookie: viewer.cookie },
    });
    expect(refused.statusCode).toBe(403);
  });

  it("marks the value, the change built on it and the city's figure for every reader", async () => {
    const set2020 = await cityValues(viewer, "2020");
    const city = set2020.values.find((v) => v.area === CITY)!;
    expect(city.value).toBeCloseTo(0.6, 1);
    expect(city.mark.letters).toContain("p");
    expect(city.mark.review).toBe(true);
    const set2021 = await cityValues(viewer, "2021");
    const c21 = set2021.values.find((v) => v.area === CITY)!;
    // 2021 itself is firm, its change against the held 2020 value is not.
    expect(c21.mark.letters).not.toContain("p");
    expect(c21.changeMark?.letters).toContain("p");
    expect(c21.changeMark?.review).toBe(true);
    // The public reads it as provisional (the workspace's default).
    const pub = await get<ValueSet>(
      null,
      `/open/flensburg/indicators/share_80_plus/values?level=city&period=2020`,
    );
    expect(pub.values.find((v) => v.area === CITY)?.mark.letters).toContain("p");
    // The public CSV and JSON-stat carry the mark beside the number.
    expect(csvRow(await publicCsv(), "share_80_plus", "2020")).toEqual(["0,6", "p"]);
    const stat = (
      await app.inject({ url: "/open/flensburg/levels/city/indicators.jsonstat.json" })
    ).json<{
      value: (number | null)[];
      status: Record<string, string>;
      dimension: Record<string, { category: { index: string[] } }>;
    }>();
    const pos = statPosition(stat, "share_80_plus", CITY, "2020");
    expect(stat.value[pos]).toBe(0.6);
    expect(stat.status[String(pos)]).toBe("p");
    expect(JSON.stringify(stat)).toContain("p = vorläufige Zahl");
  });

  it("refuses a correction without a reason, in German, naming the field, and changes nothing", async () => {
    const res = await injectAs(
      app,
      planner,
    )({
      method: "POST",
      url: `/api/values/corrections?${WS}`,
      payload: { variable: "pop_80_plus", area: CITY, period: "2020", value: 6250, reason: "" },
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/Begründung|reason/);
    const history = await get<{ revisions: unknown[] }>(
      planner,
      `/api/values/history?${WS}&variable=pop_80_plus&area=${CITY}&period=2020`,
    );
    expect(history.revisions).toHaveLength(1);
  });

  it("corrects the value with a reason: figures change at once, marked r, audited; undo brings the held value back", async () => {
    const before = (await cityValues(viewer, "2020")).values.find((v) => v.area === CITY)!;
    const res = await injectAs(
      app,
      planner,
    )({
      method: "POST",
      url: `/api/values/corrections?${WS}`,
      payload: {
        variable: "pop_80_plus",
        area: CITY,
        period: "2020",
        value: 6250,
        reason: "Tippfehler der Quelle, Rückfrage Statistikstelle",
        revision: 1,
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const history = res.json<{
      revisions: {
        revision: number;
        value: number;
        changedBy: string | null;
        reason: string | null;
        reviews: { state: string }[];
      }[];
    }>();
    expect(history.revisions.map((r) => r.value)).toEqual([625, 6250]);
    expect(history.revisions[1]!.changedBy).toMatch(/planner/);
    expect(history.revisions[0]!.reviews[0]!.state).toBe("corrected");

    const after = (await cityValues(viewer, "2020")).values.find((v) => v.area === CITY)!;
    expect(after.value).not.toBe(before.value);
    expect(after.value!).toBeGreaterThan(6);
    expect(after.mark.letters).toEqual(["r"]);
    expect(after.mark.review).toBe(false);
    expect(csvRow(await publicCsv(), "share_80_plus", "2020")).toEqual([
      after.value!.toFixed(1).replace(".", ","),
      "r",
    ]);
    const open = await get<{ variable: string; period: string }[]>(planner, `/api/reviews?${WS}`);
    expect(open.some((r) => r.variable === "pop_80_plus" && r.period === "2020")).toBe(false);

    const log = await get<{
      items: { action: string; entity: string; entityKey: string; after: { reason?: string } }[];
    }>(planner, `/api/audit?${WS}&entity=observation`);
    const entry = log.items.find((e) => e.entityKey === `pop_80_plus/${CITY}/2020`);
    expect(entry?.after.reason).toBe("Tippfehler der Quelle, Rückfrage Statistikstelle");

    const undo = await injectAs(
      app,
      planner,
    )({
      method: "POST",
      url: `/api/values/corrections/undo?${WS}`,
      payload: { variable: "pop_80_plus", area: CITY, period: "2020", reason: "versehentlich" },
    });
    expect(undo.statusCode, undo.body).toBe(200);
    expect(undo.json<{ revisions: { value: number }[] }>().revisions.map((r) => r.value)).toEqual([
      625, 6250, 625,
    ]);
    const again = (await cityValues(viewer, "2020")).values.find((v) => v.area === CITY)!;
    expect(again.mark.review).toBe(true);
    const held = await get<{ variable: string; period: string }[]>(planner, `/api/reviews?${WS}`);
    expect(held.some((r) => r.variable === "pop_80_plus" && r.period === "2020")).toBe(true);
  });

  it("holds such values back from the public where the workspace says so", async () => {
    const catalogue = JSON.parse(await readFile(join(DEMO_DIR, "catalogue.json"), "utf8")) as {
      workspace: Record<string, unknown>;
    };
    const apply = (mode: string) =>
      applyCatalogue(
        ctx,
        parseCatalogue({
          ...catalogue,
          workspace: { ...catalogue.workspace, reviewInPublic: mode },
        }),
        SYSTEM_ACTOR,
      );
    await apply("hold");
    expect(csvRow(await publicCsv(), "share_80_plus", "2020")).toEqual(["", "…"]);
    const pub = await get<ValueSet>(
      null,
      `/open/flensburg/indicators/share_80_plus/values?level=city&period=2020`,
    );
    const city = pub.values.find((v) => v.area === CITY)!;
    expect(city.value).toBeNull();
    expect(city.mark.sign).toBe("…");
    // The council still reads the number, marked.
    const inside = (await cityValues(viewer, "2020")).values.find((v) => v.area === CITY)!;
    expect(inside.value).toBeCloseTo(0.6, 1);
    await apply("provisional");
    // Back as provisional; revised too, since the undone correction made a new revision.
    expect(csvRow(await publicCsv(), "share_80_plus", "2020")).toEqual(["0,6", "p r"]);
  });

  it("confirms or marks a held value; a decided review is not decided twice", async () => {
    const list = await get<{ id: number; variable: string; period: string; area: string }[]>(
      planner,
      `/api/reviews?${WS}`,
    );
    const typo = list.find((r) => r.variable === "pop_80_plus" && r.period === "2020")!;
    const mark = await injectAs(
      app,
      planner,
    )({
      method: "POST",
      url: `/api/reviews/${typo.id}/decision?${WS}`,
      payload: { action: "mark", reliability: "unreliable", reason: "Quelle nicht erreichbar" },
    });
    expect(mark.statusCode, mark.body).toBe(200);
    const v = (await cityValues(viewer, "2020")).values.find((x) => x.area === CITY)!;
    expect(v.value).toBeNull();
    expect(v.mark.sign).toBe("/");
    const twice = await injectAs(
      app,
      planner,
    )({
      method: "POST",
      url: `/api/reviews/${typo.id}/decision?${WS}`,
      payload: { action: "confirm", reason: "doch richtig" },
    });
    expect(twice.statusCode).toBe(409);
  });
});
