/**
 * A corpus of broken inputs, fed to the importer (service, as the CLI uses it) and to the
 * HTTP upload. For each: a clear message that names the place, and the data unchanged.
 */
import { SYSTEM_ACTOR } from "../../src/services/audit.ts";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app.ts";
import { injectAs, signIn } from "../support/sign-in.ts";
import { applyCatalogue, parseCatalogue } from "../../src/services/data/apply-catalogue.ts";
import { createServiceContext, type ServiceContext } from "../../src/services/context.ts";
import { runImport } from "../../src/services/data/run-import.ts";
import { resolveWorkspace, type Workspace } from "../../src/services/workspaces.ts";
import { multipartBody } from "../support/multipart.ts";
import { longMapping, testCityCatalogue } from "../support/test-city.ts";
import { snapshotData } from "../support/snapshot.ts";
import { openTestDatabase, type TestDatabase } from "../support/test-db.ts";

const AREAS = 1000;
const code = (i: number) => `D${String(i).padStart(4, "0")}`;

const LONG_MAPPING = longMapping();

const areaMapping = {
  kind: "areas",
  format: "geojson",
  system: "test",
  level: "district",
  code: "code",
  name: "name",
  parent: "parent",
  validFrom: "2020-01-01",
};

const MAX_BYTES = 8 * 1024 * 1024;

let t: TestDatabase;
let ctx: ServiceContext;
let ws: Workspace;
let app: FastifyInstance;
let inject: ReturnType<typeof injectAs>;

beforeAll(async () => {
  t = await openTestDatabase();
  ctx = createServiceContext(t.db, { limits: { maxImportBytes: MAX_BYTES } });
  await applyCatalogue(
    ctx,
    parseCatalogue(
      testCityCatalogue({
        slug: "test",
        cityCode: "CITY",
        districtCode: code,
        districts: AREAS,
        variables: ["population", "recipients"],
      }),
    ),
    SYSTEM_ACTOR,
  );
  ws = await resolveWorkspace(ctx, "test");
  const good = await runImport(ctx, {
    actor: SYSTEM_ACTOR,
    workspace: ws,
    fileName: "baseline.csv",
    bytes: Buffer.from(
      "gebiet;merkmal;jahr;wert\nD0000;population;2020;1.234\nD0001;population;2020;987\n",
    ),
    mapping: LONG_MAPPING,
    dryRun: false,
  });
  expect(good.status).toBe("committed");
  app = await buildApp({ ctx, version: "test" });
  inject = injectAs(app, await signIn(ctx, "planner", "test"));
});

afterAll(async () => {
  await app.close();
  await t.close();
});

function bigFile(lastLine: string): Buffer {
  const lines = ["gebiet;merkmal;jahr;wert"];
  for (let i = 0; i < AREAS; i++) {
    for (const variable of ["population", "recipients"]) {
      for (let year = 1925; year < 2025; year++) {
        if (lines.length === 200_000) continue;
        lines.push(`${code(i)};${variable};${year};${(i * 7 + year) % 5000}`);
      }
    }
  }
  lines.push(lastLine);
  return Buffer.from(`${lines.join("\n")}\n`);
}

interface Case {
  readonly name: string;
  readonly file: () => Buffer;
  readonly fileName: string;
  readonly mapping: object;
  /** The error code the report must contain, and where. */
  readonly code: string;
  readonly row?: number;
  readonly column?: string;
  readonly message: RegExp;
}

const cases: Case[] = [
  {
    name: "an empty file",
    file: () => Buffer.alloc(0),
    fileName: "empty.csv",
    mapping: LONG_MAPPING,
    code: "empty_file",
    message: /leer/,
  },
  {
    name: "a wrong delimiter",
    file: () => Buffer.from("gebiet:merkmal:jahr:wert\nD0000:population:2021:5\n"),
    fileName: "colons.csv",
    mapping: LONG_MAPPING,
    code: "missing_column",
    column: "gebiet",
    message: /Trennzeichen/,
  },
  {
    name: "binary garbage",
    file: () => {
      const b = Buffer.alloc(4096);
      for (let i = 0; i < b.length; i++) b[i] = (i * 7919 + 13) % 256;
      return b;
    },
    fileName: "garbage.csv",
    mapping: LONG_MAPPING,
    code: "binary_file",
    message: /Binär|binär|keine Textdatei/,
  },
  {
    name: "an unknown encoding (UTF-16 without BOM)",
    file: () => Buffer.from("gebiet;merkmal;jahr;wert\nD0000;population;2021;5\n", "utf16le"),
    fileName: "utf16.csv",
    mapping: LONG_MAPPING,
    code: "unknown_encoding",
    message: /UTF-16|Kodierung/,
  },
  {
    name: "unknown areas",
    file: () =>
      Buffer.from("gebiet;merkmal;jahr;wert\nD0000;population;2021;5\nXYZ;population;2021;7\n"),
    fileName: "unknown-area.csv",
    mapping: LONG_MAPPING,
    code: "unknown_area",
    row: 3,
    message: /XYZ/,
  },
  {
    name: "duplicate rows",
    file: () =>
      Buffer.from(
        "gebiet;merkmal;jahr;wert\nD0000;population;2021;5\nD0001;population;2021;6\nD0000;population;2021;5\n",
      ),
    fileName: "duplicates.csv",
    mapping: LONG_MAPPING,
    code: "duplicate_key",
    row: 4,
    message: /2/,
  },
  {
    name: "text in numbers",
    file: () => Buffer.from("gebiet;merkmal;jahr;wert\nD0000;population;2021;12a\n"),
    fileName: "text.csv",
    mapping: LONG_MAPPING,
    code: "not_a_number",
    row: 2,
    column: "wert",
    message: /12a/,
  },
  {
    name: "200,000 rows with one bad line at the end",
    file: () => bigFile("D0999;recipients;1900;viele"),
    fileName: "big.csv",
    mapping: LONG_MAPPING,
    code: "not_a_number",
    row: 200_001, // header + 199,999 good rows + the bad one: 200,000 data rows
    column: "wert",
    message: /viele/,
  },
  {
    name: "a GeoJSON with an invalid ring",
    file: () =>
      Buffer.from(
        JSON.stringify({
          type: "FeatureCollection",
          features: [
            {
              type: "Feature",
              properties: { code: "D0000", name: "Teil 0", parent: "CITY" },
              geometry: {
                type: "Polygon",
                coordinates: [
                  [
                    [9.4, 54.7],
                    [9.5, 54.7],
                    [9.4, 54.7],
                  ],
                ],
              },
            },
          ],
        }),
      ),
    fileName: "broken.geojson",
    mapping: areaMapping,
    code: "invalid_ring",
    message: /D0000/,
  },
  {
    name: "an oversized upload",
    file: () => Buffer.alloc(MAX_BYTES + 1024, 0x41),
    fileName: "huge.csv",
    mapping: LONG_MAPPING,
    code: "file_too_large",
    message: /MB/,
  },
];

describe("bad input corpus", () => {
  it.each(cases)("the importer rejects $name, names the place, and changes nothing", async (c) => {
    const before = await snapshotData(t.db);
    const report = await runImport(ctx, {
      actor: SYSTEM_ACTOR,
      workspace: ws,
      fileName: c.fileName,
      bytes: c.file(),
      mapping: c.mapping,
      dryRun: false,
    });
    expect(report.status).toBe("rejected");
    const hit = report.issues.find((i) => i.code === c.code && i.severity === "error");
    expect(hit, JSON.stringify(report.issues.slice(0, 5))).toBeDefined();
    expect(hit!.message).toMatch(c.message);
    if (c.row !== undefined) expect(hit!.row).toBe(c.row);
    if (c.column !== undefined) expect(hit!.column).toBe(c.column);
    expect(await snapshotData(t.db)).toEqual(before);
  });

  it.each(cases)("the upload API rejects $name with a 4xx, a code and a message", async (c) => {
    const before = await snapshotData(t.db);
    const { body, contentType } = multipartBody([
      { name: "mapping", value: JSON.stringify(c.mapping) },
      { name: "file", filename: c.fileName, content: c.file() },
    ]);
    const res = await inject({
      method: "POST",
      url: "/api/imports",
      headers: { "content-type": contentType },
      payload: body,
    });
    const json = res.json<{
      error: { code: string; message: string; details?: { issues: { code: string }[] } };
    }>();
    if (c.code === "file_too_large") {
      expect(res.statusCode).toBe(413);
      expect(json.error.code).toBe("payload_too_large");
    } else {
      expect(res.statusCode).toBe(422);
      expect(json.error.code).toBe("import_rejected");
      expect(json.error.details?.issues.some((i) => i.code === c.code)).toBe(true);
    }
    expect(json.error.message).toBeTruthy();
    expect(await snapshotData(t.db)).toEqual(before);
  });

  it.each([
    ["no multipart body", { "content-type": "application/json" }, "{}", 400],
    ["a mapping that is not JSON", null, "not json", 400],
  ])(
    "the upload API answers %s with 4xx and changes nothing",
    async (_name, headers, mapping, status) => {
      const before = await snapshotData(t.db);
      const mp = multipartBody([
        { name: "mapping", value: mapping },
        { name: "file", filename: "x.csv", content: "a;b\n1;2\n" },
      ]);
      const res = await inject({
        method: "POST",
        url: "/api/imports",
        headers: headers ?? { "content-type": mp.contentType },
        payload: headers ? mapping : mp.body,
      });
      expect(res.statusCode).toBe(status);
      expect(res.json<{ error: { code: string } }>().error.code).toMatch(/^[a-z_]+$/);
      expect(await snapshotData(t.db)).toEqual(before);
    },
  );

  it("a dry run reports and writes nothing, a real run then commits", async () => {
    const file = Buffer.from("gebiet;merkmal;jahr;wert\nD0002;recipients;2021;17\n");
    const before = await snapshotData(t.db);
    const dry = await runImport(ctx, {
      actor: SYSTEM_ACTOR,
      workspace: ws,
      fileName: "ok.csv",
      bytes: file,
      mapping: LONG_MAPPING,
      dryRun: true,
    });
    expect(dry.status).toBe("checked");
    expect(dry.summary["new"]).toBe(1);
    expect(await snapshotData(t.db)).toEqual(before);
    const real = await runImport(ctx, {
      actor: SYSTEM_ACTOR,
      workspace: ws,
      fileName: "ok.csv",
      bytes: file,
      mapping: LONG_MAPPING,
      dryRun: false,
    });
    expect(real.status).toBe("committed");
    expect(await snapshotData(t.db)).not.toEqual(before);
  });
});
