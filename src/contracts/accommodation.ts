/**
 * The accommodation API: facilities, pseudonymous records (occupancy staff and planners only),
 * the monthly statistic (after disclosure control for everyone else), the WoBerichtsG delivery
 * and the forecast of places. Counting rules: docs/methods/occupancy.md.
 * One file, although long: it is the module's whole HTTP vocabulary as declarations, read
 * together by the server, the web app and the OpenAPI document.
 */
import { z } from "zod";
import { spcChartDto } from "./controlling.ts";
import {
  FACILITY_TYPES,
  HOUSEHOLD_TYPES,
  LEGAL_BASES,
  NATIONALITY_GROUPS,
  OPERATOR_KINDS,
  PROVISION_KINDS,
  SEXES,
  WELFARE_ASSOCIATIONS,
} from "../core/accommodation/model.ts";
import { calendarDay, workspaceQuery } from "./common.ts";

const isoDay = calendarDay.describe("JJJJ-MM-TT");
const pseudonym = z.string().trim().min(1).max(64);

export const facilityDto = z
  .object({
    code: z.string(),
    name: z.string(),
    type: z.enum(FACILITY_TYPES),
    operator: z.object({
      name: z.string(),
      kind: z.enum(OPERATOR_KINDS),
      association: z.enum(WELFARE_ASSOCIATIONS).nullable(),
    }),
    provision: z.enum(PROVISION_KINDS),
    opened: z.string(),
    closed: z.string().nullable(),
    capacity: z.array(
      z.object({ from: z.string(), places: z.number().int(), units: z.number().int() }),
    ),
    address: z.string().nullable(),
    areaCode: z.string().nullable(),
    wheelchairAccess: z.boolean(),
    familyRooms: z.boolean(),
    example: z
      .boolean()
      .describe("Beispieldaten aus dem Generator der Demo, keine echten Belegungen"),
  })
  .meta({ id: "Facility" });

const monthCode = z
  .string()
  .regex(/^\d{4}-\d{2}$/, "Monat als JJJJ-MM")
  .describe("JJJJ-MM");

export const facilityListDto = z
  .object({
    facilities: z.array(facilityDto),
    span: z
      .object({ first: z.string(), last: z.string() })
      .nullable()
      .describe("Erster und letzter Monat mit Datensätzen oder gespeicherten Zahlen (JJJJ-MM)"),
  })
  .meta({ id: "FacilityList" });

const householdBody = z.strictObject({
  id: pseudonym,
  type: z.enum(HOUSEHOLD_TYPES),
  size: z.int().min(1).max(30),
});
const personBody = z.strictObject({
  id: pseudonym,
  household: pseudonym,
  birthYear: z.int().min(1900).max(2100).nullable(),
  sex: z.enum(SEXES),
  nationality: z.enum(NATIONALITY_GROUPS),
});

export const recordsBody = z
  .strictObject({
    households: z.array(householdBody).max(100_000).default([]),
    persons: z.array(personBody).max(200_000).default([]),
    stays: z
      .array(
        z.strictObject({
          id: pseudonym,
          person: pseudonym,
          facility: z.string().min(1).max(64),
          legalBasis: z.enum(LEGAL_BASES),
          entry: isoDay,
          exit: isoDay.nullable(),
          movedFrom: pseudonym.nullable().default(null),
          entitledToFlat: z.boolean().default(false),
        }),
      )
      .max(500_000)
      .default([]),
  })
  .meta({ id: "AccommodationRecords" });

const finding = z.object({
  severity: z.enum(["error", "warning"]),
  code: z.string(),
  record: z.string(),
  message: z.string(),
});

export const recordsResultDto = z
  .object({
    households: z.number().int(),
    persons: z.number().int(),
    stays: z.number().int(),
    warnings: z.array(finding),
  })
  .meta({ id: "AccommodationRecordsResult" });

export const recordsDto = z
  .object({
    households: z.array(z.object({ id: z.string(), type: z.string(), size: z.number() })),
    persons: z.array(
      z.object({
        id: z.string(),
        household: z.string(),
        birthYear: z.number().nullable(),
        sex: z.string(),
        nationality: z.string(),
      }),
    ),
    stays: z.array(
      z.object({
        id: z.string(),
        person: z.string(),
        facility: z.string(),
        legalBasis: z.string(),
        entry: z.string(),
        exit: z.string().nullable(),
        movedFrom: z.string().nullable(),
        entitledToFlat: z.boolean(),
      }),
    ),
  })
  .meta({ id: "AccommodationRecordList" });

export const monthQuery = workspaceQuery.extend({ month: monthCode });

/** At most ten years in one request: the benchmark's span, computed in about half a second. */
export const MAX_SERIES_MONTHS = 120;

export const seriesQuery = workspaceQuery.extend({ from: monthCode, to: monthCode });

const count = z.number().int().nullable();
const figures = z.object({
  persons: count,
  households: count,
  places: z.number().int(),
  units: z.number().int(),
  occupancyRate: z.number().nullable(),
  freePlaces: count,
  overOccupancy: count,
  entries: count,
  exits: count,
  entitledToFlat: count,
  meanLengthOfStay: z.number().nullable(),
  medianLengthOfStay: z.number().nullable(),
  lengthClasses: z.record(z.string(), count).nullable(),
  completedStays: count,
  composition: z.record(z.string(), z.record(z.string(), count)).nullable(),
});

const figureChange = z.object({
  unit: z.string().describe("total, type:<Art> oder facility:<Kürzel>"),
  unitName: z.string(),
  figure: z.string().describe("Kennzahl, z. B. places oder composition.sex.female"),
  label: z.string(),
  before: z.number().nullable().describe("Gemeldeter Wert; null: gesperrt"),
  after: z.number().nullable(),
});

export const monthClosingDto = z
  .object({
    state: z.enum(["open", "closed", "reopened"]),
    version: z.number().int().describe("Zuletzt abgeschlossene Fassung; 0: nie abgeschlossen"),
    closedAt: z.string().nullable(),
    closedBy: z.string().nullable().describe("Nur für die Rollen Unterkünfte und Sozialplanung"),
    reopenedAt: z.string().nullable(),
    reopenedBy: z.string().nullable(),
    reason: z
      .string()
      .nullable()
      .describe("Begründung der Wiederöffnung (nur Unterkünfte, Sozialplanung)"),
    revised: z.boolean().describe("Nach Wiederöffnung erneut abgeschlossen: Werte mit „r“"),
    comparedWith: z
      .object({ version: z.number().int(), closedAt: z.string() })
      .nullable()
      .describe("Die gemeldete Fassung, gegen die `changes` verglichen ist"),
    changes: z.array(figureChange),
  })
  .meta({ id: "MonthClosing" });

export const occupancyStatisticDto = z
  .object({
    month: z.string(),
    referenceDate: z.string(),
    rules: z.string().describe("The counting rules in words"),
    disclosureControl: z.boolean().describe("Small counts withheld (null) for this caller"),
    minCount: z.number().int(),
    total: figures,
    byType: z.record(z.string(), figures),
    byFacility: z.array(
      z.object({ code: z.string(), name: z.string(), type: z.string(), figures }),
    ),
    closing: monthClosingDto,
  })
  .meta({ id: "OccupancyStatistic" });

export const monthParams = z.strictObject({ month: monthCode });
export const yearParams = z.strictObject({
  year: z.coerce.number().int().min(2022).max(2100).describe("Berichtsjahr"),
});

export const reopenBody = z
  .strictObject({
    reason: z.string().max(2000).describe("Warum wieder geöffnet wird (mindestens 5 Zeichen)"),
  })
  .meta({ id: "Reopening" });

export const closedVersionDto = z
  .object({
    period: z.string(),
    version: z.number().int(),
    state: z.enum(["closed", "reopened"]),
    closedAt: z.string(),
    reopenedAt: z.string().nullable(),
  })
  .meta({ id: "ClosedVersion" });

const seriesFigures = z.object({
  persons: count,
  households: count,
  places: z.number().int(),
  occupancyRate: z.number().nullable(),
  entries: count,
  exits: count,
});

export const occupancySeriesDto = z
  .object({
    disclosureControl: z.boolean(),
    minCount: z.number().int(),
    months: z.array(
      z.object({
        month: z.string(),
        referenceDate: z.string(),
        total: seriesFigures,
        byFacility: z.array(z.object({ code: z.string(), figures: seriesFigures })),
      }),
    ),
    /** The XmR chart of the total occupancy rate over the months (docs/methods/spc-xmr.md). */
    occupancyChart: spcChartDto,
  })
  .meta({ id: "OccupancySeries" });

export const federalQuery = workspaceQuery.extend({
  year: z.coerce.number().int().min(2022).max(2100).describe("Stichtag 31. Januar des Jahres"),
  format: z.enum(["json", "csv"]).default("json"),
});

export const forecastQuery = workspaceQuery.extend({
  horizon: z.coerce.number().int().min(6).max(12).default(12).describe("Monate"),
  to: monthCode
    .optional()
    .describe("Letzter Monat der Grundlage (JJJJ-MM); Standard: der Vormonat"),
});

const share = z.number().min(0).max(1);
export const forecastDto = z
  .object({
    basis: z.object({ from: z.string(), to: z.string(), months: z.number().int() }),
    exitShare: z.object({ central: share, low: share, high: share }),
    seasonal: z.boolean(),
    months: z.array(
      z.object({
        month: z.string(),
        persons: z.number(),
        low: z.number(),
        high: z.number(),
        places: z.number().int(),
        shortfall: z.number(),
      }),
    ),
    capacityRunsOut: z
      .string()
      .nullable()
      .describe("Erster Monat, in dem der Bedarf die Plätze übersteigt; null: nicht im Zeitraum"),
  })
  .meta({ id: "PlacesForecast" });

const tally = z.record(z.string(), z.number().int());
export const federalSummaryDto = z.object({
  referenceDate: z.string(),
  persons: z.number().int(),
  households: z.number().int(),
  excludedAsylum: z.number().int().describe("Am Stichtag nach dem AsylbLG Untergebrachte"),
  bySex: tally,
  byAge: tally,
  byNationality: tally,
  byHouseholdType: tally,
  byProvision: tally,
  byOperator: tally,
  notes: z.array(z.string()),
});

const valueChange = z.object({
  figure: z.string(),
  label: z.string(),
  before: z.number().nullable(),
  after: z.number().nullable(),
});

export const deliveryStateDto = z.object({
  state: z.enum(["open", "delivered", "reopened"]),
  version: z.number().int().describe("Zuletzt gelieferte Fassung; 0: noch nicht geliefert"),
  deliveredAt: z.string().nullable(),
  deliveredBy: z.string().nullable(),
  reopenedAt: z.string().nullable(),
  reopenedBy: z.string().nullable(),
  reason: z.string().nullable(),
  revised: z.boolean().describe("Erneut geliefert nach Wiederöffnung: berichtigte Lieferung („r“)"),
  comparedWith: z.object({ version: z.number().int(), deliveredAt: z.string() }).nullable(),
  changes: z
    .object({
      figures: z.array(valueChange),
      added: z.array(z.string()),
      removed: z.array(z.string()),
      changed: z.array(z.string()),
    })
    .nullable(),
  recordsDeletedOn: z
    .string()
    .nullable()
    .describe("Tag, an dem die gelieferten Datensätze nach der Aufbewahrungsfrist gelöscht wurden"),
});

export const federalDeliveryDto = z
  .object({
    delivery: deliveryStateDto,
    records: z.array(
      z.object({
        municipalityKey: z.string(),
        person: z.string(),
        sex: z.enum(SEXES),
        age: z.number().int().nullable(),
        nationality: z.enum(NATIONALITY_GROUPS),
        householdType: z.enum(HOUSEHOLD_TYPES),
        householdSize: z.number().int(),
        provision: z.enum(PROVISION_KINDS),
        operatorKind: z.enum(OPERATOR_KINDS),
        association: z.enum(WELFARE_ASSOCIATIONS).nullable(),
        since: z.string(),
      }),
    ),
    summary: federalSummaryDto,
  })
  .meta({ id: "FederalDelivery" });

export const moveInBody = z
  .strictObject({
    household: householdBody,
    persons: z.array(personBody).max(30).default([]),
    facility: z.string().min(1).max(64),
    entry: isoDay,
    legalBasis: z.enum(LEGAL_BASES),
    entitledToFlat: z.boolean().default(false),
  })
  .meta({ id: "MoveIn" });

export const moveOutBody = z
  .strictObject({ household: pseudonym, exit: isoDay })
  .meta({ id: "MoveOut" });

export const moveBody = z
  .strictObject({ household: pseudonym, to: z.string().min(1).max(64), day: isoDay })
  .meta({ id: "Move" });

export const changeResultDto = z
  .object({ stays: z.array(z.string()), warnings: z.array(finding) })
  .meta({ id: "AccommodationChange" });

export const facilityCodeParams = z.strictObject({ code: z.string().min(1).max(64) });

export const capacityBody = z
  .strictObject({
    from: isoDay,
    places: z.int().min(0).max(100_000),
    units: z.int().min(0).max(100_000),
  })
  .meta({ id: "CapacityChange" });

export const newFacilityBody = z
  .strictObject({
    code: z.string().trim().min(1).max(64),
    name: z.string().trim().min(1).max(200),
    type: z.enum(FACILITY_TYPES),
    operator: z.strictObject({
      name: z.string().trim().min(1).max(200),
      kind: z.enum(OPERATOR_KINDS),
      association: z.enum(WELFARE_ASSOCIATIONS).nullable().default(null),
    }),
    provision: z.enum(PROVISION_KINDS),
    opened: isoDay,
    closed: isoDay.nullable().default(null),
    capacity: z.array(capacityBody).min(1).max(100),
    address: z.string().trim().max(300).nullable().default(null),
    areaCode: z.string().trim().max(64).nullable().default(null),
    wheelchairAccess: z.boolean().default(false),
    familyRooms: z.boolean().default(false),
  })
  .meta({ id: "NewFacility" });

export const checkDto = z
  .object({ month: z.string(), findings: z.array(finding) })
  .meta({ id: "MonthlyCheck" });

export const facilityChangeBody = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    closed: isoDay.nullable().optional().describe("Schließung (letzter Tag); null: wieder offen"),
    address: z.string().trim().max(300).nullable().optional(),
    areaCode: z.string().trim().max(64).nullable().optional(),
    wheelchairAccess: z.boolean().optional(),
    familyRooms: z.boolean().optional(),
  })
  .meta({ id: "FacilityChange" });

export const warningsDto = z.object({ warnings: z.array(finding) }).meta({ id: "Warnings" });
