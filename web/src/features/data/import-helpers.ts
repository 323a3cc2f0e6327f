/**
 * What the Daten page does without React: telling geodata from tables, the skeleton of an area
 * mapping, asking the server for a file's preview, the suggested form, a JSON text's error, and the names a finding offers to map.
 */
import type { ImportPreviewDto, ImportReportDto } from "@contracts/data-imports.ts";
import { apiUpload, wsPath } from "../../lib/api.ts";
import { readForm, type MappingForm } from "./mapping-form.ts";


/** Geodata have no table to preview; their mapping is written as JSON. A .zip holds a shapefile. */
export const GEODATA = /\.(geojson|topojson|json|zip|gpkg)$/i;

/** The area mapping's `format` for a geodata file, from its name. */
export function geodataFormat(fileName: string): "geojson" | "topojson" | "shapefile" | "geopackage" {
  if (/\.topojson$/i.test(fileName)) return "topojson";
  if (/\.zip$/i.test(fileName)) return "shapefile";
  if (/\.gpkg$/i.test(fileName)) return "geopackage";
  return "geojson";
}

/** The skeleton of an area mapping (docs/import-mapping.md), for a geodata file. */
export const areaTemplate = (fileName: string) =>
  `${JSON.stringify(
    {
      kind: "areas",
      format: geodataFormat(fileName),
      system: "",
      level: "",
      code: "",
      name: "",
      validFrom: "",
    },
    null,
    2,
  )}\n`;

/** Asks the server how it reads the file with the form's read options. */
export async function fetchPreview(ws: string, file: File, form: MappingForm): Promise<ImportPreviewDto> {
  const data = new FormData();
  data.set("delimiter", form.delimiter);
  data.set("encoding", form.encoding);
  if (form.sheet !== "") data.set("sheet", form.sheet);
  if (form.skipRows > 0) data.set("skipRows", String(form.skipRows));
  data.set("file", file, file.name);
  const { body } = await apiUpload<ImportPreviewDto>(wsPath("/api/imports/preview", ws), data, {
    reportIn422: false,
  });
  return body;
}

/** The form the server suggests for a file, read with the options the form already has. */
export function suggestedForm(preview: ImportPreviewDto, current: MappingForm): MappingForm {
  const suggested = readForm(preview.suggestion.mapping);
  return {
    ...suggested,
    delimiter: current.delimiter,
    encoding: current.encoding,
    skipRows: current.skipRows,
    label: current.label,
  };
}

/** The error message of a JSON text, or null when it parses. */
export function jsonError(text: string): string | null {
  try {
    JSON.parse(text);
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

type Issue = ImportReportDto["issues"][number];

export interface NameChoice {
  readonly code: string;
  readonly name: string;
}

const KINDS: Readonly<Record<string, "area" | "variable">> = {
  unknown_area: "area",
  ambiguous_area: "area",
  unknown_variable: "variable",
  ambiguous_variable: "variable",
};

/** The text of the file and the entries it may mean, or null for any other finding. */
export function nameChoices(
  issue: Issue,
): { kind: "area" | "variable"; text: string; choices: NameChoice[] } | null {
  const kind = KINDS[issue.code];
  const d = issue.details;
  if (kind === undefined || d === undefined) return null;
  const text = typeof d["code"] === "string" ? d["code"] : d["text"];
  const list = d["suggestions"] ?? d["candidates"];
  if (typeof text !== "string" || !Array.isArray(list)) return null;
  const choices = list.filter(
    (c): c is NameChoice =>
      typeof c === "object" && c !== null && typeof c.code === "string" && typeof c.name === "string",
  );
  return choices.length > 0 ? { kind, text, choices } : null;
}
