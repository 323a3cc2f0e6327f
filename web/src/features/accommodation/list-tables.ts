/**
 * The accommodation page's lists as view tables: the facilities with their places on a day,
 * and the findings of the monthly check.
 */
import { OPERATOR_KIND_LABELS } from "@core/accommodation/model.ts";
import type { ViewTable } from "../../lib/view-table.ts";
import type { Facility, Finding, OccupancyStatistic } from "./accommodation-api.ts";
import {
  NONE,
  countCell,
  percentCell,
  type Translate,
  type TableMeta,
  typeLabel,
} from "./statistic-tables.ts";

/** The places a facility has on `day` (ISO): the last dated change up to it; 0 before. */
export function placesOn(facility: Facility, day: string): number {
  if (facility.closed !== null && facility.closed < day) return 0;
  let places = 0;
  let from = "";
  for (const c of facility.capacity) {
    if (c.from <= day && c.from >= from) {
      from = c.from;
      places = c.places;
    }
  }
  return places;
}

/**
 * The facilities with their type, operator, district, places and persons on the statistic's
 * reference date, and their features.
 */
export function facilityListTable(
  meta: TableMeta,
  t: Translate,
  facilities: readonly Facility[],
  s: OccupancyStatistic | undefined,
  districtName: (code: string) => string,
): ViewTable {
  const day = s?.referenceDate ?? "";
  // Persons per facility only where the caller sees the records (no disclosure control).
  const occupancy = s !== undefined && !s.disclosureControl;
  return {
    ...meta,
    columns: [
      { label: t("acc.facility") },
      { label: t("acc.type") },
      { label: t("acc.operator") },
      { label: t("acc.district") },
      { label: t("acc.places"), decimals: 0 },
      ...(occupancy
        ? [
            { label: t("acc.persons"), decimals: 0 },
            { label: t("acc.occupancyRate"), decimals: 1 },
          ]
        : []),
      { label: t("acc.features") },
    ],
    rows: facilities.map((f) => {
      const figures = s?.byFacility.find((x) => x.code === f.code)?.figures;
      const features = [
        f.wheelchairAccess ? t("acc.wheelchair") : null,
        f.familyRooms ? t("acc.familyRooms") : null,
        f.closed !== null && f.closed < day
          ? t("acc.closed", { date: f.closed.split("-").reverse().join(".") })
          : null,
      ].filter((x): x is string => x !== null);
      return [
        f.name,
        typeLabel(f.type),
        `${f.operator.name} (${OPERATOR_KIND_LABELS[f.operator.kind]})`,
        f.areaCode === null ? NONE : districtName(f.areaCode),
        figures ? figures.places : placesOn(f, day),
        ...(occupancy
          ? [
              figures ? countCell(figures.persons) : NONE,
              figures ? percentCell(figures.occupancyRate) : NONE,
            ]
          : []),
        features.join(", "),
      ];
    }),
  };
}

/** The findings of a check or a refused change as a table. */
export function findingsTable(
  meta: TableMeta,
  t: Translate,
  findings: readonly Finding[],
): ViewTable {
  return {
    ...meta,
    columns: [
      { label: t("acc.record") },
      { label: t("acc.severity") },
      { label: t("acc.message") },
    ],
    rows: findings.map((f) => [f.record, t(`acc.severity.${f.severity}`), f.message]),
  };
}
