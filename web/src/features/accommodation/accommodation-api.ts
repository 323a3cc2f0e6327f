/**
 * The Unterkünfte page's view of the API: response types inferred from the zod contracts
 * (src/contracts/accommodation.ts), and the query keys. Every
 * key starts with "accommodation" and the workspace, so one invalidation after an entry
 * refreshes statistic, series, forecast and check together.
 */
import type { z } from "zod";
import type {
  changeResultDto,
  checkDto,
  facilityListDto,
  federalDeliveryDto,
  forecastDto,
  moveBody,
  moveInBody,
  moveOutBody,
  capacityBody,
  facilityChangeBody,
  newFacilityBody,
  occupancySeriesDto,
  occupancyStatisticDto,
} from "@contracts/accommodation.ts";

export type FacilityList = z.infer<typeof facilityListDto>;
export type Facility = FacilityList["facilities"][number];
export type OccupancyStatistic = z.infer<typeof occupancyStatisticDto>;
export type Figures = OccupancyStatistic["total"];
export type OccupancySeries = z.infer<typeof occupancySeriesDto>;
export type SeriesMonth = OccupancySeries["months"][number];
export type MonthlyCheck = z.infer<typeof checkDto>;
export type Finding = MonthlyCheck["findings"][number];
export type ChangeResult = z.infer<typeof changeResultDto>;
export type MoveIn = z.input<typeof moveInBody>;
export type MoveOut = z.input<typeof moveOutBody>;
export type Move = z.input<typeof moveBody>;
export type CapacityChange = z.input<typeof capacityBody>;
export type NewFacility = z.input<typeof newFacilityBody>;
export type FacilityChange = z.input<typeof facilityChangeBody>;
export type Forecast = z.infer<typeof forecastDto>;
/** `GET /api/accommodation/federal?format=json`: the records are not shown, only the summary. */
export type FederalDelivery = z.infer<typeof federalDeliveryDto>;

export const accommodationKeys = {
  all: (ws: string) => ["accommodation", ws] as const,
  facilities: (ws: string) => ["accommodation", ws, "facilities"] as const,
  statistic: (ws: string, month: string) => ["accommodation", ws, "statistic", month] as const,
  series: (ws: string, from: string, to: string) =>
    ["accommodation", ws, "series", from, to] as const,
  forecast: (ws: string, horizon: number, to: string) =>
    ["accommodation", ws, "forecast", horizon, to] as const,
  check: (ws: string, month: string) => ["accommodation", ws, "check", month] as const,
  federal: (ws: string, year: number) => ["accommodation", ws, "federal", year] as const,
};

/** The roles that see the records, enter changes and get the full statistic. */
export const RECORD_ROLES: readonly string[] = ["occupancy", "planner"];
