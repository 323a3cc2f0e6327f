/**
 * The figures a report reads, loaded once per build: the workspace's area system with its
 * tree, every period, and the indicators the template uses computed for every area and period
 * with disclosure control (a report goes to the council and may be published: it never shows
 * a withheld count). Pure lookups over that: a value, a rank within a level, the areas of a
 * level, the data period that belongs to a report period.
 */
import { listSupersededAreaSystemIds } from "../../storage/crosswalks.repo.ts";
import { rankWithinLevel } from "../../core/indicators/compare.ts";
import { indicatorCell, type IndicatorResult } from "../../core/indicators/indicator.ts";
import {
  comparePeriods,
  nextPeriod,
  parsePeriod,
  previousPeriod,
  yearsBefore,
  type Period,
} from "../../core/periods/period.ts";
import { markValue, type Marked } from "../../core/marks/value-mark.ts";
import { missing, type Value } from "../../core/value.ts";
import { AppError } from "../app-error.ts";
import type { ServiceContext } from "../context.ts";
import { computeForModel, toDefinition } from "../indicators/indicator-values.ts";
import { loadCubeModel, type CubeModel } from "../indicators/indicator-model.ts";
import type { Workspace } from "../workspaces.ts";
import { listAreaSystems } from "../../storage/areas.repo.ts";
import { listIndicators, type IndicatorRow } from "../../storage/indicators.repo.ts";

export interface ReportIndicator {
  readonly row: IndicatorRow;
  readonly result: IndicatorResult;
  /** A rate or share: has a denominator (comparable between areas and the city). */
  readonly isRate: boolean;
}

export interface LevelArea {
  readonly code: string;
  readonly name: string;
  readonly index: number;
}

export interface ReportData {
  readonly workspace: Workspace;
  readonly model: CubeModel;
  /** Every indicator of the catalogue, by code (whether the template uses it or not). */
  readonly catalogue: ReadonlyMap<string, IndicatorRow>;
  /** The indicators loaded (those the template uses), by code. */
  readonly indicators: ReadonlyMap<string, ReportIndicator>;
  readonly cityCode: string;
  areaName(code: string): string | undefined;
  levelName(code: string): string | undefined;
  levelOfArea(code: string): string | undefined;
  areasOfLevel(level: string): LevelArea[] | undefined;
  /**
   * The value as the report's readers may have it, or undefined when the indicator was not
   * loaded or the period is unknown. A value held back (not reliable enough; under review in
   * a public report of a workspace that holds such values) is missing with that reason.
   */
  value(indicator: string, area: string, period: string): Value<number> | undefined;
  /** The value's marks (core/marks `markValue`) for the report's readers. */
  mark(indicator: string, area: string, period: string): Marked | undefined;
  /** The flags the value carries (core/marks `FLAG`), for marks of figures built on it. */
  flags(indicator: string, area: string, period: string): number;
  /** The marks of a figure built from values (a change): its value and the flags it carries. */
  markOf(value: Value<number>, flags: number, decimals: number): Marked;
  /** Who reads the report: the council and staff (internal) or the public. */
  readonly audience: "internal" | "public";
  rank(indicator: string, area: string, period: string): { rank: number; of: number } | null;
  /**
   * The latest period with data of `indicator` (or of any loaded indicator) that ends no later
   * than `reportPeriod` ends; null when there is none.
   */
  dataPeriod(reportPeriod: Period, indicator?: string): string | null;
  /** The period a relative reference means, from `base`: the one before or a year before. */
  relativePeriod(base: string, ref: "previous" | "year_before"): string | null;
  readonly periods: readonly Period[];
}

/** Loads the workspace's first area system and the indicators `codes` (unknown codes are left out). */
export async function loadReportData(
  ctx: ServiceContext,
  ws: Workspace,
  codes: readonly string[],
  audience: "internal" | "public" = "internal",
): Promise<ReportData> {
  const [systems, rows, superseded] = await Promise.all([
    listAreaSystems(ctx.db.orm, ws.id),
    listIndicators(ctx.db.orm, ws.id),
    listSupersededAreaSystemIds(ctx.db.orm, ws.id),
  ]);
  // The current areas: a system superseded by a reform (old side of a crosswalk) comes last.
  const system = systems.find((s) => !superseded.has(s.id)) ?? systems[0];
  if (!system) throw new AppError("not_found", "Der Arbeitsbereich hat noch keine Gebiete.");
  const catalogue = new Map(rows.map((r) => [r.code, r]));
  const used = [...new Set(codes)].flatMap((c) => {
    const row = catalogue.get(c);
    return row ? [row] : [];
  });
  const definitions = used.map(toDefinition);
  const model = await loadCubeModel(
    ctx,
    ws,
    system.code,
    definitions.flatMap((d) => [...d.numerator, ...(d.denominator ?? [])]),
  );
  const indicators = new Map(
    used.map((row, i) => [
      row.code,
      {
        row,
        result: computeForModel(model, definitions[i]!, { apply: true, minCount: ws.minCount }),
        isRate: row.denominator !== null,
      },
    ]),
  );
  const tree = model.tree;
  const slot = new Map(model.periods.map((p, i) => [p.code, i]));
  const levelByDepth = new Map(model.levels.map((l) => [l.depth, l]));
  const levelByCode = new Map(model.levels.map((l) => [l.code, l]));
  const root = tree.roots[0];
  if (root === undefined)
    throw new AppError("not_found", "Der Arbeitsbereich hat keine Gesamtstadt.");
  const index = (code: string) => tree.indexByCode.get(code);
  const cell = (indicator: string, area: string, period: string) => {
    const ind = indicators.get(indicator);
    const a = index(area);
    const s = slot.get(period);
    if (!ind || a === undefined || s === undefined) return undefined;
    return { ind, a, s };
  };
  const areasOfLevel = (level: string): LevelArea[] | undefined => {
    const l = levelByCode.get(level);
    if (!l) return undefined;
    return (tree.indicesByLevel.get(l.depth) ?? []).map((i) => ({
      code: tree.codes[i]!,
      name: model.areas[i]!.name,
      index: i,
    }));
  };
  const hasData = (s: number, only?: string) =>
    [...indicators.values()]
      .filter((i) => only === undefined || i.row.code === only)
      .some((i) => {
        for (let a = 0; a < tree.size; a++) {
          if (indicatorCell(i.result, s, a).value.kind === "known") return true;
        }
        return false;
      });
  const marked = (indicator: string, area: string, period: string) => {
    const c = cell(indicator, area, period);
    if (!c) return undefined;
    const x = indicatorCell(c.ind.result, c.s, c.a);
    const m = markValue(x.value, x.flags.value, {
      audience,
      reviewInPublic: ws.reviewInPublic,
      decimals: c.ind.row.decimals,
    });
    const value: Value<number> =
      x.value.kind === "known" && m.value === null
        ? missing(m.sign === "/" ? "not_reliable" : "under_review")
        : x.value;
    return { value, mark: m, flags: x.flags.value };
  };
  return {
    workspace: ws,
    audience,
    model,
    catalogue,
    indicators,
    cityCode: tree.codes[root]!,
    periods: model.periods,
    areaName: (code) => {
      const i = index(code);
      return i === undefined ? undefined : model.areas[i]!.name;
    },
    levelName: (code) => levelByCode.get(code)?.name,
    levelOfArea: (code) => {
      const i = index(code);
      return i === undefined ? undefined : levelByDepth.get(tree.levels[i]!)?.code;
    },
    areasOfLevel,
    value(indicator, area, period) {
      return marked(indicator, area, period)?.value;
    },
    mark(indicator, area, period) {
      return marked(indicator, area, period)?.mark;
    },
    markOf(value, flags, decimals) {
      return markValue(value, flags, { audience, reviewInPublic: ws.reviewInPublic, decimals });
    },
    flags(indicator, area, period) {
      return marked(indicator, area, period)?.flags ?? 0;
    },
    rank(indicator, area, period) {
      const c = cell(indicator, area, period);
      if (!c) return null;
      const level = levelByDepth.get(tree.levels[c.a]!);
      const peers = level ? (areasOfLevel(level.code) ?? []) : [];
      if (peers.length < 2) return null;
      const ranking = rankWithinLevel(
        peers.map((p) => marked(indicator, p.code, period)?.value ?? missing("no_data")),
      );
      const r = ranking.ranks[peers.findIndex((p) => p.index === c.a)];
      return r?.kind === "known" ? { rank: r.value, of: ranking.rankedCount } : null;
    },
    dataPeriod(reportPeriod, indicator) {
      for (let s = model.periods.length - 1; s >= 0; s--) {
        const p = model.periods[s]!;
        if (p.end <= reportPeriod.end && hasData(s, indicator)) return p.code;
      }
      return null;
    },
    relativePeriod(base, ref) {
      const parsed = parsePeriod(base);
      if (!parsed.ok) return null;
      const p = ref === "previous" ? previousPeriod(parsed.value) : yearsBefore(parsed.value, 1);
      return p === null ? null : p.code;
    },
  };
}

/**
 * Periods in order, for charts: the last `count` periods of the same kind up to `last`, every
 * period between them included, so a chart's axis keeps time even across years without data
 * (they are gaps, not squeezed away).
 */
export function periodsUpTo(data: ReportData, last: string, count: number | undefined): string[] {
  const lastPeriod = data.periods.find((p) => p.code === last);
  if (!lastPeriod) return [];
  const stored = data.periods.filter(
    (p) => p.kind === lastPeriod.kind && comparePeriods(p, lastPeriod) <= 0,
  );
  const first = stored[0];
  if (!first) return [];
  const all: string[] = [];
  for (
    let p: Period | null = first;
    p !== null && comparePeriods(p, lastPeriod) <= 0;
    p = nextPeriod(p)
  ) {
    all.push(p.code);
  }
  return count === undefined ? all : all.slice(-count);
}
