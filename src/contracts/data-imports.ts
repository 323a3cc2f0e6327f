import { z } from "zod";

export const importIssueDto = z
  .object({
    severity: z.enum(["error", "warning", "info"]),
    code: z.string(),
    row: z.number().int().nullable(),
    column: z.string().nullable(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: "ImportIssue" });

export const importReportDto = z
  .object({
    importId: z.number().int().nullable(),
    kind: z.enum(["observations", "areas", "crosswalk", "budget"]),
    status: z.enum(["committed", "rejected", "checked"]),
    dryRun: z.boolean(),
    label: z.string(),
    fileName: z.string(),
    fileSize: z.number().int(),
    fileSha256: z.string(),
    summary: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
    counts: z.object({
      errors: z.number().int(),
      warnings: z.number().int(),
      infos: z.number().int(),
    }),
    issues: z.array(importIssueDto),
  })
  .meta({ id: "ImportReport" });

export const importRunDto = z
  .object({
    id: z.number().int(),
    /** `crosswalk`: observations carried onto new areas by applying a crosswalk. */
    kind: z.enum(["observations", "areas", "crosswalk", "budget"]),
    label: z.string(),
    fileName: z.string(),
    fileSize: z.number().int(),
    fileSha256: z.string(),
    dryRun: z.boolean(),
    status: z.enum(["committed", "rejected", "checked"]),
    summary: z.record(z.string(), z.unknown()),
    startedAt: z.string(),
    finishedAt: z.string(),
  })
  .meta({ id: "ImportRun" });
export type ImportRunDto = z.infer<typeof importRunDto>;
export type ImportReportDto = z.infer<typeof importReportDto>;

/**
 * The form fields of `POST /api/imports/preview` besides the file: how to read the table.
 * Without them the encoding and delimiter are detected and the first sheet is read.
 */
export const importPreviewOptions = z.strictObject({
  delimiter: z.enum(["auto", ";", ",", "\t", "|"]).default("auto"),
  encoding: z
    .enum(["auto", "utf-8", "windows-1252", "latin1", "utf-16le", "utf-16be"])
    .default("auto"),
  /** The sheet's name (XLSX). */
  sheet: z.string().trim().min(1).max(200).optional(),
  /** Lines at the top of the file that are not part of the table. */
  skipRows: z.coerce.number().int().min(0).max(1000).default(0),
});
export type ImportPreviewOptions = z.input<typeof importPreviewOptions>;

export const importPreviewDto = z
  .object({
    fileName: z.string(),
    fileSize: z.number().int(),
    format: z.enum(["csv", "xlsx"]),
    /**
     * How a CSV file was read: the encoding and delimiter used, and whether they were detected
     * (`delimiterDetected` false with `delimiter` auto: no delimiter splits the lines, `;` used).
     */
    csv: z
      .object({
        encoding: z.enum(["utf-8", "windows-1252", "latin1", "utf-16le", "utf-16be"]),
        encodingDetected: z.boolean(),
        hadBom: z.boolean(),
        delimiter: z.string(),
        delimiterDetected: z.boolean(),
      })
      .nullable(),
    /** The sheet read and all sheets of the workbook (XLSX). */
    xlsx: z.object({ sheet: z.string(), sheets: z.array(z.string()) }).nullable(),
    skipRows: z.number().int(),
    /** The line (or sheet row) of the header; null when nothing is left after `skipRows`. */
    headerLine: z.number().int().nullable(),
    /** The header's column names, left to right. */
    columns: z.array(z.string()),
    /** The first data rows as text, with their line in the file. */
    rows: z.array(z.object({ line: z.number().int(), cells: z.array(z.string()) })),
    /** How many data rows the table has (blank rows not counted). */
    rowCount: z.number().int(),
    /**
     * A mapping guessed from the column names (docs/import-mapping.md). It may be incomplete:
     * `missing` lists what the table does not tell, as paths of the mapping.
     */
    suggestion: z.object({
      layout: z.enum(["long", "wide"]).nullable(),
      mapping: z.record(z.string(), z.unknown()),
      missing: z.array(z.string()),
    }),
  })
  .meta({ id: "ImportPreview" });
export type ImportPreviewDto = z.infer<typeof importPreviewDto>;

/** A name a file uses for an area or variable, saved for the next delivery. */
export const savedNameDto = z
  .object({
    id: z.number().int(),
    kind: z.enum(["area", "variable"]),
    scope: z.string().describe("The level code of the area; empty for variables"),
    text: z.string(),
    code: z.string(),
    targetName: z.string(),
    createdBy: z.string(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "SavedName" });

export const saveNameBody = z
  .strictObject({
    kind: z.enum(["area", "variable"]),
    text: z.string().trim().min(1).max(200),
    code: z.string().trim().min(1).max(64),
  })
  .meta({ id: "SaveName" });

/**
 * What a boundary file holds before it is mapped: its format and coordinate system, its
 * features' properties with a few example values (to choose the code and name from), and the
 * areas as a map in WGS84 where the file could be read.
 */
export const boundaryOverviewDto = z
  .object({
    format: z.enum(["geojson", "topojson", "shapefile", "geopackage"]),
    crs: z.string().nullable(),
    features: z.number().int(),
    properties: z.array(
      z.object({
        name: z.string(),
        examples: z.array(z.string()),
        /** Every feature has a value, and no value occurs twice: a candidate for the code. */
        unique: z.boolean(),
      }),
    ),
    map: z
      .object({ type: z.literal("FeatureCollection"), features: z.array(z.unknown()) })
      .nullable(),
    issues: z.array(importIssueDto),
  })
  .meta({ id: "BoundaryOverview" });
export type BoundaryOverviewDto = z.infer<typeof boundaryOverviewDto>;
