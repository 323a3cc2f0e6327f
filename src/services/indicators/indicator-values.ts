/**
 * Indicator values for the map and tables: one indicator, one period, all areas of a level,
 * compared with the city and ranked, after disclosure control. Results are cached per data
 * version, so a map request costs one lookup once computed.
 */
import { rankWithinLevel, changeOverPeriods } from "../../core/indicators/compare.ts";
import {
  computeIndicator,
  indicatorCell,
  type IndicatorDefinition,
  type IndicatorResult,
} from "../../core/indicators/indicator.ts";
import { suppressIndicatorResult } from "../../core/disclosure/suppress-indicator.ts";
import { previousPeriod, type Period } from "../../core/periods/period.ts";
import {
  isVisibleTo,
  mayBypassDisclosure,
  type Audience,
} from "../../core/publication/publication.ts";
import {
  combineFlags,
  markValue,
  type Letter,
  type Marked,
  type MarkOptions,
  type Sign,
} from "../../core/marks/value-mark.ts";
import { known, missing, type Value } from "../../core/value.ts";
import { listAreaLevels, listAreaSystems, listAreas } from "../../storage/areas.repo.ts";
import { listIndicators, type IndicatorRow } from "../../storage/indicators.repo.ts";
import { listPeriods } from "../../storage/periods.repo.ts";
import { AppError, notFound } from "../app-error.ts";
import type { ServiceContext } from "../context.ts";
import { loadCubeModel, periodOfRow, type CubeModel } from "./indicator-model.ts";
import type { Workspace } from "../workspaces.ts";

/** The marks of a shown number (core/marks): the sign, parentheses, letters, under review. */
export interface MarkView {
  readonly sign: Sign | null;
  readonly limited: boolean;
  readonly letters: Letter[];
  readonly review: boolean;
}

export interface IndicatorValueView {
  readonly area: string;
  readonly name: string;
  readonly status: "known" | "missing" | "suppressed";
  readonly value: number | null;
  readonly reason: string | null;
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly rank: number | null;
  readonly change: number | null;
  /** The marks of the value; a rank carries them too. */
  readonly mark: MarkView;
  /** The marks of the change: those of both periods' values. */
  readonly changeMark: MarkView | null;
}

export interface IndicatorValueSet {
  readonly indicator: string;
  readonly unit: string;
  readonly decimals: number;
  readonly period: string;
  readonly previousPeriod: string | null;
  readonly level: string;
  readonly reference: {
    area: string;
    name: string;
    value: number | null;
    status: "known" | "missing" | "suppressed";
    mark: MarkView;
  } | null;
  readonly disclosure: { minCount: number; applied: boolean };
  readonly dataVersion: number;
  readonly values: IndicatorValueView[];
}

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

function parts(v: Value<number>): {
  status: IndicatorValueView["status"];
  value: number | null;
  reason: string | null;
} {
  return v.kind === "known"
    ? { status: "known", value: v.value, reason: null }
    : { status: v.kind, value: null, reason: v.reason };
}

const valueOf = (v: Value<number> | null): number | null =>
  v && v.kind === "known" ? v.value : null;

/** How `audience` reads marks in workspace `ws` (core/marks `markValue`). */
export function markOptionsFor(ws: Workspace, audience: Audience, decimals: number): MarkOptions {
  return { audience, reviewInPublic: ws.reviewInPublic, decimals };
}

function markView(m: Marked): MarkView {
  return { sign: m.sign, limited: m.limited, letters: [...m.letters], review: m.review };
}

/**
 * A value with its marks for the reader: a value the reader may not have (held for review in
 * public, not reliable enough) becomes missing with that reason, like a withheld one.
 */
export function markedValue(
  v: Value<number>,
  flags: number,
  o: MarkOptions,
): { value: Value<number>; mark: MarkView } {
  const m = markValue(v, flags, o);
  const shown: Value<number> =
    v.kind === "known" && m.value === null
      ? missing(m.sign === "/" ? "not_reliable" : "under_review")
      : v;
  return { value: shown, mark: markView(m) };
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

/** An indicator the audience may see; one it may not see does not exist for it. */
export async function findIndicatorRow(
  ctx: ServiceContext,
  ws: Workspace,
  code: string,
  audience: Audience,
) {
  const row = (await listIndicators(ctx.db.orm, ws.id)).find((i) => i.code === code);
  if (!row || !isVisibleTo(row.publication, audience)) throw notFound("Indikator", code);
  return row;
}

function checkDisclosure(disclosure: boolean, audience: Audience): void {
  if (!disclosure && !mayBypassDisclosure(audience)) {
    throw new AppError(
      "forbidden",
      "Werte ohne Geheimhaltung sind nur für die Sozialplanung einsehbar.",
    );
  }
}

/** The area system an indicator is shown on: the system of the requested level, or the first. */
async function systemFor(ctx: ServiceContext, ws: Workspace, level: string | undefined) {
  const levels = await listAreaLevels(ctx.db.orm, ws.id);
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
  const def = toDefinition(row);
  const systemId = await systemFor(ctx, ws, req.level);
  const system = (await listAreaSystems(ctx.db.orm, ws.id)).find((s) => s.id === systemId)!;
  const dataVersion = ws.dataVersion;
  const model = await loadCubeModel(ctx, ws, system.code, [
    ...def.numerator,
    ...(def.denominator ?? []),
  ]);
  const result = computeForModel(model, def, { apply: req.disclosure, minCount: ws.minCount });
  const n = model.tree.size;

  const hasKnown = (slot: number, areas: readonly number[]) =>
    areas.some((a) => indicatorCell(result, slot, a).value.kind === "known");

  let slot: number;
  if (req.period !== undefined) {
    slot = model.periods.findIndex((p) => p.code === req.period);
    if (slot < 0) throw notFound("Zeitraum", req.period);
  } else {
    const all = [...Array(n).keys()];
    slot = model.periods.length - 1;
    while (slot > 0 && !hasKnown(slot, all)) slot--;
    if (slot < 0) throw new AppError("not_found", "Es gibt noch keine Zeiträume mit Daten.");
  }
  const period = model.periods[slot]!;

  let level = model.levels.find((l) => l.code === req.level);
  if (req.level === undefined) {
    const deepestFirst = [...model.levels].reverse();
    level =
      deepestFirst.find((l) => hasKnown(slot, model.tree.indicesByLevel.get(l.depth) ?? [])) ??
      deepestFirst[0];
  }
  if (!level) throw notFound("Ebene", req.level ?? "");
  const areaIndices = model.tree.indicesByLevel.get(level.depth) ?? [];

  const prev = previousPeriod(period);
  const prevSlot = prev ? model.periods.findIndex((p) => p.code === prev.code) : -1;

  const options = markOptionsFor(ws, req.audience, def.decimals);
  const marked = (slotIndex: number, a: number) => {
    const cell = indicatorCell(result, slotIndex, a);
    return { cell, ...markedValue(cell.value, cell.flags.value, options) };
  };
  const cells = areaIndices.map((a) => marked(slot, a));
  const ranking = rankWithinLevel(cells.map((c) => c.value));
  const root = model.tree.roots.find((r) => model.tree.levels[r] === 0) ?? model.tree.roots[0];

  const values: IndicatorValueView[] = areaIndices.map((a, i) => {
    const { cell, value, mark } = cells[i]!;
    const rank = ranking.ranks[i]!;
    const before = prevSlot >= 0 ? marked(prevSlot, a) : null;
    const change = before ? changeOverPeriods(value, before.value, def.unit) : null;
    // A withheld value carries neither count (and a held one neither).
    const shown = value.kind === "known";
    return {
      area: model.tree.codes[a]!,
      name: model.areas[a]!.name,
      ...parts(value),
      numerator: shown ? valueOf(cell.numerator) : null,
      denominator: shown ? valueOf(cell.denominator) : null,
      rank: rank.kind === "known" ? rank.value : null,
      change: change && change.kind === "known" ? change.value.difference : null,
      mark,
      changeMark:
        change && change.kind === "known" && before
          ? markView(
              markValue(
                known(change.value.difference),
                combineFlags(cell.flags.value, before.cell.flags.value),
                options,
              ),
            )
          : null,
    };
  });
  const reference =
    root === undefined
      ? null
      : (() => {
          const { value, mark } = marked(slot, root);
          const p = parts(value);
          return {
            area: model.tree.codes[root]!,
            name: model.areas[root]!.name,
            status: p.status,
            value: p.value,
            mark,
          };
        })();
  return {
    indicator: def.code,
    unit: def.unit,
    decimals: def.decimals,
    period: period.code,
    previousPeriod: prevSlot >= 0 ? model.periods[prevSlot]!.code : null,
    level: level.code,
    reference,
    disclosure: { minCount: ws.minCount, applied: req.disclosure && isCountIndicator(model, def) },
    dataVersion,
    values,
  };
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
        ...parts(own.value),
        mark: own.mark,
        reference: ref ? valueOf(ref.value) : null,
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
  const definitions = [...new Set(req.codes)].map((code) => {
    const row = indicatorRows.find((i) => i.code === code);
    if (!row || !isVisibleTo(row.publication, req.audience)) throw notFound("Indikator", code);
    return toDefinition(row);
  });
  const [levels, systems] = await Promise.all([
    listAreaLevels(ctx.db.orm, ws.id),
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
  const hasKnown = (slot: number, areas: readonly number[]) =>
    areas.some((a) => indicatorCell(first, slot, a).value.kind === "known");

  let slot = req.period === undefined ? -1 : model.periods.findIndex((p) => p.code === req.period);
  if (slot < 0) {
    const all = [...Array(model.tree.size).keys()];
    slot = model.periods.length - 1;
    while (slot > 0 && !hasKnown(slot, all)) slot--;
    if (slot < 0) throw new AppError("not_found", "Es gibt noch keine Zeiträume mit Daten.");
  }
  let level = model.levels.find((l) => l.code === req.level);
  if (req.level === undefined) {
    const deepestFirst = [...model.levels].reverse();
    level =
      deepestFirst.find((l) => hasKnown(slot, model.tree.indicesByLevel.get(l.depth) ?? [])) ??
      deepestFirst[0];
  }
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
      return areaIndices.map((a) => valueOf(indicatorCell(result, s, a).value));
    },
  };
}
