/**
 * Imports observations from a CSV or XLSX table through a mapping: read → map → validate
 * (pure, outside any transaction) → write (one transaction: new revisions by COPY, superseded
 * ones stamped). All or nothing: any error rejects the whole file and writes no figure. A dry
 * run reports everything and writes nothing.
 */
import { formatNumber } from "../../core/format/number.ts";
import { nextPeriod, parsePeriod, previousPeriod, type Period } from "../../core/periods/period.ts";
import { hasErrors, issue, type ImportIssue } from "../../core/data/import-issue.ts";
import { parseMapping, type ObservationMapping, type ObservationRecord } from "../../imports/mapping/mapping.ts";
import { readObservations } from "../../imports/read-table.ts";
import { validateObservations, type StoredFigure, type ValidationContext } from "../../imports/validate/validate-observations.ts";
import { listAreaLevels, listAreas } from "../../storage/areas.repo.ts";
import { auditImport } from "./import-audit.ts";
import { insertImportRun, listImportRuns } from "../../storage/imports.repo.ts";
import { loadStoredCells } from "../../storage/observation-load.repo.ts";
import { copyObservations, supersedeObservations, type NewObservation } from "../../storage/observations.repo.ts";
import { ensurePeriods, listPeriods } from "../../storage/periods.repo.ts";
import { listVariables } from "../../storage/variables.repo.ts";
import { bumpDataVersion, getDataVersion, lockDataVersion } from "../../storage/workspaces.repo.ts";
import type { ServiceContext } from "../context.ts";
import { nameMatchers } from "./saved-names.ts";
import { listIndicators, type IndicatorRow } from "../../storage/indicators.repo.ts";
import { usesVariable } from "../../core/indicators/indicator.ts";
import { listSavedNames } from "../../storage/saved-names.repo.ts";
import { resolveNames } from "../../imports/validate/resolve-names.ts";
import { countReviewCells, holdImportFindings } from "./value-review.ts";
import { importOutcome, type ImportReport } from "./import-report.ts";
import type { ImportRequest } from "./import-request.ts";

const SEP = "\u0000";

const neighbourCache = new Map<string, string[]>();
/** The previous and next period of the same kind, by code. */
function neighbourCodes(code: string): string[] {
  let hit = neighbourCache.get(code);
  if (!hit) {
    const p = parsePeriod(code);
    hit = p.ok
      ? [previousPeriod(p.value)?.code, nextPeriod(p.value)?.code].filter(
          (c): c is string => c !== undefined,
        )
      : [];
    if (neighbourCache.size < 10_000) neighbourCache.set(code, hit);
  }
  return hit;
}
const keyOf = (variable: string, area: string, period: string) =>
  `${variable}${SEP}${area}${SEP}${period}`;

interface Stored {
  readonly id: number;
  readonly value: number | null;
  readonly status: string;
  readonly revision: number;
  readonly importLabel: string;
}

interface Prepared {
  readonly dataVersion: number;
  readonly mapping: ObservationMapping;
  readonly label: string;
  readonly issues: ImportIssue[];
  readonly summary: Record<string, number | string | null>;
  readonly toWrite: readonly ObservationRecord[];
  readonly stored: ReadonlyMap<string, Stored>;
  readonly ids: {
    readonly variables: ReadonlyMap<string, number>;
    readonly areas: ReadonlyMap<string, number>;
    readonly periods: ReadonlyMap<string, number>;
  };
}

/**
 * One note per variable this file writes that no indicator shows: its figures are stored, but
 * appear in the atlas only once an indicator uses it ("Indikator anlegen" on the Indikatoren
 * page makes a count of it).
 */
function withoutIndicator(
  records: readonly ObservationRecord[],
  variables: readonly { code: string; name: string }[],
  indicators: readonly IndicatorRow[],
): ImportIssue[] {
  const written = new Set(records.map((r) => r.variableCode));
  return variables
    .filter((v) => written.has(v.code) && !indicators.some((i) => usesVariable(i, v.code)))
    .map((v) =>
      issue(
        "info",
        "variable_without_indicator",
        `Merkmal „${v.name}“ (${v.code}) zeigt noch kein Indikator: die Werte werden gespeichert, erscheinen im Atlas aber erst mit einem Indikator – unter „Indikatoren“ mit „Indikator anlegen“.`,
        { details: { variable: v.code } },
      ),
    );
}

/** Everything up to the write: pure steps fed with what the database holds now. */
async function prepare(
  ctx: ServiceContext,
  req: ImportRequest,
): Promise<
  | Prepared
  | { issues: ImportIssue[]; label: string; summary: Record<string, number | string | null> }
> {
  const fallbackLabel = req.label ?? req.fileName;
  if (req.bytes.byteLength > ctx.limits.maxImportBytes) {
    const mb = (n: number) =>
      formatNumber(n / 1024 / 1024, { max: 1 });
    return {
      label: fallbackLabel,
      summary: {},
      issues: [
        issue(
          "error",
          "file_too_large",
          `Die Datei ist ${mb(req.bytes.byteLength)} MB groß; erlaubt sind höchstens ${mb(ctx.limits.maxImportBytes)} MB.`,
        ),
      ],
    };
  }
  const parsed = parseMapping(req.mapping);
  if (!parsed.ok) return { issues: parsed.error, label: fallbackLabel, summary: {} };
  const mapping = parsed.value;
  const label = req.label ?? mapping.label ?? req.fileName;

  req.onProgress?.({ phase: "read" });
  const read = await readObservations(req.bytes, mapping);
  const issues: ImportIssue[] = [...read.issues];
  const ws = req.workspace;
  const orm = ctx.db.orm;
  const [dataVersion, areas, levels, variables, periods, runs, saved, indicators] = await Promise.all([
    getDataVersion(orm, ws.id),
    listAreas(orm, ws.id),
    listAreaLevels(orm, ws.id),
    listVariables(orm, ws.id),
    listPeriods(orm, ws.id),
    listImportRuns(orm, ws.id, 100_000),
    listSavedNames(orm, ws.id),
    listIndicators(orm, ws.id),
  ]);
  const areaLevel = mapping.area?.level;
  if (areaLevel !== undefined && !levels.some((l) => l.code === areaLevel)) {
    const known = [...new Set(levels.map((l) => l.code))].join(", ");
    return {
      label,
      summary: {},
      issues: [
        issue(
          "error",
          "invalid_mapping",
          `Zuordnung, Feld „area.level“: Ebene „${areaLevel}“ gibt es nicht (vorhanden: ${known}).`,
          { column: "area.level" },
        ),
      ],
    };
  }
  const levelName = new Map(levels.map((l) => [l.code, l.name]));
  const names = resolveNames(read.records, {
    ...nameMatchers(areas, variables, saved),
    areaLevel,
    levelName: (code) => levelName.get(code) ?? code,
    columns: { area: mapping.area?.column, variable: mapping.variable?.column },
  });
  const records = names.records;
  issues.push(...names.issues);

  // Stored figures of the variables and periods this file touches (all areas: the
  // consistency checks compare children with parents).
  const variableIds = new Map(variables.map((v) => [v.code, v.id]));
  const periodIdByCode = new Map(periods.map((p) => [p.code, p.id]));
  const touchedVariables = new Set<number>();
  const touchedPeriods = new Set<number>();
  for (const r of records) {
    const v = variableIds.get(r.variableCode);
    const p = periodIdByCode.get(r.periodCode);
    if (v !== undefined) touchedVariables.add(v);
    if (p !== undefined) touchedPeriods.add(p);
    // The neighbouring periods too: the plausibility checks compare with them.
    for (const n of neighbourCodes(r.periodCode)) {
      const id = periodIdByCode.get(n);
      if (id !== undefined) touchedPeriods.add(id);
    }
  }
  const runLabel = new Map(runs.map((r) => [r.id, r.label]));
  const areaCode = new Map(areas.map((a) => [a.id, a.code]));
  const variableCode = new Map(variables.map((v) => [v.id, v.code]));
  const periodCode = new Map(periods.map((p) => [p.id, p.code]));
  const stored = new Map<string, Stored>();
  if (touchedVariables.size > 0 && touchedPeriods.size > 0) {
    const rows = await loadStoredCells(orm, ws.id, [...touchedVariables], [...touchedPeriods]);
    for (const r of rows) {
      stored.set(
        keyOf(
          variableCode.get(r.variableId)!,
          areaCode.get(r.areaId)!,
          periodCode.get(r.periodId)!,
        ),
        {
          id: r.id,
          value: r.value,
          status: r.status,
          revision: r.revision,
          importLabel:
            r.importId !== null
              ? (runLabel.get(r.importId) ?? `Import ${r.importId}`)
              : "ohne Import",
        },
      );
    }
  }

  const levelNames = new Map(
    levels.map((l) => [l.depth, { singular: l.name, plural: l.name }] as const),
  );
  const validationContext: ValidationContext = {
    areas: new Map(
      areas.map((a) => [a.code, { parentCode: a.parentCode, level: a.depth, name: a.name }]),
    ),
    variables: new Map(
      variables.map((v) => [
        v.code,
        {
          aggregation: v.aggregation,
          measure: v.measure,
          nonNegative: v.nonNegative,
          name: v.name,
        },
      ]),
    ),
    existing: (v, a, p): StoredFigure | undefined => stored.get(keyOf(v, a, p)),
    importLabel: label,
    levelNames,
    columns: { area: mapping.area?.column, variable: mapping.variable?.column },
    suggestions: names.suggestions,
  };
  req.onProgress?.({ phase: "validate", records: records.length });
  const validated = validateObservations(records, validationContext);
  issues.push(...validated.issues);
  issues.push(...withoutIndicator(validated.toWrite, variables, indicators));

  const summary: Record<string, number | string | null> = {
    ...read.summary,
    new: validated.counts.new,
    changed: validated.counts.changed,
    unchanged: validated.counts.unchanged,
    checked: validated.counts.check,
    rejectedRecords: validated.counts.rejected,
    toReview: countReviewCells(validated.issues),
    ...(read.source?.format === "csv"
      ? { encoding: read.source.encoding, delimiter: read.source.delimiter }
      : read.source?.format === "xlsx"
        ? { sheet: read.source.sheetName }
        : {}),
  };
  return {
    dataVersion,
    mapping,
    label,
    issues,
    summary,
    toWrite: validated.toWrite,
    stored,
    ids: {
      variables: variableIds,
      areas: new Map(areas.map((a) => [a.code, a.id])),
      periods: periodIdByCode,
    },
  };
}

/** How many revised cells an import's audit event lists by name (all stay in the history). */
const MAX_AUDITED_CHANGES = 200;

export async function importObservations(
  ctx: ServiceContext,
  req: ImportRequest,
): Promise<ImportReport> {
  const { report, runRecord } = importOutcome(ctx, req, "observations");
  const prepared = await prepare(ctx, req);

  if (req.dryRun) return report(null, "checked", prepared);
  if (!("toWrite" in prepared) || hasErrors(prepared.issues)) {
    const run = await ctx.db.transaction(async (tx) => {
      const r = await insertImportRun(tx.orm, runRecord("rejected", prepared));
      await auditImport(tx.orm, ctx, req, r);
      return r;
    });
    return report(run.id, "rejected", prepared);
  }

  // Validation ran outside the transaction (PGlite has a single connection, and a long
  // transaction would block every reader). If another import committed meanwhile, the
  // stored figures may have changed: validate once more against the new state.
  let current: Prepared = prepared;
  for (let attempt = 0; ; attempt++) {
    const p = current;
    const committed = await ctx.db.transaction(async (tx) => {
      const version = await lockDataVersion(tx.orm, req.workspace.id);
      if (version !== p.dataVersion) return null;
      const run = await insertImportRun(tx.orm, runRecord("committed", p));
      const periodList: Period[] = [];
      for (const code of new Set(p.toWrite.map((r) => r.periodCode))) {
        const parsedPeriod = parsePeriod(code);
        if (parsedPeriod.ok) periodList.push(parsedPeriod.value);
      }
      const periodIds = await ensurePeriods(tx.orm, req.workspace.id, periodList);
      const supersede: number[] = [];
      const rows: NewObservation[] = [];
      const changes: {
        variable: string;
        area: string;
        period: string;
        before: unknown;
        after: unknown;
      }[] = [];
      for (const r of p.toWrite) {
        const prev = p.stored.get(keyOf(r.variableCode, r.areaCode, r.periodCode));
        if (prev && prev.value === r.value && prev.status === r.status) continue;
        if (prev) {
          supersede.push(prev.id);
          if (changes.length < MAX_AUDITED_CHANGES) {
            changes.push({
              variable: r.variableCode,
              area: r.areaCode,
              period: r.periodCode,
              before: { value: prev.value, status: prev.status, revision: prev.revision },
              after: { value: r.value, status: r.status, revision: prev.revision + 1 },
            });
          }
        }
        rows.push({
          variableId: p.ids.variables.get(r.variableCode)!,
          areaId: p.ids.areas.get(r.areaCode)!,
          periodId: periodIds.get(r.periodCode)!,
          value: r.value,
          status: r.status,
          revision: prev ? prev.revision + 1 : 1,
        });
      }
      req.onProgress?.({ phase: "write", records: rows.length });
      const now = ctx.now();
      await supersedeObservations(tx.orm, supersede, now);
      await copyObservations(tx, req.workspace.id, run.id, now, rows);
      const held = await holdImportFindings(tx.orm, req.workspace.id, run.id, p.issues, {
        ...p.ids,
        periods: new Map([...p.ids.periods, ...periodIds]),
      });
      await bumpDataVersion(tx.orm, req.workspace.id);
      await auditImport(tx.orm, ctx, req, run, {
        before: { dataVersion: version },
        after: {
          newObservations: rows.length - supersede.length,
          revisedObservations: supersede.length,
          heldForReview: held,
          // Every revision stays in the observation table; the log names the first ones.
          revisions: changes,
        },
      });
      return run.id;
    });
    if (committed !== null) {
      ctx.dataChanged.emit(req.workspace.id);
      return report(committed, "committed", p);
    }
    if (attempt >= 2) {
      const busy = issue(
        "error",
        "conflicting_value",
        "Während der Prüfung wurden gleichzeitig andere Daten importiert. Bitte den Import wiederholen.",
      );
      return report(null, "rejected", { ...p, issues: [...p.issues, busy] });
    }
    const again = await prepare(ctx, req);
    if (!("toWrite" in again) || hasErrors(again.issues)) {
      const run = await ctx.db.transaction(async (tx) => {
        const r = await insertImportRun(tx.orm, runRecord("rejected", again));
        await auditImport(tx.orm, ctx, req, r);
        return r;
      });
      return report(run.id, "rejected", again);
    }
    current = again;
  }
}
