/**
 * Imports speak the city's words: areas by code or by name within the level the mapping names
 * (Hamburg, where four districts carry the name of their borough), spelling variants where the
 * match stays unique, "meinten Sie …" for an unknown name, a name saved with the workspace for
 * the next delivery, variables by their German name, a table with a year column and one column
 * per variable, and a blank as thousands separator.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app.ts";
import { SYSTEM_ACTOR } from "../../src/services/audit.ts";
import { applyCatalogue, parseCatalogue } from "../../src/services/data/apply-catalogue.ts";
import { createServiceContext, type ServiceContext } from "../../src/services/context.ts";
import { multipartBody } from "../support/multipart.ts";
import { injectAs, signIn } from "../support/sign-in.ts";
import { openTestDatabase, type TestDatabase } from "../support/test-db.ts";

let t: TestDatabase;
let ctx: ServiceContext;
let app: FastifyInstance;
let inject: ReturnType<typeof injectAs>;

interface Issue {
  severity: string;
  code: string;
  row: number | null;
  column: string | null;
  message: string;
  details?: Record<string, unknown>;
}
interface Report {
  status: string;
  summary: Record<string, unknown>;
  issues: Issue[];
}

async function upload(file: string, mapping: object, dryRun = true) {
  const { body, contentType } = multipartBody([
    { name: "mapping", value: JSON.stringify(mapping) },
    { name: "dryRun", value: String(dryRun) },
    { name: "file", filename: "stadtteile.csv", content: Buffer.from(file) },
  ]);
  const res = await inject({
    method: "POST",
    url: "/api/imports",
    headers: { "content-type": contentType },
    payload: body,
  });
  const json = res.json<{ error?: { details: Report } } & Report>();
  return { status: res.statusCode, report: json.error ? json.error.details : json };
}

// The registration office's table: district names, a year column, one column per variable
// named as the catalogue names it, and a blank between thousands.
const DELIVERY = [
  "Stadtteil;Jahr;Einwohner;Haushalte",
  "Eimsbüttel;2022;57 143;33 021",
  "Sankt Pauli;2022;21 902;13 517",
  "Gross Borstel;2022;9 118;4 890",
  "harburg;2022;27 038;14 204",
].join("\n");

const mapping = (area: object = { column: "Stadtteil", level: "stadtteil" }) => ({
  format: "csv",
  layout: "wide",
  numbers: { decimal: ",", thousands: " " },
  area,
  period: { column: "Jahr" },
  values: [
    { column: "Einwohner", variable: "Einwohner" },
    { column: "Haushalte", variable: "Haushalte" },
  ],
});

beforeAll(async () => {
  t = await openTestDatabase();
  ctx = createServiceContext(t.db);
  const area = (code: string, name: string, level: string, parent?: string) => ({
    code,
    name,
    level,
    ...(parent ? { parent } : {}),
  });
  await applyCatalogue(
    ctx,
    parseCatalogue({
      workspace: { slug: "hamburg", name: "Hamburg", minCount: 3 },
      areaSystems: [
        {
          code: "hh",
          name: "Bezirke und Stadtteile",
          levels: [
            { code: "stadt", name: "Stadt" },
            { code: "bezirk", name: "Bezirk" },
            { code: "stadtteil", name: "Stadtteil" },
          ],
          areas: [
            area("HH", "Hamburg", "stadt"),
            area("1", "Hamburg-Mitte", "bezirk", "HH"),
            area("3", "Eimsbüttel", "bezirk", "HH"),
            area("4", "Hamburg-Nord", "bezirk", "HH"),
            area("7", "Harburg", "bezirk", "HH"),
            area("113", "St. Pauli", "stadtteil", "1"),
            area("301", "Eimsbüttel", "stadtteil", "3"),
            area("302", "Rotherbaum", "stadtteil", "3"),
            area("406", "Groß Borstel", "stadtteil", "4"),
            area("701", "Harburg", "stadtteil", "7"),
          ],
        },
      ],
      variables: [
        {
          code: "population",
          name: "Einwohner",
          unit: "Personen",
          measure: "stock",
          aggregation: "sum",
        },
        {
          code: "households",
          name: "Haushalte",
          unit: "Haushalte",
          measure: "stock",
          aggregation: "sum",
        },
      ],
    }),
    SYSTEM_ACTOR,
  );
  app = await buildApp({ ctx, version: "test" });
  inject = injectAs(app, await signIn(ctx, "planner", "hamburg"));
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe("areas and variables by name", () => {
  it("matches names within the level the mapping names, with spelling variants", async () => {
    const { status, report } = await upload(DELIVERY, mapping());
    expect(status).toBe(200);
    expect(report.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(report.summary["new"]).toBe(8);
    const notes = report.issues.filter((i) => i.code === "matched_by_name");
    expect(notes.map((n) => n.message)).toEqual([
      "2 Merkmale über den Namen erkannt: „Einwohner“ → population, „Haushalte“ → households.",
      "4 Gebiete über den Namen erkannt: „Eimsbüttel“ → 301, „Sankt Pauli“ → 113, „Gross Borstel“ → 406, „harburg“ → 701.",
    ]);
  });

  it("calls a name on two levels ambiguous when the mapping names no level", async () => {
    const { status, report } = await upload(DELIVERY, mapping({ column: "Stadtteil" }), false);
    expect(status).toBe(422);
    const ambiguous = report.issues.filter((i) => i.code === "ambiguous_area");
    expect(ambiguous.map((i) => i.message)).toEqual([
      "Gebiet „Eimsbüttel“ ist mehrdeutig: Bezirk Eimsbüttel (3) oder Stadtteil Eimsbüttel (301) (Zeile 2). Die Ebene in der Zuordnung nennen („area.level“) oder den Code verwenden.",
      "Gebiet „harburg“ ist mehrdeutig: Bezirk Harburg (7) oder Stadtteil Harburg (701) (Zeile 5). Die Ebene in der Zuordnung nennen („area.level“) oder den Code verwenden.",
    ]);
    expect(ambiguous[0]).toMatchObject({ row: 2, column: "Stadtteil" });
  });

  it("names an unknown level of the mapping and writes nothing", async () => {
    const { status, report } = await upload(
      DELIVERY,
      mapping({ column: "Stadtteil", level: "ortsteil" }),
      false,
    );
    expect(status).toBe(422);
    expect(report.issues).toEqual([
      expect.objectContaining({
        code: "invalid_mapping",
        column: "area.level",
        message:
          "Zuordnung, Feld „area.level“: Ebene „ortsteil“ gibt es nicht (vorhanden: stadt, bezirk, stadtteil).",
      }),
    ]);
  });
});

describe("a name saved with the workspace", () => {
  const typo = DELIVERY.replace("Sankt Pauli", "Rotherbum");

  it("suggests the closest names for an unknown one, and understands it once saved", async () => {
    const before = await upload(typo, mapping());
    expect(before.status).toBe(200);
    expect(before.report.status).toBe("checked");
    const unknown = before.report.issues.find((i) => i.code === "unknown_area")!;
    expect(unknown.message).toBe(
      "Gebiet „Rotherbum“ ist unbekannt (Zeile 3) – meinten Sie „Rotherbaum“ (302)?",
    );
    expect(unknown.details?.["suggestions"]).toEqual([{ code: "302", name: "Rotherbaum" }]);

    const saved = await inject({
      method: "POST",
      url: "/api/saved-names",
      payload: { kind: "area", text: "Rotherbum", code: "302" },
    });
    expect(saved.statusCode).toBe(201);
    expect(saved.json()).toMatchObject({
      kind: "area",
      scope: "stadtteil",
      text: "Rotherbum",
      code: "302",
      targetName: "Rotherbaum",
    });

    const after = await upload(typo, mapping(), false);
    expect(after.status).toBe(201);
    expect(after.report.issues.filter((i) => i.severity === "error")).toEqual([]);
    const notes = after.report.issues.filter((i) => i.code === "matched_by_name");
    expect(notes.map((n) => n.message).join(" ")).toContain("„Rotherbum“ → 302");

    const values = await inject({
      method: "GET",
      url: "/api/observations?variable=population&period=2022",
    });
    expect(values.statusCode).toBe(200);
    const rows = values.json<{ items: { area: string; value: number }[] }>().items;
    expect(rows.find((r) => r.area === "302")?.value).toBe(21_902);
    expect(rows.find((r) => r.area === "301")?.value).toBe(57_143);

    const audit = await inject({ method: "GET", url: "/api/audit?entity=saved_name" });
    expect(JSON.stringify(audit.json())).toContain("area:Rotherbum");
  });

  it("lists and deletes saved names", async () => {
    const list = await inject({ method: "GET", url: "/api/saved-names" });
    const [row] = list.json<{ id: number; text: string }[]>();
    expect(row?.text).toBe("Rotherbum");
    const del = await inject({ method: "DELETE", url: `/api/saved-names/${row!.id}` });
    expect(del.statusCode).toBe(204);
    const again = await inject({ method: "DELETE", url: `/api/saved-names/${row!.id}` });
    expect(again.statusCode).toBe(404);
    expect(again.json<{ error: { message: string } }>().error.message).toContain(
      "wurde nicht gefunden",
    );
  });

  it("refuses a name for an area that does not exist, or one without letters", async () => {
    const nowhere = await inject({
      method: "POST",
      url: "/api/saved-names",
      payload: { kind: "area", text: "Nirgendwo", code: "999" },
    });
    expect(nowhere.statusCode).toBe(404);
    expect(nowhere.json<{ error: { message: string } }>().error.message).toBe(
      "Gebiet „999“ wurde nicht gefunden.",
    );
    const dashes = await inject({
      method: "POST",
      url: "/api/saved-names",
      payload: { kind: "area", text: "---", code: "302" },
    });
    expect(dashes.statusCode).toBe(400);
    expect(dashes.json<{ error: { message: string } }>().error.message).toContain(
      "Name in der Datei",
    );
    const empty = await inject({
      method: "POST",
      url: "/api/saved-names",
      payload: { kind: "area", text: " ", code: "302" },
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json<{ error: { message: string } }>().error.message).toContain(
      "Name in der Datei",
    );
    const list = await inject({ method: "GET", url: "/api/saved-names" });
    expect(list.json()).toEqual([]);
  });
});

describe("a variable without an indicator", () => {
  it("is named in the import report, and a planner makes a count of it that the atlas shows", async () => {
    const { report } = await upload(DELIVERY, mapping());
    const notes = report.issues.filter((i) => i.code === "variable_without_indicator");
    expect(notes.map((n) => n.details?.["variable"])).toEqual(["households", "population"]);
    expect(notes[1]!.message).toBe(
      "Merkmal „Einwohner“ (population) zeigt noch kein Indikator: die Werte werden gespeichert, erscheinen im Atlas aber erst mit einem Indikator – unter „Indikatoren“ mit „Indikator anlegen“.",
    );
    const before = await inject({ method: "GET", url: "/api/variables" });
    expect(before.json<{ code: string; indicators: string[] }[]>()).toEqual([
      expect.objectContaining({ code: "households", indicators: [] }),
      expect.objectContaining({ code: "population", indicators: [] }),
    ]);

    const created = await inject({
      method: "POST",
      url: "/api/indicators/from-variable",
      payload: { variable: "population" },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      code: "population",
      name: "Einwohner",
      theme: "Weitere Merkmale",
      unit: "Personen",
      polarity: "neutral",
    });
    const again = await inject({
      method: "POST",
      url: "/api/indicators/from-variable",
      payload: { variable: "population" },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json<{ error: { message: string } }>().error.message).toBe(
      "Für das Merkmal „Einwohner“ gibt es schon den Indikator „Einwohner“ (population).",
    );
    const unknown = await inject({
      method: "POST",
      url: "/api/indicators/from-variable",
      payload: { variable: "nope" },
    });
    expect(unknown.statusCode).toBe(404);

    const after = await inject({ method: "GET", url: "/api/variables" });
    expect(
      after.json<{ code: string; indicators: string[] }[]>().map((v) => [v.code, v.indicators]),
    ).toEqual([
      ["households", []],
      ["population", ["population"]],
    ]);
    const values = await inject({
      method: "GET",
      url: "/api/indicators/population/values?level=stadtteil&period=2022",
    });
    expect(values.statusCode).toBe(200);
    const rows = values.json<{ values: { area: string; value: number | null }[] }>().values;
    expect(rows.find((r) => r.area === "301")?.value).toBe(57_143);
    const audit = await inject({ method: "GET", url: "/api/audit?entity=indicator" });
    expect(JSON.stringify(audit.json())).toContain('"from":"variable"');
    // The next check of the same file no longer names it.
    const next = await upload(DELIVERY, mapping());
    expect(
      next.report.issues
        .filter((i) => i.code === "variable_without_indicator")
        .map((i) => i.details?.["variable"]),
    ).toEqual(["households"]);
  });
});
