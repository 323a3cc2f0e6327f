/**
 * No output shows a flagged or withheld value without its mark. A town of 3 districts with
 * 3 statistical districts each gets values flagged at random — held for review, corrected by
 * hand (revised), marked "( )" or "/" — in several rounds (fast-check chooses the cells). After
 * each round every output a reader receives is collected over HTTP: the values and series of
 * every indicator, level and period (the council's view and the public's), the public CSV,
 * JSON-stat and GeoJSON. The check is independent of the product's flag propagation: an
 * output cell whose own stored inputs (numerator and denominator variables of that area and
 * period) carry a flag must show a mark, and a cell without a number must show a sign.
 */
import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app.ts";
import { applyCatalogue, parseCatalogue } from "../../src/services/data/apply-catalogue.ts";
import { SYSTEM_ACTOR } from "../../src/services/audit.ts";
import { createServiceContext, type ServiceContext } from "../../src/services/context.ts";
import { runImport } from "../../src/services/data/run-import.ts";
import { resolveWorkspace } from "../../src/services/workspaces.ts";
import { injectAs, signIn, type AuthHeaders } from "../support/sign-in.ts";
import { longMapping } from "../support/test-city.ts";
import { openTestDatabase, type TestDatabase } from "../support/test-db.ts";

const YEARS = ["2021", "2022", "2023"];
const VARIABLES = ["population", "recipients", "children"];
const INDICATORS = {
  rate: { numerator: ["recipients"], denominator: ["population"] },
  child_share: { numerator: ["children"], denominator: ["population"] },
  recipients_count: { numerator: ["recipients"], denominator: null },
} as const;
const districts = [0, 1, 2].map((d) => ({
  code: `D${d}`,
  children: [0, 1, 2].map((s) => `D${d}S${s}`),
}));
const LEAVES = districts.flatMap((d) => d.children);
const ALL_AREAS = ["T", ...districts.map((d) => d.code), ...LEAVES];

let t: TestDatabase;
let ctx: ServiceContext;
let app: FastifyInstance;
let planner: AuthHeaders;
let viewer: AuthHeaders;
const WS = "workspace=marktown";

beforeAll(async () => {
  t = await openTestDatabase();
  ctx = createServiceContext(t.db);
  const indicator = (code: keyof typeof INDICATORS) => ({
    code,
    name: code,
    theme: "Soziale Lage",
    numerator: INDICATORS[code].numerator,
    denominator: INDICATORS[code].denominator,
    factor: INDICATORS[code].denominator ? 100 : 1,
    unit: INDICATORS[code].denominator ? "%" : "Personen",
    decimals: 1,
    polarity: "lower_is_better",
    definition: `${code} als Beispiel.`,
    publication: "public",
  });
  await applyCatalogue(
    ctx,
    parseCatalogue({
      workspace: { slug: "marktown", name: "Markstadt", minCount: 3 },
      areaSystems: [
        {
          code: "test",
          name: "Testgliederung",
          levels: [
            { code: "city", name: "Stadt" },
            { code: "district", name: "Stadtteil" },
            { code: "statistical_district", name: "Statistischer Bezirk" },
          ],
          areas: [
            { code: "T", name: "Markstadt", level: "city" },
            ...districts.flatMap((d) => [
              { code: d.code, name: `Teil ${d.code}`, level: "district", parent: "T" },
              ...d.children.map((c) => ({
                code: c,
                name: `Bezirk ${c}`,
                level: "statistical_district",
                parent: d.code,
              })),
            ]),
          ],
        },
      ],
      variables: VARIABLES.map((code) => ({
        code,
        name: code,
        unit: "Personen",
        measure: "stock",
        aggregation: "sum",
        publication: "public",
      })),
      indicators: (Object.keys(INDICATORS) as (keyof typeof INDICATORS)[]).map(indicator),
    }),
    SYSTEM_ACTOR,
  );
  // Every area has its own figures (the city and districts as the sums), small counts too.
  let seed = 11;
  const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const rows = ["gebiet;merkmal;jahr;wert"];
  for (const year of YEARS) {
    const sums = new Map<string, number>();
    const add = (area: string, v: string, x: number) =>
      sums.set(`${area}|${v}`, (sums.get(`${area}|${v}`) ?? 0) + x);
    for (const d of districts) {
      for (const s of d.children) {
        const figures = {
          population: 300 + Math.floor(random() * 400),
          recipients: Math.floor(random() * 40),
          children: 20 + Math.floor(random() * 60),
        };
        for (const [v, x] of Object.entries(figures)) {
          rows.push(`${s};${v};${year};${x}`);
          add(d.code, v, x);
          add("T", v, x);
        }
      }
    }
    for (const [key, x] of sums) {
      const [area, v] = key.split("|");
      rows.push(`${area};${v};${year};${x}`);
    }
  }
  const report = await runImport(ctx, {
    actor: SYSTEM_ACTOR,
    workspace: await resolveWorkspace(ctx, "marktown"),
    fileName: "markstadt.csv",
    bytes: Buffer.from(rows.join("\n") + "\n"),
    mapping: longMapping(),
    dryRun: false,
  });
  expect(report.status).toBe("committed");
  app = await buildApp({ ctx, version: "test" });
  planner = await signIn(ctx, "planner", "marktown");
  viewer = await signIn(ctx, "viewer", "marktown");
}, 300_000);
afterAll(async () => {
  await app.close();
  await t.close();
});

type Action = "revise" | "limited" | "unreliable";
interface Flagged {
  variable: string;
  area: string;
  period: string;
  action: Action;
}

async function apply(f: Flagged): Promise<void> {
  const send = injectAs(app, planner);
  const key = { variable: f.variable, area: f.area, period: f.period };
  if (f.action === "revise") {
    const history = (
      await app.inject({
        url: `/api/values/history?${WS}&variable=${f.variable}&area=${f.area}&period=${f.period}`,
        headers: { cookie: planner.cookie },
      })
    ).json<{ revisions: { value: number; supersededAt: string | null }[] }>();
    const current = history.revisions.find((r) => r.supersededAt === null)!;
    const res = await send({
      method: "POST",
      url: `/api/values/corrections?${WS}`,
      payload: { ...key, value: current.value + 1, reason: "Prüfung der Eigenschaft" },
    });
    expect(res.statusCode, res.body).toBe(200);
  } else {
    const res = await send({
      method: "POST",
      url: `/api/values/reliability?${WS}`,
      payload: { ...key, reliability: f.action, reason: "Prüfung der Eigenschaft" },
    });
    expect(res.statusCode, res.body).toBe(200);
  }
}

interface Mark {
  sign: string | null;
  limited: boolean;
  letters: string[];
}
const marked = (m: Mark) => m.sign !== null || m.limited || m.letters.length > 0;

/** Every (indicator, area, period) whose own stored inputs carry a flag. */
function touched(flags: readonly Flagged[]): Set<string> {
  const out = new Set<string>();
  for (const f of flags) {
    for (const [code, def] of Object.entries(INDICATORS)) {
      const inputs: readonly string[] = [...def.numerator, ...(def.denominator ?? [])];
      if (inputs.includes(f.variable)) out.add(`${code}|${f.area}|${f.period}`);
    }
  }
  return out;
}

async function collectAndCheck(flags: readonly Flagged[]): Promise<number> {
  const expectMarked = touched(flags);
  let checked = 0;
  const readers: (AuthHeaders | null)[] = [viewer, null];
  for (const reader of readers) {
    for (const code of Object.keys(INDICATORS)) {
      for (const level of ["city", "district", "statistical_district"]) {
        for (const period of YEARS) {
          const url =
            reader === null
              ? `/open/marktown/indicators/${code}/values?level=${level}&period=${period}`
              : `/api/indicators/${code}/values?${WS}&level=${level}&period=${period}`;
          const res = await app.inject({
            url,
            headers: reader ? { cookie: reader.cookie } : {},
          });
          expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
          const set = res.json<{
            values: {
              area: string;
              value: number | null;
              mark: Mark;
              change: number | null;
              changeMark: Mark | null;
            }[];
          }>();
          for (const v of set.values) {
            checked++;
            const where = `${url} ${v.area}`;
            if (v.value === null) expect(v.mark.sign, where).not.toBeNull();
            if (expectMarked.has(`${code}|${v.area}|${period}`))
              expect(marked(v.mark), `${where}: ${JSON.stringify(v.mark)}`).toBe(true);
            const prev = YEARS[YEARS.indexOf(period) - 1];
            if (v.change !== null && prev && expectMarked.has(`${code}|${v.area}|${prev}`))
              expect(v.changeMark && marked(v.changeMark), `${where} change`).toBe(true);
          }
        }
      }
      // The series of every area: each point carries its marks.
      if (reader !== null) {
        for (const area of ALL_AREAS) {
          const s = (
            await app.inject({
              url: `/api/indicators/${code}/series?${WS}&area=${area}`,
              headers: { cookie: reader.cookie },
            })
          ).json<{ points: { period: string; value: number | null; mark: Mark }[] }>();
          for (const p of s.points) {
            checked++;
            if (p.value === null) expect(p.mark.sign).not.toBeNull();
            if (expectMarked.has(`${code}|${area}|${p.period}`)) expect(marked(p.mark)).toBe(true);
          }
        }
      }
    }
  }
  // Open data files, every level.
  for (const level of ["city", "district", "statistical_district"]) {
    const csv = (await app.inject({ url: `/open/marktown/levels/${level}/indicators.csv` })).body
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n")
      .slice(1)
      .map((l) => l.split(";"));
    for (const [code, , , area, , period, value, sign] of csv) {
      checked++;
      if (value === "") expect(sign, `${level} ${code} ${area} ${period}`).not.toBe("");
      if (expectMarked.has(`${code}|${area}|${period}`))
        expect(sign, `CSV ${code} ${area} ${period}`).not.toBe("");
    }
    const stat = (
      await app.inject({ url: `/open/marktown/levels/${level}/indicators.jsonstat.json` })
    ).json<{
      value: (number | null)[];
      status: Record<string, string>;
      dimension: Record<string, { category: { index: string[] } }>;
    }>();
    const idx = (k: string) => stat.dimension[k]!.category.index;
    idx("indicator").forEach((code, i) =>
      idx("area").forEach((area, a) =>
        idx("period").forEach((period, p) => {
          const pos = (i * idx("area").length + a) * idx("period").length + p;
          checked++;
          if (stat.value[pos] === null) expect(stat.status[String(pos)]).toBeDefined();
          if (expectMarked.has(`${code}|${area}|${period}`))
            expect(stat.status[String(pos)], `JSON-stat ${code} ${area} ${period}`).toBeDefined();
        }),
      ),
    );
    for (const period of YEARS) {
      const geo = (
        await app.inject({
          url: `/open/marktown/levels/${level}/indicators.geojson?period=${period}`,
        })
      ).json<{ features: { properties: Record<string, unknown> }[] }>();
      for (const f of geo.features) {
        const area = String(f.properties["code"]);
        for (const code of Object.keys(INDICATORS)) {
          checked++;
          const sign = f.properties[`${code}_zeichen`];
          if (f.properties[code] === null) expect(sign).toBeDefined();
          if (expectMarked.has(`${code}|${area}|${period}`))
            expect(sign, `GeoJSON ${code} ${area} ${period}`).toBeDefined();
        }
      }
    }
  }
  return checked;
}

describe("value marks everywhere", () => {
  it("no output shows a flagged or withheld value without its mark", async () => {
    const flagged: Flagged[] = [];
    const cell = fc.record({
      variable: fc.constantFrom(...VARIABLES),
      area: fc.constantFrom(...ALL_AREAS),
      period: fc.constantFrom(...YEARS),
      action: fc.constantFrom<Action>("revise", "limited", "unreliable"),
    });
    const rounds = fc.sample(fc.array(cell, { minLength: 2, maxLength: 4 }), {
      numRuns: 3,
      seed: 1207,
    });
    // Before any flag: withheld cells carry their sign.
    expect(await collectAndCheck([])).toBeGreaterThan(500);
    for (const round of rounds) {
      for (const f of round) {
        // A cell marked once keeps its first reliability mark; a second one on it is skipped.
        if (
          f.action !== "revise" &&
          flagged.some(
            (g) =>
              g.variable === f.variable &&
              g.area === f.area &&
              g.period === f.period &&
              g.action !== "revise",
          )
        )
          continue;
        await apply(f);
        flagged.push(f);
      }
      await collectAndCheck(flagged);
    }
    expect(flagged.length).toBeGreaterThan(4);
  }, 600_000);
});
