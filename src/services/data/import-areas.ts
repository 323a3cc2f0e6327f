/**
 * Imports areas with their boundaries from GeoJSON, TopoJSON, a zipped shapefile or a
 * GeoPackage (the last two through GDAL's ogr2ogr): new areas are created, changed boundaries
 * become a new boundary version (the old one is closed the day before), unchanged ones are
 * left alone. The level is checked for overlaps, interior gaps and children outside their
 * parent (src/core/areas/topology.ts). All or nothing; a dry run writes nothing.
 */
import { areaMappingSchema, type AreaMapping } from "../../contracts/documents/area-mapping.ts";
import { readAreaFeatures } from "../../imports/geo/read-areas.ts";
import { convertWithOgr } from "../../imports/geo/ogr2ogr.ts";
import { checkLevelTopology, type TopologyArea } from "../../core/areas/topology.ts";
import { topologyIssues } from "../../core/areas/topology-issues.ts";
import { hasErrors, issue, type ImportIssue } from "../../core/data/import-issue.ts";
import { closeBoundary, insertArea, insertBoundary, listAreaLevels, listAreaSystems, listAreas, listOpenBoundaries, updateArea } from "../../storage/areas.repo.ts";
import { auditImport } from "./import-audit.ts";
import type { ImportRequest } from "./import-request.ts";
import { insertImportRun } from "../../storage/imports.repo.ts";
import { bumpDataVersion } from "../../storage/workspaces.repo.ts";
import type { ServiceContext } from "../context.ts";
import { importOutcome, type ImportReport } from "./import-report.ts";
import type { AreaGeometry as Geometry } from "../../storage/schema.ts";

export type AreaImportRequest = Omit<ImportRequest, "onProgress">;

function dayBefore(isoDate: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function sameGeometry(a: Geometry | null, b: Geometry | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export async function importAreas(
  ctx: ServiceContext,
  req: AreaImportRequest,
): Promise<ImportReport> {
  const { report, runRecord } = importOutcome(ctx, req, "areas");
  const issues: ImportIssue[] = [];
  const parsedMapping = areaMappingSchema.safeParse(req.mapping);
  if (!parsedMapping.success) {
    for (const i of parsedMapping.error.issues) {
      issues.push(
        issue("error", "invalid_mapping", `Zuordnung, Feld „${i.path.join(".")}“: ${i.message}`, {
          column: i.path.join("."),
        }),
      );
    }
    return finish(null, { areas: 0 });
  }
  const mapping: AreaMapping = parsedMapping.data;
  const label = req.label ?? mapping.label ?? req.fileName;

  const orm = ctx.db.orm;
  const ws = req.workspace;
  const system = (await listAreaSystems(orm, ws.id)).find((s) => s.code === mapping.system);
  const levels = (await listAreaLevels(orm, ws.id)).filter((l) => l.areaSystemId === system?.id);
  const level = levels.find((l) => l.code === mapping.level);
  if (!system || !level) {
    issues.push(
      issue(
        "error",
        "invalid_mapping",
        !system
          ? `Gebietsgliederung „${mapping.system}“ gibt es nicht.`
          : `Ebene „${mapping.level}“ gibt es in „${mapping.system}“ nicht (vorhanden: ${levels.map((l) => l.code).join(", ")}).`,
        { column: !system ? "system" : "level" },
      ),
    );
    return finish(label, { areas: 0 });
  }

  let input: Uint8Array | string = req.bytes;
  if (mapping.format === "shapefile" || mapping.format === "geopackage") {
    const converted = await convertWithOgr(req.bytes, {
      format: mapping.format,
      fileName: req.fileName,
      ...(mapping.layer !== undefined ? { layer: mapping.layer } : {}),
      crsGiven: mapping.crs !== "auto",
    });
    if (!converted.ok) {
      issues.push(...converted.error);
      return finish(label, { areas: 0 });
    }
    issues.push(...converted.value.issues);
    input = converted.value.geojson;
  }
  const read = readAreaFeatures(input, {
    format: mapping.format === "topojson" ? "topojson" : "geojson",
    ...(mapping.object !== undefined ? { object: mapping.object } : {}),
    crs: mapping.crs,
    code: mapping.code,
    name: mapping.name,
    ...(mapping.parent !== undefined ? { parent: mapping.parent } : {}),
  });
  if (!read.ok) {
    issues.push(...read.error);
    return finish(label, { areas: 0 });
  }
  issues.push(...read.value.issues);

  const namePattern = mapping.namePattern !== undefined ? new RegExp(mapping.namePattern) : null;
  const existing = new Map((await listAreas(orm, ws.id)).map((a) => [a.code, a]));
  const parentLevel = levels.find((l) => l.depth === level.depth - 1);
  const openBoundaries = new Map((await listOpenBoundaries(orm, ws.id)).map((b) => [b.areaId, b]));

  type Planned = {
    code: string;
    name: string;
    parentCode: string | null;
    geometry: Geometry;
    action: "create" | "new_version" | "rename" | "unchanged";
  };
  // A file of the city's districts rarely names the city: with one area on the level above,
  // that area is every district's parent (the usual first upload of "Neue Kommune einrichten").
  const onlyParent =
    parentLevel && mapping.parent === undefined
      ? [...existing.values()].filter(
          (a) => a.levelCode === parentLevel.code && a.systemCode === system.code,
        )
      : [];
  if (onlyParent.length === 1) {
    issues.push(
      issue(
        "info",
        "parent_assigned",
        `Die Datei nennt kein Obergebiet: alle Gebiete gehören zu „${onlyParent[0]!.name}“ (${onlyParent[0]!.code}), dem einzigen Gebiet der Ebene „${parentLevel!.code}“.`,
      ),
    );
  }
  const planned: Planned[] = [];
  read.value.areas.forEach((a, index) => {
    const where = { row: index + 1, column: mapping.code };
    let name = a.name;
    if (namePattern) {
      const m = namePattern.exec(a.name);
      if (m?.[1] !== undefined) name = m[1].trim();
    }
    const parentCode = onlyParent.length === 1 ? onlyParent[0]!.code : a.parentCode;
    if (parentLevel) {
      const parent = parentCode !== null ? existing.get(parentCode) : undefined;
      if (parentCode === null) {
        issues.push(
          issue(
            "error",
            "unknown_parent",
            `Gebiet „${a.code}“ hat kein Obergebiet (Ebene „${parentLevel.code}“ erwartet).`,
            where,
          ),
        );
      } else if (!parent) {
        issues.push(
          issue(
            "error",
            "unknown_parent",
            `Obergebiet „${parentCode}“ von „${a.code}“ ist unbekannt.`,
            where,
          ),
        );
      } else if (parent.levelCode !== parentLevel.code || parent.systemCode !== system.code) {
        issues.push(
          issue(
            "error",
            "unknown_parent",
            `Obergebiet „${parentCode}“ von „${a.code}“ liegt auf Ebene „${parent.levelCode}“, erwartet „${parentLevel.code}“.`,
            where,
          ),
        );
      }
    }
    const current = existing.get(a.code);
    if (current && (current.levelCode !== level.code || current.systemCode !== system.code)) {
      issues.push(
        issue(
          "error",
          "duplicate_area",
          `Gebietsschlüssel „${a.code}“ ist schon auf Ebene „${current.levelCode}“ vergeben.`,
          where,
        ),
      );
      return;
    }
    let action: Planned["action"] = "create";
    if (current) {
      const open = openBoundaries.get(current.id);
      if (!open || !sameGeometry(open.geometry, a.geometry)) action = "new_version";
      else if (current.name !== name || current.parentCode !== parentCode) action = "rename";
      else action = "unchanged";
      if (open && action === "new_version" && open.validFrom >= mapping.validFrom) {
        issues.push(
          issue(
            "error",
            "invalid_geometry",
            `„${a.code}“: Die neue Grenze gilt ab ${mapping.validFrom}, die bisherige aber schon ab ${open.validFrom}. Ein neuer Gebietsstand muss später beginnen.`,
            where,
          ),
        );
      }
    }
    planned.push({ code: a.code, name, parentCode, geometry: a.geometry, action });
  });

  // The level as it will be: the file's areas and the stored ones of the level it leaves as
  // they are; each child compared with its parent's current boundary.
  const fileCodes = new Set(read.value.areas.map((a) => a.code));
  const topologyAreas: TopologyArea[] = read.value.areas.map((a) => ({
    code: a.code,
    geometry: a.geometry,
    parentCode: a.parentCode,
  }));
  const parentGeometries = new Map<string, Geometry>();
  for (const a of existing.values()) {
    if (a.systemCode !== system.code) continue;
    const open = openBoundaries.get(a.id)?.geometry;
    if (!open) continue;
    if (a.levelCode === level.code && !fileCodes.has(a.code)) {
      topologyAreas.push({ code: a.code, geometry: open, context: true });
    } else if (parentLevel && a.levelCode === parentLevel.code) {
      parentGeometries.set(a.code, open);
    }
  }
  issues.push(...topologyIssues(checkLevelTopology(topologyAreas, parentGeometries)));

  const summary = {
    areas: planned.length,
    created: planned.filter((p) => p.action === "create").length,
    newVersions: planned.filter((p) => p.action === "new_version").length,
    renamed: planned.filter((p) => p.action === "rename").length,
    unchanged: planned.filter((p) => p.action === "unchanged").length,
    crs: read.value.crs,
  };
  if (hasErrors(issues) || req.dryRun) return finish(label, summary);

  const importId = await ctx.db.transaction(async (tx) => {
    const run = await insertImportRun(tx.orm, runRecord("committed", { issues, label, summary }));
    const ids = new Map([...existing.values()].map((a) => [a.code, a.id]));
    for (const p of planned) {
      const parentId = p.parentCode !== null ? (ids.get(p.parentCode) ?? null) : null;
      const current = existing.get(p.code);
      if (p.action === "create") {
        const { id } = await insertArea(tx.orm, {
          workspaceId: ws.id,
          areaSystemId: system.id,
          levelId: level.id,
          code: p.code,
          name: p.name,
          parentId,
        });
        ids.set(p.code, id);
        await insertBoundary(tx.orm, {
          workspaceId: ws.id,
          areaId: id,
          validFrom: mapping.validFrom,
          geometry: p.geometry,
          importId: run.id,
        });
      } else if (current && p.action !== "unchanged") {
        await updateArea(tx.orm, current.id, { name: p.name, parentId });
        if (p.action === "new_version") {
          const open = openBoundaries.get(current.id);
          if (open) await closeBoundary(tx.orm, open.id, dayBefore(mapping.validFrom));
          await insertBoundary(tx.orm, {
            workspaceId: ws.id,
            areaId: current.id,
            validFrom: mapping.validFrom,
            geometry: p.geometry,
            importId: run.id,
          });
        }
      }
    }
    await bumpDataVersion(tx.orm, ws.id);
    await auditImport(tx.orm, ctx, req, run, {
      after: {
        areas: planned
          .filter((p) => p.action !== "unchanged")
          .map((p) => ({
            code: p.code,
            action: p.action,
            before: existing.has(p.code) ? { name: existing.get(p.code)!.name } : null,
            after: { name: p.name, parent: p.parentCode },
          })),
      },
    });
    return run.id;
  });
  ctx.dataChanged.emit(ws.id);
  return report(importId, "committed", { issues, label, summary });

  /** Ends a dry run (nothing written), or an import stopped by errors (only its report is). */
  async function finish(
    runLabel: string | null,
    summary: Record<string, number | string | null>,
  ): Promise<ImportReport> {
    const l = runLabel ?? req.label ?? req.fileName;
    if (req.dryRun) return report(null, "checked", { issues, label: l, summary });
    const run = await ctx.db.transaction(async (tx) => {
      const r = await insertImportRun(tx.orm, runRecord("rejected", { issues, label: l, summary }));
      await auditImport(tx.orm, ctx, req, r);
      return r;
    });
    return report(run.id, "rejected", { issues, label: l, summary });
  }
}
