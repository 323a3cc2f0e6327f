/**
 * Alerts for the social planning staff, for one level and period, in the order they matter: values far outside what the
 * city's level leads one to expect, judged with the counts behind them (Wilson interval for a
 * share, Poisson for a ratio whose numerator may exceed its denominator), and indicators whose
 * trend has turned over the last two periods. Rules in src/core/social-index/alerts.ts,
 * documented in docs/methods/social-index.md, section 7. Before them, the areas whose index
 * class changed in the latest edition of each stored index against the previous edition
 * (the current run of the period before; section 8), naming both. Writes nothing.
 */
import { formatNumber } from "../../core/format/number.ts";
import { parsePeriod, previousPeriod, type Period } from "../../core/periods/period.ts";
import { mayBypassDisclosure, type Audience } from "../../core/publication/publication.ts";
import { outlierAlerts, trendTurn } from "../../core/social-index/alerts.ts";
import { poissonInterval, Z_99 } from "../../core/statistics/intervals.ts";
import { latestEdition } from "../../core/social-index/editions.ts";
import { AppError } from "../app-error.ts";
import { getIndicators } from "../indicators/catalogue-read.ts";
import type { ServiceContext } from "../context.ts";
import { compareIndexRuns, describeComparison, listRuns } from "./index-runs.ts";
import { listIndices } from "./index-definitions.ts";
import {
  computeIndicatorValueSet,
  type IndicatorValueSet,
  type MarkView,
} from "../indicators/indicator-values.ts";
import type { Workspace } from "../workspaces.ts";

export interface Alert {
  readonly kind: "class_change" | "outlier" | "trend_turn";
  /** The indicator's code; for a class change the index's code. */
  readonly indicator: string;
  readonly indicatorName: string;
  readonly area: string;
  readonly areaName: string;
  /** In German, for the dashboard. */
  readonly message: string;
}

export interface AlertList {
  readonly level: string;
  readonly period: string;
  readonly alerts: readonly Alert[];
}

const fmt = formatNumber;

/** The share's or ratio's alerts of one value set (areas with counts only). */
function outliersOf(set: IndicatorValueSet, name: string, factor: number): Alert[] {
  const city = set.reference?.value;
  if (city == null || !(city > 0)) return [];
  const expected = city / factor;
  // An alert states a fact: values under review or not reliable enough are left out.
  if (!firm(set.reference?.mark)) return [];
  const withCounts = set.values.filter(
    (v) => v.numerator !== null && v.denominator !== null && v.denominator > 0 && firm(v.mark),
  );
  const unit = set.unit;
  const say = (area: string, value: number, direction: "above" | "below") =>
    `${name} in ${area}: ${fmt(value, set.decimals)} ${unit} gegenüber ${fmt(city, set.decimals)} ${unit} in der Stadt – ${direction === "above" ? "deutlich höher" : "deutlich niedriger"}, als der Zufall bei dieser Gebietsgröße erklärt.`;
  // A share (numerator within its denominator): Wilson interval of the count.
  if (withCounts.every((v) => v.numerator! <= v.denominator!)) {
    return outlierAlerts(
      withCounts.map((v) => ({
        area: v.area,
        name: v.name,
        count: v.numerator!,
        population: v.denominator!,
      })),
      expected,
    ).map((a) => ({
      kind: "outlier",
      indicator: set.indicator,
      indicatorName: name,
      area: a.area,
      areaName: a.name,
      message: say(a.name, a.share * factor, a.direction),
    }));
  }
  // A ratio (old-age ratio): the count against the count the city's ratio expects.
  return withCounts.flatMap((v): Alert[] => {
    const ratio = v.numerator! / v.denominator!;
    const interval = poissonInterval(Math.round(v.numerator!), Z_99);
    const expectedCount = expected * v.denominator!;
    const outside = expectedCount < interval.low || expectedCount > interval.high;
    if (!outside || Math.abs(ratio - expected) < 0.25 * expected) return [];
    return [
      {
        kind: "outlier",
        indicator: set.indicator,
        indicatorName: name,
        area: v.area,
        areaName: v.name,
        message: say(v.name, ratio * factor, ratio > expected ? "above" : "below"),
      },
    ];
  });
}

/** Whether a value may carry a statement: not under review, not marked unreliable. */
function firm(mark: MarkView | undefined): boolean {
  return mark !== undefined && !mark.review && !mark.letters.includes("/") && mark.sign !== "/";
}

const DIMENSION = { status: "Status", dynamics: "Dynamik" } as const;

/**
 * Areas whose class changed in the latest edition of each index (up to `upTo`, when given)
 * against the previous edition, on every level the index was run on. Recomputing a period
 * makes a new current run of it and keeps the comparison; computing an earlier period
 * changes nothing here.
 */
async function classChangeAlerts(
  ctx: ServiceContext,
  ws: Workspace,
  upTo: Period | undefined,
): Promise<Alert[]> {
  const alerts: Alert[] = [];
  for (const { latest } of await listIndices(ctx, ws)) {
    const runs = await listRuns(ctx, ws, latest.code);
    for (const level of new Set(runs.map((r) => r.level))) {
      const edition = latestEdition(runs, { level, upTo });
      if (!edition) continue;
      const comparison = await compareIndexRuns(ctx, ws, edition.id);
      if (!comparison) continue;
      const editions = describeComparison(comparison);
      for (const c of comparison.changes) {
        alerts.push({
          kind: "class_change",
          indicator: latest.code,
          indicatorName: latest.name,
          area: c.area,
          areaName: c.name,
          message: `${latest.name}, ${c.name}: ${DIMENSION[c.dimension]} ${c.from === null ? "neu im Index" : `„${c.from}“`} → ${c.to === null ? "nicht mehr im Index" : `„${c.to}“`} (${editions.periods}; ${editions.runs}).`,
        });
      }
    }
  }
  return alerts;
}

type IndicatorAlerts = { level: string; period: string; alerts: readonly Alert[] };

/** The indicator alerts per data version and request: they only change with the data. */
const caches = new WeakMap<ServiceContext, Map<string, Promise<IndicatorAlerts>>>();
const MAX_CACHED = 200;

export async function computeAlerts(
  ctx: ServiceContext,
  ws: Workspace,
  req: { level?: string | undefined; period?: string | undefined; audience: Audience },
): Promise<AlertList> {
  let cache = caches.get(ctx);
  if (!cache) {
    const fresh = new Map<string, Promise<IndicatorAlerts>>();
    ctx.dataChanged.subscribe(() => fresh.clear());
    caches.set(ctx, fresh);
    cache = fresh;
  }
  const key = [ws.id, ws.dataVersion, req.level ?? "", req.period ?? "", req.audience].join("|");
  let indicatorAlerts = cache.get(key);
  if (!indicatorAlerts) {
    indicatorAlerts = computeIndicatorAlerts(ctx, ws, req);
    cache.set(key, indicatorAlerts);
    // A failed computation is not kept; the oldest entries go first.
    indicatorAlerts.catch(() => cache.delete(key));
    while (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
  }
  const period = req.period === undefined ? undefined : parsePeriod(req.period);
  const [indicators, classChanges] = await Promise.all([
    indicatorAlerts,
    classChangeAlerts(ctx, ws, period?.ok ? period.value : undefined),
  ]);
  return { ...indicators, alerts: [...classChanges, ...indicators.alerts] };
}

async function computeIndicatorAlerts(
  ctx: ServiceContext,
  ws: Workspace,
  req: { level?: string | undefined; period?: string | undefined; audience: Audience },
): Promise<IndicatorAlerts> {
  // Rates with a denominator: counts stand behind them, and a turn of their trend means something.
  // Indicators with a reading (higher or lower is better) first: their alerts matter most.
  const indicators = (await getIndicators(ctx, ws, req.audience))
    .filter((i) => i.denominator !== null)
    .sort((a, b) => Number(a.polarity === "neutral") - Number(b.polarity === "neutral"));
  const read = (code: string, level?: string, period?: string) =>
    computeIndicatorValueSet(ctx, ws, code, {
      level,
      period,
      disclosure: !mayBypassDisclosure(req.audience),
      audience: req.audience,
    });
  const alerts: Alert[] = [];
  let level = req.level ?? "";
  let period = req.period ?? "";
  for (const indicator of indicators) {
    const now = await read(indicator.code, req.level, req.period);
    level = now.level;
    period = now.period;
    alerts.push(...outliersOf(now, indicator.name, indicator.factor));
    // Trend turns over the last two steps (e.g. 2019 → 2020 → 2021).
    const p = parsePeriod(now.period);
    const before = p.ok ? previousPeriod(p.value) : null;
    const earlier = before ? previousPeriod(before) : null;
    if (!before || !earlier) continue;
    let middle: IndicatorValueSet;
    let first: IndicatorValueSet;
    try {
      [middle, first] = await Promise.all([
        read(indicator.code, now.level, before.code),
        read(indicator.code, now.level, earlier.code),
      ]);
    } catch (e) {
      // One of the two earlier periods does not exist: no trend to judge.
      if (e instanceof AppError && e.code === "not_found") continue;
      throw e;
    }
    const valueIn = (set: IndicatorValueSet) =>
      new Map(set.values.map((v) => [v.area, firm(v.mark) ? v.value : null]));
    const [a, b] = [valueIn(first), valueIn(middle)];
    for (const v of now.values) {
      const x0 = a.get(v.area);
      const x1 = b.get(v.area);
      if (v.value === null || !firm(v.mark) || x0 == null || x1 == null) continue;
      const turn = trendTurn(v.area, indicator.code, [x0, x1, v.value]);
      if (!turn) continue;
      alerts.push({
        kind: "trend_turn",
        indicator: indicator.code,
        indicatorName: indicator.name,
        area: v.area,
        areaName: v.name,
        message: `${indicator.name} in ${v.name}: ${turn.turn === "rising_again" ? "steigt wieder" : "fällt wieder"} (${earlier.code}–${before.code}: ${turn.earlier > 0 ? "+" : ""}${fmt(turn.earlier, now.decimals)}, ${before.code}–${now.period}: ${turn.later > 0 ? "+" : ""}${fmt(turn.later, now.decimals)} ${now.unit === "%" ? "Prozentpunkte" : now.unit}).`,
      });
    }
  }
  // Values far off first, then trend turns; each in the order of the indicators.
  const order = (a: Alert) => (a.kind === "outlier" ? 0 : 1);
  return { level, period, alerts: alerts.sort((a, b) => order(a) - order(b)) };
}
