/**
 * POST /api/imports/preview: a table is read as the import reads it (encoding, delimiter,
 * sheet), shown with its header and first rows, and a mapping is suggested that the import
 * then accepts. Nothing is written; broken files and callers without the role get a 4xx with
 * a German message.
 */
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImportPreviewDto } from "../../src/contracts/data-imports.ts";
import { buildApp } from "../../src/server/app.ts";
import { applyCatalogue, parseCatalogue } from "../../src/services/data/apply-catalogue.ts";
import { SYSTEM_ACTOR } from "../../src/services/audit.ts";
import { createServiceContext, type ServiceContext } from "../../src/services/context.ts";
import { multipartBody } from "../support/multipart.ts";
import { signIn, type AuthHeaders } from "../support/sign-in.ts";
import { snapshotData } from "../support/snapshot.ts";
import { testCityCatalogue } from "../support/test-city.ts";
import { openTestDatabase, type TestDatabase } from "../support/test-db.ts";

/** The largest file these tests accept: small, so the size limit is cheap to reach. */
const MAX_BYTES = 64 * 1024;

let t: TestDatabase;
let ctx: ServiceContext;
let app: FastifyInstance;
let planner: AuthHeaders;
let contributor: AuthHeaders;
let viewer: AuthHeaders;

beforeAll(async () => {
  t = await openTestDatabase();
  ctx = createServiceContext(t.db, { limits: { maxImportBytes: MAX_BYTES } });
  await applyCatalogue(
    ctx,
    parseCatalogue(
      testCityCatalogue({
        slug: "vorschau",
        cityCode: "M",
        districtCode: (i) => `M${i + 1}`,
        districts: 3,
        variables: ["population", "recipients"],
      }),
    ),
    SYSTEM_ACTOR,
  );
  app = await buildApp({ ctx, version: "test" });
  planner = await signIn(ctx, "planner", "vorschau");
  contributor = await signIn(ctx, "contributor", "vorschau");
  viewer = await signIn(ctx, "viewer", "vorschau");
});

afterAll(async () => {
  await app.close();
  await t.close();
});

type Part = Parameters<typeof multipartBody>[0][number];

/** Posts a form to a route as `who` (or anonymously). */
async function post(url: string, parts: Part[], who: AuthHeaders | null = planner) {
  const { body, contentType } = multipartBody(parts);
  return app.inject({
    method: "POST",
    url,
    headers: { ...(who ?? {}), "content-type": contentType },
    payload: body,
  });
}

/** Previews a file with optional form fields. */
const preview = (
  content: Buffer | string,
  fileName: string,
  fields: Record<string, string> = {},
  who: AuthHeaders | null = planner,
) =>
  post(
    "/api/imports/preview",
    [
      ...Object.entries(fields).map(([name, value]) => ({ name, value })),
      { name: "file", filename: fileName, content },
    ],
    who,
  );

const errorOf = (res: { json<T>(): T }) =>
  res.json<{ error: { code: string; message: string } }>().error;

const WIN1252 =
  "Gebietsschlüssel;Gebietsname;Jahr;Merkmal;Wert\r\n" +
  "M1;Nördliche Altstadt;2022;population;1.234\r\n" +
  "M2;Südstadt;2022;population;987\r\n" +
  "M3;Jürgensby;2022;population;2.045\r\n" +
  "M1;Nördliche Altstadt;2022;recipients;120\r\n";

describe("POST /api/imports/preview", () => {
  it("reads a Windows-1252 CSV with semicolons, shows its rows and suggests a mapping that imports", async () => {
    const before = await snapshotData(t.db);
    const bytes = iconv.encode(WIN1252, "win1252");
    const res = await preview(bytes, "einwohner-2022.csv");
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json<ImportPreviewDto>();
    expect(p).toMatchObject({
      fileName: "einwohner-2022.csv",
      fileSize: bytes.byteLength,
      format: "csv",
      csv: { encoding: "windows-1252", encodingDetected: true, delimiter: ";" },
      xlsx: null,
      headerLine: 1,
      columns: ["Gebietsschlüssel", "Gebietsname", "Jahr", "Merkmal", "Wert"],
      rowCount: 4,
    });
    expect(p.csv!.delimiterDetected).toBe(true);
    expect(p.rows[0]).toEqual({
      line: 2,
      cells: ["M1", "Nördliche Altstadt", "2022", "population", "1.234"],
    });
    expect(p.rows).toHaveLength(4);
    expect(p.suggestion).toEqual({
      layout: "long",
      missing: [],
      mapping: {
        format: "csv",
        layout: "long",
        area: { column: "Gebietsschlüssel" },
        variable: { column: "Merkmal" },
        period: { column: "Jahr" },
        value: { column: "Wert" },
        ignore: ["Gebietsname"],
      },
    });
    // Nothing written by the preview …
    expect(await snapshotData(t.db)).toEqual(before);
    // … and the suggested mapping is one the import takes as it is.
    const check = await post("/api/imports", [
      { name: "mapping", value: JSON.stringify(p.suggestion.mapping) },
      { name: "dryRun", value: "true" },
      { name: "file", filename: "einwohner-2022.csv", content: bytes },
    ]);
    expect(check.statusCode, check.body).toBe(200);
    expect(check.json<{ counts: { errors: number; warnings: number } }>().counts).toMatchObject({
      errors: 0,
      warnings: 0,
    });
  });

  it("shows only the first ten rows and counts them all; reads the options it is given", async () => {
    const lines = ["Quelle: Melderegister", "", "gebiet,2021,2022"];
    for (let i = 0; i < 25; i++) lines.push(`M${(i % 3) + 1},${100 + i},${200 + i}`);
    const res = await preview(lines.join("\n"), "lang.csv", {
      delimiter: ",",
      encoding: "utf-8",
      skipRows: "2",
    });
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json<ImportPreviewDto>();
    expect(p.csv).toMatchObject({ encoding: "utf-8", encodingDetected: false, delimiter: "," });
    expect(p).toMatchObject({ skipRows: 2, headerLine: 3, columns: ["gebiet", "2021", "2022"] });
    expect(p.rows).toHaveLength(10);
    expect(p.rows[0]).toEqual({ line: 4, cells: ["M1", "100", "200"] });
    expect(p.rowCount).toBe(25);
    expect(p.suggestion.layout).toBe("wide");
    expect(p.suggestion.mapping).toMatchObject({
      csv: { delimiter: ",", encoding: "utf-8" },
      skipRows: 2,
      area: { column: "gebiet" },
      values: [
        { column: "2021", period: "2021" },
        { column: "2022", period: "2022" },
      ],
    });
    expect(p.suggestion.missing).toEqual(["values[0].variable", "values[1].variable"]);
  });

  it("lists the sheets of a workbook and reads the one asked for", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Hinweise").addRow(["Diese Tabelle stammt aus dem Melderegister."]);
    const sheet = wb.addWorksheet("Daten");
    sheet.addRow(["Stadtteil", "population", "recipients"]);
    sheet.addRow(["M1", 1200, 60]);
    sheet.addRow(["M2", 980.5, 41]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());

    const first = await preview(bytes, "tabelle.xlsx");
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json<ImportPreviewDto>()).toMatchObject({
      format: "xlsx",
      csv: null,
      xlsx: { sheet: "Hinweise", sheets: ["Hinweise", "Daten"] },
      columns: ["Diese Tabelle stammt aus dem Melderegister."],
      rowCount: 0,
      suggestion: { layout: null, mapping: { format: "xlsx", xlsx: { sheet: "Hinweise" } } },
    });

    // Recognised as a workbook by its bytes, whatever its name says.
    const res = await preview(bytes, "export", { sheet: "Daten" });
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json<ImportPreviewDto>();
    expect(p).toMatchObject({
      format: "xlsx",
      xlsx: { sheet: "Daten", sheets: ["Hinweise", "Daten"] },
      columns: ["Stadtteil", "population", "recipients"],
      rows: [
        { line: 2, cells: ["M1", "1200", "60"] },
        { line: 3, cells: ["M2", "980.5", "41"] },
      ],
      rowCount: 2,
    });
    expect(p.suggestion).toEqual({
      layout: "wide",
      mapping: {
        format: "xlsx",
        xlsx: { sheet: "Daten" },
        layout: "wide",
        area: { column: "Stadtteil" },
        values: [
          { column: "population", variable: "population" },
          { column: "recipients", variable: "recipients" },
        ],
      },
      missing: ["values[0].period", "values[1].period"],
    });

    const missing = await preview(bytes, "tabelle.xlsx", { sheet: "Tabelle9" });
    expect(missing.statusCode).toBe(422);
    expect(missing.json()).toEqual({
      error: {
        code: "unreadable_file",
        message: "Das Tabellenblatt „Tabelle9“ gibt es nicht. Vorhanden: „Hinweise“, „Daten“.",
        details: { issue: { code: "sheet_not_found", message: expect.any(String) } },
      },
    });
  });

  it.each([
    ["an empty file", Buffer.alloc(0), "leer.csv", /leer/],
    ["a file of blanks", Buffer.from(" \r\n \r\n"), "leer.csv", /leer/],
    [
      "a PDF",
      Buffer.from("%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n\u0000\u0000\u0001"),
      "t.csv",
      /PDF/,
    ],
    ["a broken workbook", Buffer.from("PK\u0003\u0004 kaputt"), "t.xlsx", /keine gültige XLSX/],
    ["a CSV named .xlsx", Buffer.from("gebiet;wert\nM1;1\n"), "t.xlsx", /keine gültige XLSX/],
    [
      "UTF-16 without BOM",
      Buffer.from("gebiet;wert\nM1;1\n", "utf16le"),
      "t.csv",
      /UTF-16|Kodierung/,
    ],
    ["an unclosed quote", Buffer.from('gebiet;wert\n"M1;1\n'), "t.csv", /Anführungszeichen/],
    ["geodata", Buffer.from('{"type":"FeatureCollection"}'), "t.geojson", /GeoJSON/],
  ])("refuses %s with 422 and the reason", async (_name, content, fileName, message) => {
    const before = await snapshotData(t.db);
    const res = await preview(content, fileName);
    expect(res.statusCode, res.body).toBe(422);
    const error = errorOf(res);
    expect(error.code).toBe("unreadable_file");
    expect(error.message).toMatch(message);
    expect(await snapshotData(t.db)).toEqual(before);
  });

  it("refuses a file over the size limit with 413 and names the limit", async () => {
    const res = await preview(Buffer.alloc(MAX_BYTES + 1, 0x41), "gross.csv");
    expect(res.statusCode).toBe(413);
    expect(errorOf(res)).toEqual({
      code: "payload_too_large",
      message: "Die Datei ist zu groß; erlaubt sind höchstens 0,1 MB.",
    });
  });

  it.each([
    ["no file", [{ name: "delimiter", value: ";" }], /keine Datei/],
    [
      "an unknown field",
      [
        { name: "mapping", value: "{}" },
        { name: "file", filename: "t.csv", content: "a;b\n1;2\n" },
      ],
      /Unbekannte Formularfelder: mapping/,
    ],
    [
      "a delimiter that is not one",
      [
        { name: "delimiter", value: ":" },
        { name: "file", filename: "t.csv", content: "a:b\n1:2\n" },
      ],
      /„delimiter“/,
    ],
    [
      "a negative skipRows",
      [
        { name: "skipRows", value: "-1" },
        { name: "file", filename: "t.csv", content: "a;b\n1;2\n" },
      ],
      /„skipRows“/,
    ],
  ] as [string, Part[], RegExp][])("refuses %s with 400", async (_name, parts, message) => {
    const res = await post("/api/imports/preview", parts);
    expect(res.statusCode, res.body).toBe(400);
    expect(errorOf(res).code).toBe("invalid_input");
    expect(errorOf(res).message).toMatch(message);
  });

  it("refuses a request that is not a form upload", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/imports/preview",
      headers: { ...planner, "content-type": "application/json" },
      payload: "{}",
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).message).toMatch(/multipart\/form-data.*„file“/);
  });

  it("is for those who deliver data: contributors yes, viewers and the public no", async () => {
    const csv = "gebiet;merkmal;jahr;wert\nM1;population;2022;5\n";
    expect((await preview(csv, "t.csv", {}, contributor)).statusCode).toBe(200);
    const denied = await preview(csv, "t.csv", {}, viewer);
    expect(denied.statusCode).toBe(403);
    expect(errorOf(denied).code).toBe("forbidden");
    expect((await preview(csv, "t.csv", {}, null)).statusCode).toBe(401);
  });
});
