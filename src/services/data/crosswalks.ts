/**
 * Crosswalks (Umschlüsselungen) of a workspace: stored from a table of shares (a CSV file or
 * rows), all or nothing with every bad row named in German, and applied: for every variable
 * that adds up over areas (`sum`) and every period before the reform, the counts on the old
 * areas are carried onto the new ones (core/areas/crosswalk.ts) and written as observations —
 * `estimated` where shares other than 1 were used — through the import's writing path (new
 * revisions by COPY, superseded ones stamped, an import run of kind `crosswalk`, audited, a new
 * data version). Applying again writes only what changed. Method: docs/methods/crosswalk.md.
 */
import { createHash } from "node:crypto";
import {
  carryCounts,
  CROSSWALK_DEFAULTS,
  isCarriable,
  normaliseCrosswalk,
  type CrosswalkFinding,
  type NormalisedCrosswalk,
} from "../../core/areas/crosswalk.ts";
import { issue, type ImportIssue } from "../../core/data/import-issue.ts";
import { formatNumber } from "../../core/format/number.ts";
import { readCrosswalkTable, type CrosswalkColumns, type CrosswalkTableRow } from "../../imports/crosswalk-table.ts";
import { listAreas } from "../../storage/areas.repo.ts";
import { findCrosswalk, insertCrosswalk, listCrosswalks, listCrosswalkShares, type CrosswalkSummaryRow } from "../../storage/crosswalks.repo.ts";
import { insertImportRun, listImportRuns } from "../../storage/imports.repo.ts";
import { loadStoredCells } from "../../storage/observation-load.repo.ts";
import { copyObservations, supersedeObservations, type NewObservation, type ObservationStatus } from "../../storage/observations.repo.ts";
import { listPeriods } from "../../storage/periods.repo.ts";
import { listVariables } from "../../storage/variables.repo.ts";
import { bumpDataVersion, lockDataVersion } from "../../storage/workspaces.repo.ts";
import { AppError, notFound } from "../app-error.ts";
import { audit, type Actor } from "../audit.ts";
import type { ServiceContext } from "../context.ts";
import type { Workspace } from "../workspaces.ts";

export type CrosswalkBasis = "areal" | "population";

export interface CrosswalkInput {
  readonly code: string;
  readonly name: string;
  readonly basis: CrosswalkBasis;
  /** ISO date (YYYY-MM-DD): the day the new areas came into force. */
  readonly validFrom: string;
  readonly source?: string | undefined;
  /** The table as a file (CSV) … */
  readonly file?: { readonly name: string; readonly bytes: Uint8Array } | undefined;
  readonly columns?: CrosswalkColumns | undefined;
  /** … or as rows (from a JSON body). */
  readonly rows?: readonly { oldCode: string; newCode: string; weight: number }[] | undefined;
}

/** A stored crosswalk as the API shows it. */
export interface CrosswalkView {
  readonly code: string;
  readonly name: string;
  readonly basis: CrosswalkBasis;
  readonly validFrom: string;
  readonly source: string | null;
  readonly fileName: string | null;
  readonly shares: number;
  readonly oldAreas: number;
  readonly newAreas: number;
  readonly createdBy: string;
  readonly createdAt: string;
}

function view(r: CrosswalkSummaryRow): CrosswalkView {
  return {
    code: r.code,
    name: r.name,
    basis: r.basis,
    validFrom: r.validFrom,
    source: r.source,
    fileName: r.fileName,
    shares: r.shareCount,
    oldAreas: r.oldAreaCount,
    newAreas: r.newAreaCount,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
  };
}

export async function getCrosswalks(ctx: ServiceContext, ws: Workspace): Promise<CrosswalkView[]> {
  return (await listCrosswalks(ctx.db.orm, ws.id)).map(view);
}

const pct = (share: number) => `${formatNumber(share * 100, { max: 3 })} %`;

/** The normalisation's findings as German warnings naming the old area. */
export function findingIssues(findings: readonly CrosswalkFinding[]): ImportIssue[] {
  return findings.map((f) => {
    switch (f.kind) {
      case "sum_off":
        return issue(
          "warning",
          "parts_exceed_total",
          `Altes Gebiet ${f.oldCode}: die Gewichte ergeben ${formatNumber(f.sum, { max: 4 })} statt 1; sie werden auf 1 gebracht.`,
          { details: { oldCode: f.oldCode, sum: f.sum } },
        );
      case "slivers_dropped":
        return issue(
          "info",
          "unassigned_remainder",
          `Altes Gebiet ${f.oldCode}: ${f.count} Splitterfläche(n) unter ${pct(CROSSWALK_DEFAULTS.sliverBelow)} (zusammen ${pct(f.share)}) weggelassen, die übrigen Anteile neu auf 1 gebracht.`,
          { details: { oldCode: f.oldCode, count: f.count, share: f.share } },
        );
      case "no_weight":
        return issue(
          "warning",
          "empty_value",
          `Altes Gebiet ${f.oldCode}: alle Gewichte sind 0; seine Werte werden nicht übertragen.`,
          { details: { oldCode: f.oldCode } },
        );
    }
  });
}

const refused = (issues: readonly ImportIssue[]) =>
  new AppError(
    "invalid_input",
    issues.length === 1
      ? issues[0]!.message
      : `Die Umschlüsselung wurde nicht gespeichert: ${issues.length} Fehler (${issues
          .slice(0, 3)
          .map((i) => i.message)
          .join(" ")}${issues.length > 3 ? " …" : ""})`,
    { issues },
  );

const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** Checks the crosswalk's own fields; German messages naming each bad field. */
function checkFields(input: CrosswalkInput): ImportIssue[] {
  const out: ImportIssue[] = [];
  const bad = (column: string, message: string) =>
    out.push(issue("error", "invalid_mapping", message, { column }));
  if (!CODE.test(input.code)) {
    bad("code", "Kürzel: braucht 1 bis 64 Zeichen aus Buchstaben, Ziffern, „_“, „-“ und „.“.");
  }
  if (input.name.trim() === "") bad("name", "Name: darf nicht leer sein.");
  if (input.basis !== "areal" && input.basis !== "population") {
    bad("basis", "Grundlage: „areal“ (nach Fläche) oder „population“ (nach Bevölkerung).");
  }
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(input.validFrom);
  const date = d ? new Date(`${input.validFrom}T00:00:00Z`) : null;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== input.validFrom) {
    bad("validFrom", `Gültig ab: „${input.validFrom}“ ist kein Datum der Form JJJJ-MM-TT.`);
  }
  return out;
}

export interface CreatedCrosswalk {
  readonly crosswalk: CrosswalkView;
  /** Warnings and notes of the normalisation (sums off, slivers), each naming the old area. */
  readonly issues: ImportIssue[];
}

/**
 * Stores a crosswalk from its table, all or nothing: every bad field, row, unknown area code and
 * area used both as old and new is named; one error and nothing is stored. Weights are stored as
 * delivered; normalisation happens when the crosswalk is applied, and its findings come back
 * here already, as warnings.
 */
export async function createCrosswalk(
  ctx: ServiceContext,
  ws: Workspace,
  actor: Actor,
  input: CrosswalkInput,
): Promise<CreatedCrosswalk> {
  const issues = checkFields(input);
  let rows: CrosswalkTableRow[] = [];
  if (input.file) {
    if (input.file.bytes.byteLength > ctx.limits.maxImportBytes) {
      throw new AppError("payload_too_large", "Die Datei ist zu groß.");
    }
    const read = readCrosswalkTable(input.file.bytes, input.columns);
    if (read.ok) rows = read.value;
    else issues.push(...read.error);
  } else if (input.rows && input.rows.length > 0) {
    rows = input.rows.map((r, i) => ({ ...r, line: i + 1 }));
  } else {
    issues.push(
      issue("error", "empty_file", "Anteile: Angabe fehlt – eine CSV-Datei oder Zeilen.", {
        column: "rows",
      }),
    );
  }
  const areas = new Map((await listAreas(ctx.db.orm, ws.id)).map((a) => [a.code, a]));
  const olds = new Set(rows.map((r) => r.oldCode));
  const news = new Set(rows.map((r) => r.newCode));
  const unknown = new Set<string>();
  for (const r of rows) {
    for (const [code, side] of [
      [r.oldCode, "altes"],
      [r.newCode, "neues"],
    ] as const) {
      if (!areas.has(code) && !unknown.has(`${side}${code}`)) {
        unknown.add(`${side}${code}`);
        issues.push(
          issue("error", "unknown_area", `Zeile ${r.line}: ${side} Gebiet „${code}“ gibt es nicht im Arbeitsbereich.`, {
            row: r.line,
            details: { code, side: side === "altes" ? "old" : "new" },
          }),
        );
      }
    }
    if (!Number.isFinite(r.weight) || r.weight < 0 || r.weight > 1) {
      issues.push(
        issue("error", "not_a_number", `Zeile ${r.line}: Gewicht ${r.weight} liegt nicht zwischen 0 und 1.`, {
          row: r.line,
          column: "weight",
        }),
      );
    }
  }
  for (const code of [...olds].filter((c) => news.has(c)).sort()) {
    issues.push(
      issue(
        "error",
        "duplicate_area",
        `Gebiet „${code}“ steht als altes und als neues Gebiet; die Werte eines alten Gebiets würden überschrieben.`,
        { details: { code } },
      ),
    );
  }
  const errors = issues.filter((i) => i.severity === "error");
  if (errors.length > 0) throw refused(errors);
  if (await findCrosswalk(ctx.db.orm, ws.id, input.code)) {
    throw new AppError("conflict", `Kürzel: eine Umschlüsselung „${input.code}“ gibt es schon.`, {
      field: "code",
    });
  }
  const findings = findingIssues(normaliseCrosswalk(rows).findings);
  const fileName = input.file?.name ?? null;
  await ctx.db.transaction(async (tx) => {
    const row = await insertCrosswalk(
      tx.orm,
      {
        workspaceId: ws.id,
        code: input.code,
        name: input.name.trim(),
        basis: input.basis,
        validFrom: input.validFrom,
        source: input.source?.trim() || null,
        fileName,
        createdBy: actor.label,
        createdAt: ctx.now(),
      },
      rows.map((r) => ({
        oldAreaId: areas.get(r.oldCode)!.id,
        newAreaId: areas.get(r.newCode)!.id,
        weight: r.weight,
      })),
    );
    // Which area system an indicator shows by default may change: every cache recomputes.
    await bumpDataVersion(tx.orm, ws.id);
    await audit(tx.orm, ctx, actor, [
      {
        workspaceId: ws.id,
        action: "create",
        entity: "crosswalk",
        entityKey: row.code,
        after: {
          name: row.name,
          basis: row.basis,
          validFrom: row.validFrom,
          source: row.source,
          fileName,
          shares: rows.length,
          oldAreas: olds.size,
          newAreas: news.size,
        },
      },
    ]);
  });
  ctx.dataChanged.emit(ws.id);
  const stored = (await listCrosswalks(ctx.db.orm, ws.id)).find((c) => c.code === input.code)!;
  return { crosswalk: view(stored), issues: findings };
}

export interface CrosswalkApplyReport {
  readonly crosswalk: string;
  /** The import run the values were written with; null when nothing changed. */
  readonly importId: number | null;
  readonly method: {
    readonly basis: CrosswalkBasis;
    readonly validFrom: string;
    readonly sliverBelow: number;
    readonly sumTolerance: number;
    readonly rounding: "largest_remainder";
  };
  /** Variables carried (aggregation `sum`). */
  readonly variables: string[];
  /** Variables not carried, with the reason in German. */
  readonly skipped: { readonly variable: string; readonly reason: string }[];
  readonly periods: string[];
  readonly counts: {
    readonly new: number;
    readonly revised: number;
    readonly unchanged: number;
    readonly estimated: number;
    readonly exact: number;
    readonly missing: number;
    /** Values on new areas delivered or corrected by hand, kept instead of the carried ones. */
    readonly kept: number;
  };
  /** Old areas with values that the crosswalk does not cover: their counts were not carried. */
  readonly unmappedOld: string[];
  /** New areas of the crosswalk that received nothing. */
  readonly newWithoutValue: string[];
  readonly issues: ImportIssue[];
}

const SEP = "\u0000";
const MAX_AUDITED_CHANGES = 200;

/** The status of a carried value: estimated where shares were used, else as its sources say. */
function carriedStatus(
  value: number | null,
  exact: boolean,
  sources: readonly ObservationStatus[],
): ObservationStatus {
  if (value === null) return "missing";
  if (!exact || sources.includes("estimated")) return "estimated";
  return sources.includes("provisional") ? "provisional" : "final";
}

/**
 * Applies a stored crosswalk: for every `sum` variable and every period whose reference day
 * lies before the reform, the current values on the old areas are carried onto the new areas
 * and written in one transaction (import run of kind `crosswalk`, audit event, new data
 * version). A value on a new area that neither this nor another crosswalk wrote (delivered, or
 * corrected by hand) is kept and counted. Nothing changed: nothing is written.
 */
export async function applyCrosswalk(
  ctx: ServiceContext,
  ws: Workspace,
  actor: Actor,
  code: string,
): Promise<CrosswalkApplyReport> {
  const found = await findCrosswalk(ctx.db.orm, ws.id, code);
  if (!found) throw notFound("Umschlüsselung", code);
  const startedAt = ctx.now();
  const result = await ctx.db.transaction(async (tx) => {
    const orm = tx.orm;
    const version = await lockDataVersion(orm, ws.id);
    const [shares, variables, periods, runs] = await Promise.all([
      listCrosswalkShares(orm, found.id),
      listVariables(orm, ws.id),
      listPeriods(orm, ws.id),
      listImportRuns(orm, ws.id, 100_000),
    ]);
    const crosswalk: NormalisedCrosswalk = normaliseCrosswalk(shares);
    const oldIds = new Map(shares.map((s) => [s.oldAreaId, s.oldCode]));
    const newIds = new Map(shares.map((s) => [s.newCode, s.newAreaId]));
    const carried = variables.filter(isCarriable);
    const skipped = variables
      .filter((v) => !isCarriable(v))
      .map((v) => ({
        variable: v.code,
        reason: `„${v.name}“ (${v.code}) addiert sich nicht über Gebiete (Aggregation „none“) und wird nicht übertragen.`,
      }));
    const before = periods.filter((p) => p.referenceDate < found.validFrom);
    const crosswalkRuns = new Set(runs.filter((r) => r.kind === "crosswalk").map((r) => r.id));
    const cells = await loadStoredCells(
      orm,
      ws.id,
      carried.map((v) => v.id),
      before.map((p) => p.id),
    );
    const byGroup = new Map<string, Map<number, (typeof cells)[number]>>();
    for (const c of cells) {
      const key = `${c.variableId}${SEP}${c.periodId}`;
      let g = byGroup.get(key);
      if (!g) byGroup.set(key, (g = new Map()));
      g.set(c.areaId, c);
    }
    const variableCode = new Map(variables.map((v) => [v.id, v.code]));
    const periodCode = new Map(periods.map((p) => [p.id, p.code]));
    const areaCode = new Map([...oldIds, ...[...newIds].map(([c, id]) => [id, c] as const)]);
    const counts = { new: 0, revised: 0, unchanged: 0, estimated: 0, exact: 0, missing: 0, kept: 0 };
    const unmappedOld = new Set<string>();
    const received = new Set<string>();
    const usedPeriods = new Set<string>();
    const usedVariables = new Set<string>();
    const supersede: number[] = [];
    const rows: NewObservation[] = [];
    const changes: unknown[] = [];
    for (const [key, group] of byGroup) {
      const [variableId, periodId] = key.split(SEP).map(Number) as [number, number];
      const oldValues = new Map<string, number | null>();
      const oldStatus = new Map<string, ObservationStatus>();
      for (const [areaId, c] of group) {
        const oc = oldIds.get(areaId);
        if (oc === undefined) continue;
        oldValues.set(oc, c.status === "missing" ? null : c.value);
        oldStatus.set(oc, c.status);
      }
      if (oldValues.size === 0) continue;
      usedPeriods.add(periodCode.get(periodId)!);
      usedVariables.add(variableCode.get(variableId)!);
      const carry = carryCounts(crosswalk, oldValues, "largest_remainder");
      for (const c of carry.unmappedOld) unmappedOld.add(c);
      for (const v of carry.values) received.add(v.newCode);
      for (const v of carry.values) {
        const areaId = newIds.get(v.newCode)!;
        const status = carriedStatus(
          v.value,
          v.exact,
          v.sources.map((s) => oldStatus.get(s) ?? "missing"),
        );
        const prev = group.get(areaId);
        if (prev && prev.value === v.value && prev.status === status) {
          counts.unchanged++;
          continue;
        }
        if (prev && (prev.importId === null || !crosswalkRuns.has(prev.importId))) {
          counts.kept++;
          continue;
        }
        if (status === "missing") counts.missing++;
        else if (status === "estimated") counts.estimated++;
        else counts.exact++;
        if (prev) {
          supersede.push(prev.id);
          counts.revised++;
          if (changes.length < MAX_AUDITED_CHANGES) {
            changes.push({
              variable: variableCode.get(variableId),
              area: areaCode.get(areaId),
              period: periodCode.get(periodId),
              before: { value: prev.value, status: prev.status, revision: prev.revision },
              after: { value: v.value, status, revision: prev.revision + 1 },
            });
          }
        } else counts.new++;
        rows.push({
          variableId,
          areaId,
          periodId,
          value: v.value,
          status,
          revision: prev ? prev.revision + 1 : 1,
        });
      }
    }
    const issues = findingIssues(crosswalk.findings);
    for (const s of skipped) issues.push(issue("info", "skipped_row", s.reason, { details: { variable: s.variable } }));
    if (unmappedOld.size > 0) {
      issues.push(
        issue(
          "warning",
          "unknown_area",
          `Gebiete mit Werten, die die Umschlüsselung nicht kennt (nicht übertragen): ${[...unmappedOld].sort().join(", ")}.`,
          { details: { codes: [...unmappedOld].sort() } },
        ),
      );
    }
    if (counts.kept > 0) {
      issues.push(
        issue(
          "info",
          "conflicting_value",
          `${counts.kept} Werte auf neuen Gebieten wurden geliefert oder von Hand korrigiert und bleiben stehen.`,
        ),
      );
    }
    let importId: number | null = null;
    if (rows.length > 0) {
      const now = ctx.now();
      const sha = createHash("sha256")
        .update(shares.map((s) => `${s.oldCode};${s.newCode};${s.weight}`).join("\n"))
        .digest("hex");
      const summary = { ...counts, variables: usedVariables.size, periods: usedPeriods.size };
      const run = await insertImportRun(orm, {
        workspaceId: ws.id,
        kind: "crosswalk",
        label: `Umschlüsselung ${found.name}`,
        fileName: found.fileName ?? `${found.code}.csv`,
        fileSha256: sha,
        fileSize: shares.length,
        mapping: {
          crosswalk: found.code,
          basis: found.basis,
          validFrom: found.validFrom,
          ...crosswalk.options,
          rounding: "largest_remainder",
        },
        dryRun: false,
        status: "committed",
        summary,
        issues,
        startedAt,
        finishedAt: now,
      });
      importId = run.id;
      await supersedeObservations(orm, supersede, now);
      await copyObservations(tx, ws.id, run.id, now, rows);
      await bumpDataVersion(orm, ws.id);
      await audit(orm, ctx, actor, [
        {
          workspaceId: ws.id,
          action: "import",
          entity: "import_run",
          entityKey: String(run.id),
          before: { dataVersion: version },
          after: {
            kind: "crosswalk",
            crosswalk: found.code,
            label: run.label,
            summary,
            revisions: changes,
          },
        },
      ]);
    }
    return {
      importId,
      variables: [...usedVariables].sort(),
      skipped,
      periods: [...usedPeriods].sort(),
      counts,
      unmappedOld: [...unmappedOld].sort(),
      newWithoutValue: crosswalk.newCodes.filter((c) => !received.has(c)),
      issues,
      options: crosswalk.options,
    };
  });
  if (result.importId !== null) ctx.dataChanged.emit(ws.id);
  return {
    crosswalk: found.code,
    importId: result.importId,
    method: {
      basis: found.basis,
      validFrom: found.validFrom,
      ...result.options,
      rounding: "largest_remainder",
    },
    variables: result.variables,
    skipped: result.skipped,
    periods: result.periods,
    counts: result.counts,
    unmappedOld: result.unmappedOld,
    newWithoutValue: result.newWithoutValue,
    issues: result.issues,
  };
}
