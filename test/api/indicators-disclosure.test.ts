/**
 * Every public indicator output (and everything a council member reads of the internal
 * ones), attacked by the independent solver (test/support/disclosure-attack.ts). The reader
 * knows each indicator's formula (its sheet) and the area hierarchy, and collects every value,
 * numerator and denominator of every level and period, the previous-period changes and the
 * CSV downloads. Counts of the same variables are one cell wherever they appear; every parent
 * area's count is the sum of its children's; a shown value with a shown denominator gives the
 * numerator back (within the rounding) and the other way round.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../src/cli/demo.ts";
import { buildApp } from "../../src/server/app.ts";
import { applyCatalogue, parseCatalogue } from "../../src/services/data/apply-catalogue.ts";
import { SYSTEM_ACTOR } from "../../src/services/audit.ts";
import { createServiceContext, type ServiceContext } from "../../src/services/context.ts";
import { runImport } from "../../src/services/data/run-import.ts";
import { resolveWorkspace } from "../../src/services/workspaces.ts";
import { ReaderKnowledge } from "../support/disclosure-attack.ts";
import { signIn, type AuthHeaders } from "../support/sign-in.ts";
import { longMapping } from "../support/test-city.ts";
import { openTestDatabase, type TestDatabase } from "../support/test-db.ts";

let t: TestDatabase;
let ctx: ServiceContext;
let app: FastifyInstance;

/** A town of 3 districts with 3 statistical districts each, and small counts everywhere. */
function smallTown() {
  const districts = [0, 1, 2].map((d) => ({
    code: `D${d}`,
    children: [0, 1, 2].map((s) => `D${d}S${s}`),
  }));
  let seed = 7;
  const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const rows = ["gebiet;merkmal;jahr;wert"];
  for (const year of [2021, 2022, 2023]) {
    for (const d of districts) {
      for (const s of d.children) {
        rows.push(`${s};population;${year};${40 + Math.floor(random() * 200)}`);
        rows.push(`${s};recipients;${year};${Math.floor(random() * 7)}`);
        rows.push(`${s};children;${year};${Math.floor(random() * 9)}`);
        rows.push(`${s};unemployed;${year};${Math.floor(random() * 5)}`);
      }
    }
  }
  const indicator = (
    code: string,
    numerator: string[],
    denominator: string[] | null,
    factor = 100,
  ) => ({
    code,
    name: code,
    theme: "Soziale Lage",
    numerator,
    denominator,
    factor,
    unit: denominator ? "%" : "Personen",
    decimals: 1,
    polarity: "lower_is_better",
    definition: `${code} als Beispiel.`,
    publication: "public",
  });
  return {
    catalogue: parseCatalogue({
      workspace: { slug: "kleinstadt", name: "Kleinstadt" },
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
            { code: "K", name: "Kleinstadt", level: "city" },
            ...districts.flatMap((d) => [
              { code: d.code, name: `Teil ${d.code}`, level: "district", parent: "K" },
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
      variables: ["population", "recipients", "children", "unemployed"].map((code) => ({
        code,
        name: code,
        unit: "Personen",
        measure: "stock",
        aggregation: "sum",
        publication: "public",
      })),
      indicators: [
        indicator("rate", ["recipients"], ["population"]),
        indicator("child_share", ["children"], ["population"]),
        indicator("unemployed_rate", ["unemployed"], ["population"], 1000),
        indicator("unemployed_count", ["unemployed"], null, 1),
      ],
    }),
    csv: rows.join("\n") + "\n",
  };
}

beforeAll(async () => {
  t = await openTestDatabase();
  ctx = createServiceContext(t.db);
  await seedDemo(ctx);
  const town = smallTown();
  await applyCatalogue(ctx, town.catalogue, SYSTEM_ACTOR);
  const report = await runImport(ctx, {
    actor: SYSTEM_ACTOR,
    workspace: await resolveWorkspace(ctx, "kleinstadt"),
    fileName: "kleinstadt.csv",
    bytes: Buffer.from(town.csv),
    mapping: longMapping(),
    dryRun: false,
  });
  expect(report.status).toBe("committed");
  app = await buildApp({ ctx, version: "test" });
}, 300_000);
afterAll(async () => {
  await app.close();
  await t.close();
});

interface Indicator {
  code: string;
  numerator: string[];
  denominator: string[] | null;
  factor: number;
  decimals: number;
  publication: string;
}
interface ValueSet {
  period: string;
  previousPeriod: string | null;
  decimals: number;
  values: {
    area: string;
    status: string;
    value: number | null;
    numerator: number | null;
    denominator: number | null;
    change: number | null;
  }[];
}

function getter(auth?: AuthHeaders) {
  return async <T>(url: string): Promise<T> => {
    const res = await app.inject({ url, headers: auth ? { cookie: auth.cookie } : {} });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res.json<T>();
  };
}

const setKey = (vars: readonly string[]) => [...vars].sort().join("+");

/**
 * What a reader of `ws` gets from the values endpoint of every indicator, level and period
 * (`audience` public: /open; internal: the API as a council member), as cells and equations.
 */
async function attackIndicators(ws: string, audience: "public" | "internal") {
  const planner = getter(await signIn(ctx, "planner", ws));
  const reader = audience === "public" ? getter() : getter(await signIn(ctx, "viewer", ws));
  const q = `workspace=${ws}`;
  const all = await planner<Indicator[] | { indicators: Indicator[] }>(`/api/indicators?${q}`);
  const catalogue = Array.isArray(all) ? all : all.indicators;
  const shown = catalogue.filter((i) =>
    audience === "public" ? i.publication === "public" : i.publication !== "draft",
  );
  const areas = await planner<{ code: string; parent: string | null; level: string }[]>(
    `/api/areas?${q}&geometry=false`,
  );
  const levels = [...new Set(areas.map((a) => a.level))];
  const periods = (await planner<{ code: string }[]>(`/api/periods?${q}`)).map((p) => p.code);
  // Counts that add up over areas; published rates and other values do not.
  const summable = new Set(
    (await planner<{ code: string; aggregation: string }[]>(`/api/variables?${q}`))
      .filter((v) => v.aggregation === "sum")
      .map((v) => v.code),
  );
  const counted = (vars: readonly string[]) => vars.every((v) => summable.has(v));
  const knowledge = new ReaderKnowledge();
  const truth = new Map<string, number>();
  const valuesUrl = (code: string, level: string, period: string, off = false) =>
    audience === "public" && !off
      ? `/open/${ws}/indicators/${code}/values?level=${level}&period=${period}`
      : `/api/indicators/${code}/values?${q}&level=${level}&period=${period}${off ? "&disclosure=off" : ""}`;
  let cells = 0;
  for (const ind of shown) {
    const num = `n:${setKey(ind.numerator)}`;
    const den = ind.denominator ? `n:${setKey(ind.denominator)}` : null;
    for (const level of levels) {
      for (const period of periods) {
        const set = await reader<ValueSet>(valuesUrl(ind.code, level, period)).catch(() => null);
        if (set === null || set.period !== period) continue;
        const full = await planner<ValueSet>(valuesUrl(ind.code, level, period, true));
        for (const v of full.values) {
          if (v.numerator !== null) truth.set(`${num}|${v.area}|${period}`, v.numerator);
          if (den && v.denominator !== null) truth.set(`${den}|${v.area}|${period}`, v.denominator);
        }
        for (const v of set.values) {
          cells++;
          const withheld = v.status === "suppressed";
          knowledge.cell(`${num}|${v.area}|${period}`, withheld ? null : v.numerator);
          if (den) knowledge.cell(`${den}|${v.area}|${period}`, withheld ? null : v.denominator);
          knowledge.cell(`v:${ind.code}|${v.area}|${period}`, withheld ? null : v.value);
          // A withheld value carries neither count.
          if (withheld) {
            expect(v.numerator, `${ind.code} ${v.area} ${period}`).toBeNull();
            expect(v.denominator, `${ind.code} ${v.area} ${period}`).toBeNull();
            expect(v.change).toBeNull();
          }
          // Value and denominator give the numerator (and back), when the rounding allows.
          if (v.value !== null && den && ind.denominator) {
            const half = 0.5 * 10 ** -set.decimals;
            const range = (d: number) => [
              ((v.value! - half) * d) / ind.factor,
              ((v.value! + half) * d) / ind.factor,
            ];
            if (v.denominator !== null) {
              const [lo, hi] = range(v.denominator);
              if (Math.floor(hi!) === Math.ceil(lo!)) {
                knowledge.cell(`${num}|${v.area}|${period}`, Math.ceil(lo!));
              }
            }
          }
          // The change to the previous period gives that period's value back.
          if (v.change !== null && v.value !== null && set.previousPeriod) {
            const prev = `v:${ind.code}|${v.area}|${set.previousPeriod}`;
            if (knowledge.known(prev) === null) {
              throw new Error(`change reveals withheld ${prev}`);
            }
          }
        }
      }
    }
  }
  // Every parent is the sum of its children, for every set of variables and period.
  const children = new Map<string, string[]>();
  for (const a of areas) {
    if (a.parent) children.set(a.parent, [...(children.get(a.parent) ?? []), a.code]);
  }
  const sets = new Set(
    shown.flatMap((i) =>
      [i.numerator, ...(i.denominator ? [i.denominator] : [])]
        .filter(counted)
        .map((vars) => `n:${setKey(vars)}`),
    ),
  );
  for (const s of sets) {
    for (const period of periods) {
      for (const [parent, kids] of children) {
        knowledge.equation({
          terms: [
            { key: `${s}|${parent}|${period}`, coefficient: 1 },
            ...kids.map((k) => ({ key: `${s}|${k}|${period}`, coefficient: -1 })),
          ],
          additive: true,
          label: `${s} ${parent} ${period} = Σ Teilgebiete`,
        });
      }
    }
  }
  const result = knowledge.attack({
    minCount: 3,
    sensitive: (k) => sets.has(k.split("|")[0]!),
    truth: (k) => truth.get(k),
  });
  return { ...result, values: cells };
}

describe("indicator outputs against an attacker", () => {
  it.each([
    ["kleinstadt", "public"],
    ["kleinstadt", "internal"],
    ["flensburg", "public"],
  ] as const)("%s, %s: nothing withheld can be worked out", async (ws, audience) => {
    const r = await attackIndicators(ws, audience);
    expect(r.values).toBeGreaterThan(50);
    if (ws === "kleinstadt") expect(r.withheld).toBeGreaterThan(10);
    expect(r.smallShown).toEqual([]);
    expect(r.conflicting).toEqual([]);
    // A withheld value's denominator may be a large count that the reader can work out (it
    // is withheld with the value, not for its own sake); no small count may be.
    expect(
      r.determined.filter((d) => d.truth === undefined || (d.truth > 0 && d.truth < 3)),
    ).toEqual([]);
  });
});
