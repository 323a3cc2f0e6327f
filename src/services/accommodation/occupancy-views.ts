/**
 * What each role sees of the occupancy statistic. The accommodation staff and the planners
 * read the records and get every figure, per facility too. Everyone else — council members,
 * specialist departments, administrators, and every report — gets the statistic after
 * disclosure control: the total and the facility types, never a facility, with every month
 * from the first with records to the current one protected together, so that a month read
 * alone, the same month in a series, in a report or next to its neighbours carries the same
 * marks and nothing withheld can be worked out from the rest (core/accommodation/disclosure).
 *
 * That protection reads the whole history; it is computed once per state of the records
 * (the workspace's accommodation version, read fresh on every request so that several app
 * servers agree) and kept, so repeated reads cost a lookup.
 */
import {
  compareStatistics,
  type ClosingState,
  type FigureChange,
} from "../../core/accommodation/closing.ts";
import { addMonths, monthOf, parseMonth, type Month } from "../../core/accommodation/days.ts";
import {
  fullStatistic,
  protectHistory,
  type ProtectedStatistic,
} from "../../core/accommodation/disclosure.ts";
import { forecastPlaces } from "../../core/accommodation/forecast.ts";
import { monthlyStatistic, type MonthlyStatistic } from "../../core/accommodation/occupancy.ts";
import { facilitiesOnly } from "../../core/accommodation/stay-table.ts";
import { accommodationVersionOf } from "../../storage/accommodation.repo.ts";
import { closedPeriodVersions, type ClosedPeriodRow } from "../../storage/closed-periods.repo.ts";
import { isRecordRole, type Role } from "../../core/access/roles.ts";
import { countingRulesOf, occupancySeries, rulesText } from "./statistic.ts";
import { getFacilities, recordSpan } from "./records.ts";
import { AppError } from "../app-error.ts";
import type { ServiceContext } from "../context.ts";
import type { Workspace } from "../workspaces.ts";

/**
 * What a caller gets of the statistic: `full` for the roles that read person records (the
 * accommodation staff and the planners, PRODUCT.md, roles), `protected` for every other
 * member and every report.
 */
export type OccupancyAudience = "full" | "protected";

/** The audience of a member with `role`. */
export function occupancyAudienceOf(role: Role): OccupancyAudience {
  return isRecordRole(role) ? "full" : "protected";
}

/**
 * Whether a month is closed (Monatsabschluss), and how it changed against the version
 * reported before: a month closed again after a reopening is revised ("r"), its changes
 * listed against the version before; a reopened month lists its changes so far against the
 * version reported. Who closed or reopened it, and why, only for the roles that see records
 * (the reason may name a household).
 */
export interface MonthClosingView {
  readonly state: ClosingState;
  /** The latest version closed; 0 before the first closing. */
  readonly version: number;
  readonly closedAt: string | null;
  readonly closedBy: string | null;
  readonly reopenedAt: string | null;
  readonly reopenedBy: string | null;
  readonly reason: string | null;
  readonly revised: boolean;
  /** The version the changes are against; null without one. */
  readonly comparedWith: { readonly version: number; readonly closedAt: string } | null;
  /** Each figure that differs from that version, as this caller sees both. */
  readonly changes: readonly FigureChange[];
}

/** The statistic of a month as one caller receives it. */
export interface StatisticView extends ProtectedStatistic {
  readonly rules: string;
  /** Whether small counts are withheld (null) for this caller. */
  readonly disclosureControl: boolean;
  readonly closing: MonthClosingView;
}

/**
 * The closing state of a month for a caller who sees `view` of it. The figures compared are
 * the ones each caller was shown: the full statistic for the staff, and for everyone else the
 * version as they saw it when it was closed against what they see now — never a value that
 * either of them withheld.
 */
function closingView(
  versions: readonly ClosedPeriodRow[],
  view: ProtectedStatistic,
  full: boolean,
): MonthClosingView {
  const latest = versions.at(-1);
  if (latest === undefined) {
    return {
      state: "open",
      version: 0,
      closedAt: null,
      closedBy: null,
      reopenedAt: null,
      reopenedBy: null,
      reason: null,
      revised: false,
      comparedWith: null,
      changes: [],
    };
  }
  const reopened = latest.reopenedAt !== null;
  const compared = reopened ? latest : versions.at(-2);
  const seen = (row: ClosedPeriodRow): ProtectedStatistic | null =>
    full
      ? fullStatistic(row.content as MonthlyStatistic)
      : ((row.protectedContent as ProtectedStatistic | null) ?? null);
  const before = compared === undefined ? null : seen(compared);
  return {
    state: reopened ? "reopened" : "closed",
    version: latest.version,
    closedAt: latest.closedAt.toISOString(),
    closedBy: full ? latest.closedBy : null,
    reopenedAt: latest.reopenedAt?.toISOString() ?? null,
    reopenedBy: full ? latest.reopenedBy : null,
    reason: full ? latest.reopenReason : null,
    revised: !reopened && latest.version > 1,
    comparedWith:
      compared === undefined
        ? null
        : { version: compared.version, closedAt: compared.closedAt.toISOString() },
    // A reader without record access gets only cells published in both versions: a change
    // from or to a withheld cell would tell that it moved, and by how much where one is known.
    changes:
      before === null
        ? []
        : compareStatistics(before, view).filter(
            (c) => full || (c.before !== null && c.after !== null),
          ),
  };
}

/** Every month from the first with records to the current one: raw and as readers see it. */
interface History {
  /** The first month of the history; null without any records. */
  readonly first: Month | null;
  readonly current: Month;
  readonly raw: readonly MonthlyStatistic[];
  readonly protected: readonly ProtectedStatistic[];
  /** The statistic of a month before the first record: places only, nobody housed. */
  empty(month: Month): MonthlyStatistic;
}

const MAX_CACHED = 64;
const caches = new WeakMap<ServiceContext, Map<string, Promise<History>>>();

function currentMonth(ctx: ServiceContext): Month {
  const now = ctx.now();
  return monthOf(now.getUTCFullYear(), now.getUTCMonth() + 1);
}

/**
 * A key for the state of a workspace's occupancy figures: it changes whenever the records,
 * the disclosure settings or the current month change. Answers computed from the figures may
 * be kept under it (the server keeps the serialised series this way).
 */
export async function occupancyStamp(ctx: ServiceContext, ws: Workspace): Promise<string> {
  const version = await accommodationVersionOf(ctx.db.orm, ws.id);
  const current = currentMonth(ctx);
  return [ws.id, version, current.code, ws.minCount, ws.occupancyReferenceDay].join("|");
}

/** The history of a workspace, from the cache while its records are unchanged. */
async function historyOf(ctx: ServiceContext, ws: Workspace): Promise<History> {
  const current = currentMonth(ctx);
  const key = await occupancyStamp(ctx, ws);
  let cache = caches.get(ctx);
  if (!cache) caches.set(ctx, (cache = new Map()));
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const computing = computeHistory(ctx, ws, current);
  cache.set(key, computing);
  // A failure is not kept: the next request tries again.
  computing.catch(() => cache.delete(key));
  for (const k of cache.keys()) {
    if (cache.size <= MAX_CACHED) break;
    cache.delete(k);
  }
  return computing;
}

async function computeHistory(
  ctx: ServiceContext,
  ws: Workspace,
  current: Month,
): Promise<History> {
  const [span, facilities] = await Promise.all([recordSpan(ctx, ws), getFacilities(ctx, ws)]);
  const rules = countingRulesOf(ws);
  const none = facilitiesOnly(facilities);
  const empty = (m: Month) => monthlyStatistic(none, m, rules);
  const first = span === null ? null : parseMonth(span.first);
  if (first === null || first.first > current.first) {
    return { first: null, current, raw: [], protected: [], empty };
  }
  const raw = await occupancySeries(ctx, ws, first.code, current.code);
  const safe = protectHistory(raw, {
    minCount: ws.minCount,
    chained: rules.referenceDay === "last",
    startsEmpty: true,
  });
  return { first, current, raw, protected: safe.months, empty };
}

/** A month before the first with records: nobody housed, nothing to withhold. */
function emptyView(s: MonthlyStatistic, minCount: number): ProtectedStatistic {
  return { ...fullStatistic(s), minCount, byFacility: [] };
}

/** The months a reader without record access may ask for end with the current one. */
function refuseFuture(month: Month, current: Month): void {
  if (month.first > current.first) {
    throw new AppError(
      "invalid_input",
      `Für ${month.code} gibt es noch keine Statistik: der laufende Monat ist ${current.code}.`,
      { field: "month" },
    );
  }
}

/** The monthly statistic of `month` as `audience` sees it. */
export async function statisticFor(
  ctx: ServiceContext,
  ws: Workspace,
  audience: OccupancyAudience,
  month: string,
): Promise<StatisticView> {
  const m = parseMonth(month);
  if (!m) {
    throw new AppError("invalid_input", `„${month}“ ist kein Monat (JJJJ-MM).`, {
      field: "month",
    });
  }
  const full = audience === "full";
  const [[view], versions] = await Promise.all([
    full ? fullSeries(ctx, ws, m, m) : protectedSeries(ctx, ws, m, m),
    closedPeriodVersions(ctx.db.orm, ws.id, "month", m.code),
  ]);
  return {
    ...view!,
    rules: rulesText(countingRulesOf(ws)),
    disclosureControl: !full,
    closing: closingView(versions, view!, full),
  };
}

function monthIndex(first: Month, m: Month): number {
  return (m.year - first.year) * 12 + (m.month - first.month);
}

/** The statistics of the months `from` … `to` as `audience` sees them. */
export async function seriesFor(
  ctx: ServiceContext,
  ws: Workspace,
  audience: OccupancyAudience,
  from: Month,
  to: Month,
): Promise<ProtectedStatistic[]> {
  return audience === "full" ? fullSeries(ctx, ws, from, to) : protectedSeries(ctx, ws, from, to);
}

/** The months `from` … `to` in full (the accommodation staff's and planners' view). */
async function fullSeries(
  ctx: ServiceContext,
  ws: Workspace,
  from: Month,
  to: Month,
): Promise<ProtectedStatistic[]> {
  const h = await historyOf(ctx, ws);
  const out: ProtectedStatistic[] = [];
  let later: Month | null = null;
  for (let m = from; m.first <= to.first; m = addMonths(m, 1)) {
    if (m.first > h.current.first) {
      later = m;
      break;
    }
    const s = h.first === null ? undefined : h.raw[monthIndex(h.first, m)];
    out.push(fullStatistic(s ?? h.empty(m)));
  }
  // Months after the current one (records entered ahead): read when asked.
  if (later !== null) {
    out.push(...(await occupancySeries(ctx, ws, later.code, to.code)).map(fullStatistic));
  }
  return out;
}

/**
 * The months `from` … `to` after disclosure control, as every reader without record access
 * (and every report) gets them. Months after the current one are refused.
 */
export async function protectedSeries(
  ctx: ServiceContext,
  ws: Workspace,
  from: Month,
  to: Month,
): Promise<ProtectedStatistic[]> {
  const h = await historyOf(ctx, ws);
  refuseFuture(to, h.current);
  const out: ProtectedStatistic[] = [];
  for (let m = from; m.first <= to.first; m = addMonths(m, 1)) {
    const i = h.first === null ? -1 : monthIndex(h.first, m);
    out.push(h.protected[i] ?? emptyView(h.empty(m), ws.minCount));
  }
  return out;
}

/**
 * The forecast of places for `audience`. Readers without record access get the
 * forecast computed from the figures they see: its basis starts after the last month whose
 * total persons, entries or exits are withheld, so it is a function of published figures and
 * reveals nothing more (the basis it used is part of the answer).
 */
export async function forecastFor(
  ctx: ServiceContext,
  ws: Workspace,
  audience: OccupancyAudience,
  horizon: number,
  to?: string,
) {
  const current = currentMonth(ctx);
  const last = to ?? addMonths(current, -1).code;
  const lastMonth = parseMonth(last);
  if (!lastMonth) {
    throw new AppError("invalid_input", `„${last}“ ist kein Monat (JJJJ-MM).`, { field: "to" });
  }
  const series = await seriesFor(ctx, ws, audience, addMonths(lastMonth, -35), lastMonth);
  // The history starts with the first month anybody was housed (and after the last month
  // with a withheld total).
  const withheld = series.findLastIndex(
    (s) => s.total.persons === null || s.total.entries === null || s.total.exits === null,
  );
  const housed = series.findIndex((s) => s.total.persons !== 0 || s.total.entries !== 0);
  const start = Math.max(withheld + 1, housed < 0 ? series.length : housed);
  const history = series.slice(start).map((s) => ({
    month: s.month,
    persons: s.total.persons!,
    entries: s.total.entries!,
    exits: s.total.exits!,
    places: s.total.places,
  }));
  if (history.length < 6) {
    throw new AppError(
      withheld >= 0 && series.length - withheld - 1 < 6 ? "withheld" : "invalid_input",
      withheld >= 0 && series.length - withheld - 1 < 6
        ? `Für eine Vorausschätzung braucht es mindestens 6 Monate mit veröffentlichten Zahlen der Gesamtstadt bis ${last}; in den Monaten davor sind Fallzahlen wegen der Geheimhaltung gesperrt.`
        : `Für eine Vorausschätzung braucht es mindestens 6 Monate mit Belegung bis ${last}; es gibt ${history.length}.`,
    );
  }
  return forecastPlaces(history, horizon);
}
