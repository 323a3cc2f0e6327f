/**
 * The accommodation API's answers, shaped as the contracts say: the use cases' results for one
 * caller, with the caller's audience deciding what they hold (occupancy-views.ts), so a route
 * only declares its rule and schema, calls one of these and sends the result.
 */
import type { z } from "zod";
import {
  MAX_SERIES_MONTHS,
  type facilityListDto,
  type federalDeliveryDto,
  type forecastDto,
  type occupancySeriesDto,
  type occupancyStatisticDto,
} from "../../contracts/accommodation.ts";
import { monthsBetween, parseMonth } from "../../core/accommodation/days.ts";
import type { Delivery } from "../../core/accommodation/closing.ts";
import type { ProtectedFigures } from "../../core/accommodation/disclosure.ts";
import { AppError } from "../app-error.ts";
import { spcChartView } from "../controlling/spc-view.ts";
import type { ServiceContext } from "../context.ts";
import type { Workspace } from "../workspaces.ts";
import type { DeliveryState } from "./federal.ts";
import { forecastFor, seriesFor, statisticFor, type OccupancyAudience } from "./occupancy-views.ts";
import { getFacilities, recordSpan } from "./records.ts";

/** The facilities with their capacity over time, and the months with records. */
export async function facilityList(
  ctx: ServiceContext,
  ws: Workspace,
): Promise<z.infer<typeof facilityListDto>> {
  const [facilities, span] = await Promise.all([getFacilities(ctx, ws), recordSpan(ctx, ws)]);
  return { facilities: facilities.map((f) => ({ ...f, capacity: [...f.capacity] })), span };
}

/**
 * The figures of every month from `from` to `to` ("YYYY-MM", 1 to MAX_SERIES_MONTHS months)
 * as `audience` sees them, without the breakdowns of the monthly statistic.
 */
export async function occupancySeriesAnswer(
  ctx: ServiceContext,
  ws: Workspace,
  audience: OccupancyAudience,
  from: string,
  to: string,
): Promise<z.infer<typeof occupancySeriesDto>> {
  const first = parseMonth(from);
  const last = parseMonth(to);
  if (!first || !last) {
    throw new AppError("invalid_input", `„${first ? to : from}“ ist kein Monat (JJJJ-MM).`);
  }
  const span = monthsBetween(first, last);
  if (span < 1 || span > MAX_SERIES_MONTHS) {
    throw new AppError(
      "invalid_input",
      `Der Zeitraum ${from} bis ${to} umfasst ${span < 1 ? "keinen" : span} Monat${span === 1 ? "" : "e"}; erlaubt sind 1 bis ${MAX_SERIES_MONTHS}.`,
    );
  }
  const full = audience === "full";
  const slim = (f: ProtectedFigures) => ({
    persons: f.persons,
    households: f.households,
    places: f.places,
    occupancyRate: f.occupancyRate,
    entries: f.entries,
    exits: f.exits,
  });
  const series = await seriesFor(ctx, ws, audience, first, last);
  return {
    disclosureControl: !full,
    minCount: full ? 0 : ws.minCount,
    // The rate is in the answer already; its chart reveals nothing more.
    occupancyChart: spcChartView(
      series.map((s) => ({ period: s.month, value: s.total.occupancyRate })),
      { polarity: "neutral" },
    ),
    months: series.map((s) => ({
      month: s.month,
      referenceDate: s.referenceDate,
      total: slim(s.total),
      byFacility: s.byFacility.map((f) => ({ code: f.code, figures: slim(f.figures) })),
    })),
  };
}

/** The monthly statistic of `month` as `audience` sees it, with its closing state. */
export async function occupancyStatisticAnswer(
  ctx: ServiceContext,
  ws: Workspace,
  audience: OccupancyAudience,
  month: string,
): Promise<z.infer<typeof occupancyStatisticDto>> {
  const s = await statisticFor(ctx, ws, audience, month);
  return {
    ...s,
    byFacility: [...s.byFacility],
    closing: { ...s.closing, changes: [...s.closing.changes] },
  };
}

/** The forecast of places as `audience` may have it (occupancy-views.ts, `forecastFor`). */
export async function forecastAnswer(
  ctx: ServiceContext,
  ws: Workspace,
  audience: OccupancyAudience,
  horizon: number,
  to?: string,
): Promise<z.infer<typeof forecastDto>> {
  const f = await forecastFor(ctx, ws, audience, horizon, to);
  return { ...f, months: [...f.months] };
}

/** A WoBerichtsG delivery with its state, as the JSON answer holds it. */
export function federalDeliveryAnswer(
  r: Delivery & { readonly delivery: DeliveryState },
): z.infer<typeof federalDeliveryDto> {
  const d = r.delivery;
  return {
    delivery: {
      ...d,
      changes: d.changes && {
        figures: [...d.changes.figures],
        added: [...d.changes.added],
        removed: [...d.changes.removed],
        changed: [...d.changes.changed],
      },
    },
    records: [...r.records],
    summary: { ...r.summary, notes: [...r.summary.notes] },
  };
}
