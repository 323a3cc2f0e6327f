/**
 * Indicator values for the map and tables: one indicator, one period, all areas of a level,
 * compared with the city and ranked, after disclosure control. Results are cached per data
 * version, so a map request costs one lookup once computed.
 */
import { listSupersededAreaSystemIds } from "../../storage/crosswalks.repo.ts";
import {
  computeIndicator,
  type IndicatorDefinition,
  type IndicatorResult,
  indicatorCell,
} from "../../core/indicators/indicator.ts";
import {
  assembleValueSet,
  deepestLevelWithData,
  knownOrNull,
  latestSlotWithData,
  markedValue,
  valueParts,
  type IndicatorValueSet,
  type MarkView,
} from "../../core/indicators/value-set.ts";
import { suppressIndicatorResult } from "../../core/disclosure/suppress-indicator.ts";
import type { Period } from "../../core/periods/period.ts";
import { mayBypassDisclosure, type Audience } from "../../core/publication/publication.ts";
import type { MarkOptions } from "../../core/marks/value-mark.ts";
import { listAreaLevels, listAreaSystems, listAreas } from "../../storage/areas.repo.ts";
import { listIndicators, type IndicatorRow } from "../../storage/indicators.repo.ts";
import { listPeriods } from "../../storage/periods.repo.ts";
import { AppError, notFound } from "../app-error.ts";
import type { ServiceContext } from "../context.ts";
import { findIndicatorRow, pickIndicatorRow } from "./catalogue-read.ts";
import { loadCubeModel, periodOfRow, type CubeModel } from "./indicator-model.ts";
import type { Workspace } from "../workspaces.ts";

export type {
  IndicatorValueSet,
  IndicatorValueView,
  MarkView,
} from "../../core/indicators/value-set.ts";

export function toDefinition(row: IndicatorRow): IndicatorDefinition {
  return {
    code: row.code,
    numerator: row.numerator,
    denominator: row.denominator,
    factor: row.factor,
    decimals: row.decimals,
    unit: row.unit,
    polarity: row.polarity,
  };
}

/** How `audience` reads marks in workspace `ws` (core/marks `markValue`). */
export function markOptionsFor(ws: Workspace, audience: Audience, decimals: number): MarkOptions {
  return { audience, reviewInPublic: ws.reviewInPublic, decimals };
}

/**
 * Whether disclosure control applies: counts are protected, rates published by a source
 * (variables that do not sum) were protected by the source and pass as they are.
 */
export function isCountIndicator(model: CubeModel, def: IndicatorDefinition): boolean {
  return def.numerator.every(
    (code) => model.variables.find((v) => v.code === code)?.aggregation === "sum",
  );
}

/** Computes an indicator for every period of the model, suppressed when asked to. */
export function computeForModel(
  model: CubeModel,
  def: IndicatorDefinition,
  disclosure: { apply: boolean; minCount: number },
): IndicatorResult {
  const computed = computeIndicator(model.cube, def);
  if (!computed.ok) throw new AppError("invalid_input", computed.error);
  if (!disclosure.apply || !isCountIndicator(model, def)) return computed.value;
  const suppressed = suppressIndicatorResult(model.tree, computed.value, {
    minCount: disclosure.minCount,
    suppressZero: false,
  });
  if (!suppressed.ok) throw new AppError("invalid_input", suppressed.error);
  return suppressed.value.result;
}

export interface ValueSetRequest {
  readonly period?: string | undefined;
  readonly level?: string | undefined;
  readonly disclosure: boolean;
  /** Who is looking: decides which indicators exist for the caller. */
  readonly audience: Audience;
}

function checkDisclosure(disclosure: boolean, audience: Audience): void {
  if (!disclosure && !mayBypassDisclosure(audience)) {
    throw new AppError(
      "forbidden",
      "Werte ohne Geheimhaltung sind nur für die Sozialplanung einsehbar.",
    );
  }
}

/**
 * The levels of a workspace, those of area systems superseded by a reform (the old side of a
 * crosswalk, docs/methods/crosswalk.md) last: without a level, the current areas are shown.
 */
async function levelsCurrentFirst(ctx: ServiceContext, ws: Workspace) {
  const [levels, superseded] = await Promise.all([
    listAreaLevels(ctx.db.orm, ws.id),
    listSupersededAreaSystemIds(ctx.db.orm, ws.id),
  ]);
  return [
    ...levels.filter((l) => !superseded.has(l.areaSystemId)),
    ...levels.filter((l) => superseded.has(l.areaSystemId)),
  ];
}

/**
 * The area system an indicator is shown on: the system of the requested level, or the first
 * that no reform superseded.
 */
async function systemFor(ctx: ServiceContext, ws: Workspace, level: string | undefined) {
  const levels = await levelsCurrentFirst(ctx, ws);
  if (levels.length === 0)
    throw new AppError("not_found", "Der Arbeitsbereich hat noch keine Gebiete.");
  if (level === undefined) return levels[0]!.areaSystemId;
  const l = levels.find((x) => x.code === level);
  if (!l) throw notFound("Ebene", level);
  return l.areaSystemId;
}

export async function computeIndicatorValueSet(
  ctx: ServiceContext,
  ws: Workspace,
  indicatorCode: string,
  req: ValueSetRequest,
): Promise<IndicatorValueSet> {
  checkDisclosure(req.disclosure, req.audience);
  const row = await findIndicatorRow(ctx, ws, indicatorCode, req.audience);
  return computeValueSetOf(ctx, ws, toDefinition(row), req);
}

/**
 * The value set of a definition that need not be stored (the editor's live preview): the
 * same computation, disclosure control and marks as a stored indicator's map values. The
 * caller checks that the audience may see the variables the formula names.
 */
export async function computeValueSetOf(
  ctx: ServiceContext,
  ws: Workspace,
  def: IndicatorDefinition,
  req: ValueSetRequest,
): Promise<IndicatorValueSet> {
  checkDisclosure(req.disclosure, req.audience);
  const systemId = await systemFor(ctx, ws, req.level);
  const system = (await listAreaSystems(ctx.db.orm, ws.id)).find((s) => s.id === systemId)!;
  const dataVersion = ws.dataVersion;
  const model = await loadCubeModel(ctx, ws, system.code, [
    ...def.numerator,
    ...(def.denominator ?? []),
  ]);
  const result = computeForModel(model, def, { apply: req.disclosure, minCount: ws.minCount });

  let slot: number;
  if (req.period !== undefined) {
    slot = model.periods.findIndex((p) => p.code === req.period);
    if (slot < 0) throw notFound("Zeitraum", req.period);
  } else {
    slot = latestSlotWithData(result, model);
    if (slot < 0) throw new AppError("not_found", "Es gibt noch keine Zeiträume mit Daten.");
  }
  const level =
    req.level === undefined
      ? deepestLevelWithData(result, slot, model)
      : model.levels.find((l) => l.code === req.level);
  if (!level) throw notFound("Ebene", req.level ?? "");

  return assembleValueSet(model, result, {
    definition: def,
    slot,
    level,
    marks: markOptionsFor(ws, req.audience, def.decimals),
    disclosure: { minCount: ws.minCount, applied: req.disclosure && isCountIndicator(model, def) },
    dataVersion,
  });
}

export interface SeriesPoint {
  readonly period: string;
  readonly status: "known" | "missing" | "suppressed";
  readonly value: number | null;
  readonly reason: string | null;
  readonly mark: MarkView;
  /** The city's value in the same period, for comparison. */
  readonly reference: number | null;
  readonly referenceMark: MarkView | null;
}

/** The time series of one indicator for one area, with the city beside it. */
export async function computeIndicatorSeries(
  ctx: ServiceContext,
  ws: Workspace,
  indicatorCode: string,
  areaCode: string,
  options: { disclosure: boolean; audience: Audience },
): Promise<{ indicator: string; area: string; points: SeriesPoint[] }> {
  const { disclosure, audience } = options;
  checkDisclosure(disclosure, audience);
  const row = await findIndicatorRow(ctx, ws, indicatorCode, audience);
  const def = toDefinition(row);
  const area = (await listAreas(ctx.db.orm, ws.id)).find((a) => a.code === areaCode);
  if (!area) throw notFound("Gebiet", areaCode);
  const model = await loadCubeModel(ctx, ws, area.systemCode, [
    ...def.numerator,
    ...(def.denominator ?? []),
  ]);
  const result = computeForModel(model, def, { apply: disclosure, minCount: ws.minCount });
  const a = model.tree.indexByCode.get(areaCode)!;
  const root = model.tree.roots[0];
  const marks = markOptionsFor(ws, audience, def.decimals);
  const marked = (slot: number, area: number) => {
    const cell = indicatorCell(result, slot, area);
    return markedValue(cell.value, cell.flags.value, marks);
  };
  return {
    indicator: def.code,
    area: areaCode,
    points: model.periods.map((p, slot) => {
      const own = marked(slot, a);
      const ref = root === undefined ? null : marked(slot, root);
      return {
        period: p.code,
        ...valueParts(own.value),
        mark: own.mark,
        reference: ref ? knownOrNull(ref.value) : null,
        referenceMark: ref ? ref.mark : null,
      };
    }),
  };
}

/**
 * Every indicator of a workspace for every area (all levels) and every period: one cube per
 * area system holding all variables the indicators use, then each formula over it. This is
 * what reports and the benchmark need; the map endpoint computes only what it shows.
 */
export async function computeAllIndicators(
  ctx: ServiceContext,
  ws: Workspace,
  options: { disclosure: boolean },
): Promise<{ system: string; indicator: string; result: IndicatorResult }[]> {
  const rows = await listIndicators(ctx.db.orm, ws.id);
  const systems = await listAreaSystems(ctx.db.orm, ws.id);
  const variableCodes = [
    ...new Set(rows.flatMap((r) => [...r.numerator, ...(r.denominator ?? [])])),
  ];
  const out: { system: string; indicator: string; result: IndicatorResult }[] = [];
  for (const system of systems) {
    const model = await loadCubeModel(ctx, ws, system.code, variableCodes);
    for (const row of rows) {
      out.push({
        system: system.code,
        indicator: row.code,
        result: computeForModel(model, toDefinition(row), {
          apply: options.disclosure,
          minCount: ws.minCount,
        }),
      });
    }
  }
  return out;
}

export interface IndicatorColumnsRequest {
  /** Indicators to read; the first fixes the default level and period. */
  readonly codes: readonly string[];
  readonly level?: string | undefined;
  readonly period?: string | undefined;
  /** Further periods to read, from the chosen one (e.g. the start of a span of change). */
  readonly alsoPeriods?: ((period: Period) => readonly string[]) | undefined;
  readonly disclosure: boolean;
  readonly audience: Audience;
}

export interface IndicatorColumns {
  readonly level: string;
  readonly period: string;
  /** The areas of the level, in tree order. */
  readonly areas: readonly { readonly code: string; readonly name: string }[];
  /** One indicator's values at a period, aligned with `areas` (null: missing or withheld). */
  value(code: string, period: string): readonly (number | null)[];
}

/**
 * Several indicators of one level from one cube: the variables of all of them loaded once,
 * for the chosen period (and `alsoPeriods`) only when a period is given. What the social index
 * and other analyses need, without the map's ranks, changes and per-area objects.
 */
export async function readIndicatorColumns(
  ctx: ServiceContext,
  ws: Workspace,
  req: IndicatorColumnsRequest,
): Promise<IndicatorColumns> {
  checkDisclosure(req.disclosure, req.audience);
  const indicatorRows = await listIndicators(ctx.db.orm, ws.id);
  const definitions = [...new Set(req.codes)].map((code) =>
    toDefinition(pickIndicatorRow(indicatorRows, code, req.audience)),
  );
  const [levels, systems] = await Promise.all([
    levelsCurrentFirst(ctx, ws),
    listAreaSystems(ctx.db.orm, ws.id),
  ]);
  if (levels.length === 0) {
    throw new AppError("not_found", "Der Arbeitsbereich hat noch keine Gebiete.");
  }
  const levelRow = req.level === undefined ? levels[0] : levels.find((l) => l.code === req.level);
  if (!levelRow) throw notFound("Ebene", req.level ?? "");
  const system = systems.find((s) => s.id === levelRow.areaSystemId)!;

  let periodCodes: string[] | undefined;
  if (req.period !== undefined) {
    const periods = await listPeriods(ctx.db.orm, ws.id);
    const row = periods.find((p) => p.code === req.period);
    if (!row) throw notFound("Zeitraum", req.period);
    const also = req.alsoPeriods?.(periodOfRow(row)) ?? [];
    for (const code of also) {
      if (!periods.some((p) => p.code === code)) throw notFound("Zeitraum", code);
    }
    periodCodes = [req.period, ...also];
  }
  const model = await loadCubeModel(
    ctx,
    ws,
    system.code,
    definitions.flatMap((d) => [...d.numerator, ...(d.denominator ?? [])]),
    periodCodes,
  );
  const results = new Map(
    definitions.map((d) => [
      d.code,
      computeForModel(model, d, { apply: req.disclosure, minCount: ws.minCount }),
    ]),
  );
  const first = results.get(definitions[0]!.code)!;

  let slot = req.period === undefined ? -1 : model.periods.findIndex((p) => p.code === req.period);
  if (slot < 0) {
    slot = latestSlotWithData(first, model);
    if (slot < 0) throw new AppError("not_found", "Es gibt noch keine Zeiträume mit Daten.");
  }
  const level =
    req.level === undefined
      ? deepestLevelWithData(first, slot, model)
      : model.levels.find((l) => l.code === req.level);
  if (!level) throw notFound("Ebene", req.level ?? "");
  const areaIndices = model.tree.indicesByLevel.get(level.depth) ?? [];
  const slots = new Map(model.periods.map((p, i) => [p.code, i]));
  return {
    level: level.code,
    period: model.periods[slot]!.code,
    areas: areaIndices.map((a) => ({ code: model.tree.codes[a]!, name: model.areas[a]!.name })),
    value(code, period) {
      const result = results.get(code);
      const s = slots.get(period);
      if (!result) throw new Error(`readIndicatorColumns: ${code} was not read`);
      if (s === undefined) throw notFound("Zeitraum", period);
      return areaIndices.map((a) => knownOrNull(indicatorCell(result, s, a).value));
    },
  };
}
