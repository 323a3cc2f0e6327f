/**
 * Shapefiles (as a zip archive) and GeoPackages, turned into GeoJSON by GDAL's `ogr2ogr` so
 * that the GeoJSON reader (read-areas.ts) does the rest. The coordinates keep the source's
 * coordinate system; ogr2ogr names it in the GeoJSON `crs` member when it knows its EPSG code.
 * The program runs with its arguments as a list (never through a shell), in a temporary
 * folder that is removed afterwards, and is stopped after a timeout.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { err, ok, type Result } from "../../core/result.ts";
import { issue, type ImportIssue } from "../../core/data/import-issue.ts";

export type OgrFormat = "shapefile" | "geopackage";

/** Runs a program with arguments; resolves with its output or rejects with its error. */
export type RunProgram = (
  file: string,
  args: readonly string[],
  options: { readonly timeoutMs: number },
) => Promise<{ stdout: string; stderr: string }>;

export interface OgrOptions {
  readonly format: OgrFormat;
  /** The uploaded file's name, for messages. */
  readonly fileName: string;
  /** GeoPackage: the layer to read; default the first one. */
  readonly layer?: string;
  /** True when the mapping names the coordinate system, so a shapefile may lack its .prj. */
  readonly crsGiven: boolean;
}

export interface OgrDeps {
  readonly run: RunProgram;
  /** The folder for the temporary files. */
  readonly tmp: string;
  /** The name or path of ogr2ogr and ogrinfo (their folder), default from PATH. */
  readonly binDir: string | null;
  readonly timeoutMs: number;
}

export interface OgrResult {
  /** The features as GeoJSON text. */
  readonly geojson: string;
  readonly issues: ImportIssue[];
}

/** How long ogr2ogr may take before it is stopped. */
export const OGR_TIMEOUT_MS = 60_000;

const runFile: RunProgram = (file, args, options) =>
  new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { timeout: options.timeoutMs, maxBuffer: 16 * 1024 * 1024, encoding: "utf8" },
      (error, stdout, stderr) => {
        if (error) reject(Object.assign(error, { stderr }));
        else resolve({ stdout, stderr });
      },
    );
  });

const DEFAULT_DEPS: OgrDeps = {
  run: runFile,
  tmp: tmpdir(),
  binDir: null,
  timeoutMs: OGR_TIMEOUT_MS,
};

const q = (s: string): string => `„${s}“`;

const fail = (code: ImportIssue["code"], message: string): Result<never, ImportIssue[]> =>
  err([issue("error", code, message)]);

/** Splits "dir/name.shp" into its stem ("dir/name") and lower-case extension ("shp"). */
function stemAndExtension(path: string): [string, string] {
  const dot = path.lastIndexOf(".");
  return dot < 0 ? [path, ""] : [path.slice(0, dot), path.slice(dot + 1).toLowerCase()];
}

/** What went wrong when running a GDAL program, in German. */
function programFailure(e: unknown, program: string, fileName: string, timeoutMs: number): string {
  const error = e as { code?: unknown; killed?: boolean; signal?: unknown; stderr?: unknown };
  if (error.code === "ENOENT") {
    return `GDAL (${program}) ist nicht installiert – Shapefiles und GeoPackages brauchen es (Debian/Ubuntu: Paket „gdal-bin“). GeoJSON und TopoJSON lassen sich ohne GDAL einlesen.`;
  }
  if (error.killed === true || error.signal === "SIGTERM") {
    return `GDAL (${program}) hat ${q(fileName)} nicht binnen ${Math.round(timeoutMs / 1000)} s gelesen und wurde abgebrochen.`;
  }
  const stderr = typeof error.stderr === "string" ? error.stderr.trim() : "";
  const detail =
    stderr.split("\n").slice(0, 3).join(" ") || (e instanceof Error ? e.message : String(e));
  return `GDAL (${program}) konnte ${q(fileName)} nicht lesen: ${detail}`;
}

/**
 * Checks the zip archive of a shapefile and returns the path of its .shp inside it: exactly
 * one .shp, with its .shx and .dbf beside it, and its .prj unless the mapping names the
 * coordinate system.
 */
async function shapefileInZip(
  bytes: Uint8Array,
  opts: OgrOptions,
): Promise<Result<{ shp: string; prj: string | null }, ImportIssue[]>> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    return fail(
      "conversion_failed",
      `${q(opts.fileName)} ist kein ZIP-Archiv: Ein Shapefile wird als ZIP mit .shp, .shx, .dbf und .prj hochgeladen.`,
    );
  }
  const names = Object.values(zip.files)
    .filter((f) => !f.dir && !f.name.startsWith("__MACOSX/") && !/(^|\/)\._/.test(f.name))
    .map((f) => f.name);
  const byLowerName = new Map(names.map((n) => [n.toLowerCase(), n]));
  const shps = names.filter((n) => stemAndExtension(n)[1] === "shp");
  const listed = names.slice(0, 10).map(q).join(", ") || "keine Dateien";
  if (shps.length === 0) {
    return fail(
      "conversion_failed",
      `Das ZIP-Archiv ${q(opts.fileName)} enthält keine .shp-Datei (enthalten: ${listed}).`,
    );
  }
  if (shps.length > 1) {
    return fail(
      "conversion_failed",
      `Das ZIP-Archiv ${q(opts.fileName)} enthält mehrere Shapefiles (${shps.map(q).join(", ")}); bitte je Archiv nur eines.`,
    );
  }
  const shp = shps[0]!;
  const stem = stemAndExtension(shp)[0];
  const sibling = (ext: string) => byLowerName.get(`${stem}.${ext}`.toLowerCase()) ?? null;
  const missing = ["shx", "dbf"].filter((ext) => sibling(ext) === null);
  if (missing.length > 0) {
    return fail(
      "conversion_failed",
      `Zum Shapefile ${q(shp)} fehlt ${missing.map((e) => q(`${stem}.${e}`)).join(" und ")} im ZIP-Archiv ${q(opts.fileName)}.`,
    );
  }
  const prj = sibling("prj");
  if (prj === null && !opts.crsGiven) {
    return err([
      issue(
        "error",
        "missing_prj",
        `Das Shapefile ${q(shp)} in ${q(opts.fileName)} hat keine .prj-Datei: das Koordinatensystem ist unbekannt; Koordinatensystem in der Zuordnung angeben (crs), z. B. „EPSG:25832“.`,
        { column: "crs", details: { file: shp } },
      ),
    ]);
  }
  const prjText = prj !== null ? await zip.file(prj)?.async("string") : undefined;
  return ok({ shp, prj: prjText ?? null });
}

const isGeoPackage = (bytes: Uint8Array): boolean =>
  Buffer.from(bytes.subarray(0, 16)).toString("latin1") === "SQLite format 3\0";

/** The layer names `ogrinfo -q` lists ("1: bezirke (Polygon)"). */
export function parseLayerList(stdout: string): string[] {
  const out: string[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const m = /^\d+: (.+?)(?: \([^()]*\))?$/.exec(line.trim());
    if (m?.[1] !== undefined) out.push(m[1]);
  }
  return out;
}

/**
 * Converts a shapefile (zip archive) or a GeoPackage to GeoJSON with ogr2ogr. A zip without
 * a .shp, with several, without .shx or .dbf, or without .prj (when the mapping does not name
 * the coordinate system) is refused before GDAL runs, naming the file. A GeoPackage layer
 * that does not exist is refused listing those that do. GDAL missing, failing or too slow is
 * an error saying so.
 */
export async function convertWithOgr(
  bytes: Uint8Array,
  opts: OgrOptions,
  deps: Partial<OgrDeps> = {},
): Promise<Result<OgrResult, ImportIssue[]>> {
  const d: OgrDeps = { ...DEFAULT_DEPS, ...deps };
  const program = (name: string) => (d.binDir !== null ? join(d.binDir, name) : name);
  const issues: ImportIssue[] = [];
  let source: string;
  let layer: string | null = null;
  let prj: string | null = null;
  let inZip: string | null = null;
  if (opts.format === "shapefile") {
    const found = await shapefileInZip(bytes, opts);
    if (!found.ok) return found;
    inZip = found.value.shp;
    prj = found.value.prj;
  } else if (!isGeoPackage(bytes)) {
    return fail("conversion_failed", `${q(opts.fileName)} ist keine GeoPackage-Datei.`);
  }

  const dir = await mkdtemp(join(d.tmp, "sopla-ogr-"));
  try {
    const input = join(dir, opts.format === "shapefile" ? "upload.zip" : "upload.gpkg");
    await writeFile(input, bytes);
    if (inZip !== null) source = `/vsizip/${input}/${inZip}`;
    else {
      source = input;
      let listing: string;
      try {
        listing = (
          await d.run(program("ogrinfo"), ["-ro", "-q", input], { timeoutMs: d.timeoutMs })
        ).stdout;
      } catch (e) {
        return fail("conversion_failed", programFailure(e, "ogrinfo", opts.fileName, d.timeoutMs));
      }
      const layers = parseLayerList(listing);
      if (layers.length === 0) {
        return fail(
          "empty_file",
          `Die GeoPackage-Datei ${q(opts.fileName)} enthält keine Ebene (Layer).`,
        );
      }
      layer = opts.layer ?? layers[0]!;
      if (!layers.includes(layer)) {
        return err([
          issue(
            "error",
            "object_not_found",
            `Die Ebene (Layer) ${q(layer)} gibt es in ${q(opts.fileName)} nicht. Vorhanden: ${layers.map(q).join(", ")}.`,
            { column: "layer", details: { layers } },
          ),
        ]);
      }
      if (opts.layer === undefined && layers.length > 1) {
        issues.push(
          issue(
            "info",
            "object_not_found",
            `${q(opts.fileName)} hat ${layers.length} Ebenen (${layers.map(q).join(", ")}); gelesen wurde die erste, ${q(layer)}. Eine andere wählt „layer“ in der Zuordnung.`,
            { column: "layer", details: { layers } },
          ),
        );
      }
    }
    const output = join(dir, "converted.geojson");
    const args = ["-f", "GeoJSON", output, source, ...(layer !== null ? [layer] : [])];
    try {
      await d.run(program("ogr2ogr"), args, { timeoutMs: d.timeoutMs });
    } catch (e) {
      return fail("conversion_failed", programFailure(e, "ogr2ogr", opts.fileName, d.timeoutMs));
    }
    let geojson: string;
    try {
      geojson = await readFile(output, "utf8");
    } catch {
      return fail(
        "conversion_failed",
        `GDAL (ogr2ogr) hat aus ${q(opts.fileName)} nichts gelesen.`,
      );
    }
    // GDAL names the system only when it finds its EPSG code; say which .prj it could not place.
    if (prj !== null && !opts.crsGiven && !geojson.slice(0, 1000).includes('"crs"')) {
      const name =
        /^\s*(?:PROJCS|GEOGCS|PROJCRS|GEOGCRS)\["([^"]*)"/.exec(prj)?.[1] ?? prj.slice(0, 80);
      issues.push(
        issue(
          "warning",
          "crs_not_detected",
          `GDAL kennt für das Koordinatensystem der .prj-Datei (${q(name)}) keinen EPSG-Code; falls das Einlesen scheitert, Koordinatensystem in der Zuordnung angeben (crs).`,
          { column: "crs" },
        ),
      );
    }
    return ok({ geojson, issues });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
