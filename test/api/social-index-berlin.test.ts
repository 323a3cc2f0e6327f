/**
 * Berlin's MSS 2021 through the product: the 542 planning areas and the published shares are
 * loaded with the catalogue and the product's own import (the WFS table as delivered, its
 * "-9999" declared as "no value" in the mapping), and the index is computed from the stored
 * values. It must give the official class of all 536 valid planning areas, the published class
 * counts and the six exclusions. Runs on PGlite and on PostgreSQL.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseIndexDefinition } from "../../src/contracts/documents/index-definition.ts";
import type { IndexDefinition } from "../../src/core/social-index/definition.ts";
import { parseCsv } from "../../src/imports/csv/parse-csv.ts";
import { applyCatalogue, parseCatalogue } from "../../src/services/data/apply-catalogue.ts";
import { SYSTEM_ACTOR } from "../../src/services/audit.ts";
import { createServiceContext, type ServiceContext } from "../../src/services/context.ts";
import { runImport } from "../../src/services/data/run-import.ts";
import { computeStoredIndex } from "../../src/services/social-index/social-index.ts";
import { resolveWorkspace } from "../../src/services/workspaces.ts";
import { openTestDatabase, type TestDatabase } from "../support/test-db.ts";

const FIXTURE = "test/fixtures/berlin-mss-2021";
const SOURCE = "SenSBW, Monitoring Soziale Stadtentwicklung 2021 (dl-de/zero-2.0)";

function rows(file: string): Record<string, string>[] {
  const parsed = parseCsv(readFileSync(`${FIXTURE}/${file}`, "utf8"), { delimiter: "," });
  if (!parsed.ok) throw new Error(parsed.error.message);
  const [header, ...body] = parsed.value.rows;
  return body.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ""])));
}

const official = rows("mss_2021_indizes.csv");

const share = (code: string, name: string, unit: string, nonNegative: boolean) => ({
  variable: {
    code: code.toLowerCase(),
    name,
    unit,
    measure: "stock" as const,
    aggregation: "none" as const,
    nonNegative,
    source: SOURCE,
  },
  indicator: {
    code,
    name,
    theme: "Monitoring Soziale Stadtentwicklung",
    numerator: [code.toLowerCase()],
    unit,
    decimals: 2,
    polarity: "lower_is_better" as const,
    definition: `${name}, wie im MSS 2021 veröffentlicht.`,
    source: SOURCE,
  },
});

const SHARES = [
  share("S1", "Arbeitslosigkeit (SGB II)", "%", true),
  share("S3", "Transferbezug (SGB II/XII)", "%", true),
  share("S4", "Kinderarmut", "%", true),
  share("D1", "Veränderung Arbeitslosigkeit", "Pp.", false),
  share("D3", "Veränderung Transferbezug", "Pp.", false),
  share("D4", "Veränderung Kinderarmut", "Pp.", false),
];

const catalogue = {
  workspace: { slug: "berlin-mss", name: "Berlin (MSS 2021)" },
  areaSystems: [
    {
      code: "lor2021",
      name: "Lebensweltlich orientierte Räume 2021",
      levels: [
        { code: "city", name: "Stadt" },
        { code: "planning_area", name: "Planungsraum" },
      ],
      areas: [
        { code: "berlin", name: "Berlin", level: "city" },
        ...official.map((r) => ({
          code: r["PLR_ID"]!,
          name: r["PLR_NAME"]!,
          level: "planning_area",
          parent: "berlin",
        })),
      ],
    },
  ],
  variables: [
    {
      code: "ew",
      name: "Einwohnerinnen und Einwohner (MSS-Basis)",
      unit: "Personen",
      measure: "stock",
      aggregation: "sum",
      source: SOURCE,
    },
    ...SHARES.map((s) => s.variable),
  ],
  indicators: [
    {
      code: "population",
      name: "Einwohnerinnen und Einwohner",
      theme: "Bevölkerung",
      numerator: ["ew"],
      unit: "Personen",
      decimals: 0,
      polarity: "neutral",
      definition: "Einwohnerinnen und Einwohner am 31.12.2020 (MSS-Basis).",
    },
    ...SHARES.map((s) => s.indicator),
  ],
};

const mapping = {
  format: "csv",
  layout: "wide",
  area: { column: "PLR_ID" },
  numbers: { decimal: ".", thousands: "", missing: ["-9999"] },
  values: [
    { column: "EW", variable: "ew", period: "2020" },
    ...SHARES.map((s) => ({ column: s.indicator.code, variable: s.variable.code, period: "2020" })),
  ],
};

let t: TestDatabase;
let ctx: ServiceContext;
let definition: IndexDefinition;

beforeAll(async () => {
  t = await openTestDatabase();
  ctx = createServiceContext(t.db);
  await applyCatalogue(ctx, parseCatalogue(catalogue), SYSTEM_ACTOR);
  const parsed = parseIndexDefinition(
    JSON.parse(readFileSync("examples/social-index/mss-2021.json", "utf8")),
  );
  if (!parsed.ok) throw new Error(parsed.error.join("\n"));
  definition = parsed.value;
});
afterAll(async () => {
  await t.close();
});

describe("MSS 2021 through the product's import", () => {
  it("imports the published table as delivered, -9999 stored as no value", async () => {
    const ws = await resolveWorkspace(ctx, "berlin-mss");
    const report = await runImport(ctx, {
      workspace: ws,
      fileName: "mss_2021_index_indikatoren.csv",
      bytes: readFileSync(`${FIXTURE}/mss_2021_index_indikatoren.csv`),
      mapping,
      dryRun: false,
      actor: SYSTEM_ACTOR,
    });
    expect(report.counts.errors, JSON.stringify(report.issues.slice(0, 5))).toBe(0);
    expect(report.status).toBe("committed");
    // 6 invalid areas × 6 shares carry the sentinel.
    expect(report.issues.filter((i) => i.code === "withheld_value")).toHaveLength(36);
  });

  it("reproduces every official class, the class counts and the six exclusions", async () => {
    const ws = await resolveWorkspace(ctx, "berlin-mss");
    const run = await computeStoredIndex(ctx, ws, definition, {
      populationIndicator: "population",
      audience: "planning",
    });
    if (!run.ok) throw new Error(run.error.join("\n"));
    expect(run.value).toMatchObject({ level: "planning_area", period: "2020" });
    const r = run.value.result;
    expect(r.included).toBe(536);
    expect(r.counts.status).toEqual({ high: 75, medium: 366, low: 46, very_low: 49 });
    expect(r.counts.dynamics).toEqual({ positive: 48, stable: 436, negative: 52 });
    const byCode = new Map(r.areas.map((a) => [a.code, a]));
    const mismatches = official.flatMap((o) => {
      const a = byCode.get(o["PLR_ID"]!);
      if (!a) return [`${o["PLR_ID"]} fehlt`];
      if (o["KOM"] !== "gültig") {
        const expected =
          o["KOM"] === "ungültig (Ausreißer)" ? "manual" : "population_below_minimum";
        return a.exclusion?.reason === expected ? [] : [`${a.code}: ${a.exclusion?.reason}`];
      }
      const ours = `${a.status?.classLabel}|${a.dynamics?.classLabel}|${a.group}`;
      const theirs = `${o["SI_V"]}|${o["DI_V"]}|${o["SDI"]}`;
      return ours === theirs ? [] : [`${a.code}: ${ours} ≠ ${theirs}`];
    });
    expect(mismatches).toEqual([]);
  });
});
