import { describe, expect, it } from "vitest";
import type { Facility, Figures, OccupancyStatistic } from "./accommodation-api.ts";
import {
  COMPOSITION_DIMENSIONS,
  compositionTable,
  countCell,
  difference,
  facilityTable,
  facilityUnits,
  markRevised,
  keyFiguresTable,
  lengthClassesTable,
  signNotes,
  typeTable,
} from "./statistic-tables.ts";
import { facilityListTable, placesOn } from "./list-tables.ts";
import { seriesLines, seriesTable } from "./series-tables.ts";
import { tDe } from "./test-translate.ts";

const meta = { title: "T", source: "S", date: "D" };

function figures(over: Partial<Figures> = {}): Figures {
  return {
    persons: 30,
    households: 20,
    places: 40,
    units: 18,
    occupancyRate: 0.75,
    freePlaces: 10,
    overOccupancy: 0,
    entries: 5,
    exits: 4,
    entitledToFlat: 3,
    meanLengthOfStay: 120.5,
    medianLengthOfStay: 90,
    lengthClasses: { lt1m: 4, "1to3m": 6, "3to6m": 10, "6to12m": 5, "1to2y": 3, "2yplus": 2 },
    completedStays: 4,
    composition: {
      householdType: { single: 15, single_parent: 5 },
      ageGroup: { "25-49": 30 },
      sex: { female: 12, male: 18 },
      nationality: { german: 30 },
      legalBasis: { public_order: 30 },
    },
    ...over,
  };
}

function statistic(over: Partial<OccupancyStatistic> = {}): OccupancyStatistic {
  return {
    month: "2026-10",
    referenceDate: "2026-10-31",
    rules: "Stichtag: letzter Tag des Monats",
    disclosureControl: false,
    minCount: 3,
    total: figures(),
    byType: { homeless_shelter: figures(), refugee_shared: figures({ places: 0, persons: 0 }) },
    byFacility: [{ code: "OU-AM", name: "Am Markt", type: "homeless_shelter", figures: figures() }],
    closing: {
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
    },
    ...over,
  };
}

describe("cells and differences", () => {
  it("shows a withheld count as '.' and never works out a change from it", () => {
    expect(countCell(null)).toBe(".");
    expect(countCell(0)).toBe(0);
    expect(difference(12, 10)).toBe(2);
    expect(difference(null, 10)).toBeNull();
    expect(difference(12, undefined)).toBeNull();
  });
});

describe("keyFiguresTable", () => {
  it("compares with the previous month and the same month last year, rates in points", () => {
    const table = keyFiguresTable(
      meta,
      tDe,
      { current: "2026-10", previous: "2026-09", lastYear: "2025-10" },
      figures(),
      figures({ persons: 25, occupancyRate: 0.625 }),
      // Withheld persons take their rate with them.
      figures({ persons: null, occupancyRate: null }),
    );
    expect(table.columns.map((c) => c.label).slice(0, 5)).toEqual([
      "Monat",
      "Personen",
      "Haushalte",
      "Plätze",
      "Auslastung (%)",
    ]);
    expect(table.columns[1]?.decimals).toBe(0);
    expect(table.columns[4]?.decimals).toBe(1);
    expect(table.rows.map((r) => r.slice(0, 5))).toEqual([
      ["2026-10", 30, 20, 40, 75],
      ["Vormonat 2026-09", 25, 20, 40, 62.5],
      ["Veränderung zu 2026-09", 5, 0, 0, 12.5],
      ["Vorjahresmonat 2025-10", ".", 20, 40, "."],
      ["Veränderung zu 2025-10", ".", 0, 0, "."],
    ]);
    expect(table.notes).toContain("Auslastung: Veränderungen in Prozentpunkten (Pp.).");
  });

  it("leaves the comparison empty when a month is not there", () => {
    const table = keyFiguresTable(
      meta,
      tDe,
      { current: "2026-10", previous: "2026-09", lastYear: "2025-10" },
      figures(),
      undefined,
      undefined,
    );
    expect(table.rows.map((r) => r[1])).toEqual([30, "–", "–", "–", "–"]);
  });
});

describe("statistic tables", () => {
  it("lists each facility with its type and the total", () => {
    const table = facilityTable(meta, tDe, statistic());
    expect(table.rows).toHaveLength(2);
    expect(table.rows[0]?.slice(0, 6)).toEqual([
      "Am Markt",
      "Obdachlosenunterkunft (Ordnungsrecht)",
      30,
      20,
      40,
      75,
    ]);
    expect(table.rows[1]?.[0]).toBe("Insgesamt");
  });

  it("lists every type present in the answer, then the total", () => {
    const rows = typeTable(meta, tDe, statistic()).rows;
    expect(rows.map((r) => r[0])).toEqual([
      "Obdachlosenunterkunft (Ordnungsrecht)",
      "Gemeinschaftsunterkunft für Geflüchtete",
      "Insgesamt",
    ]);
  });

  it("breaks the composition down by the types in use, with core labels and zeros", () => {
    const sex = COMPOSITION_DIMENSIONS.find((d) => d.key === "sex")!;
    const table = compositionTable(meta, tDe, statistic(), sex);
    // The refugee type has neither places nor persons: no column.
    expect(table.columns.map((c) => c.label)).toEqual([
      "Merkmal",
      "Obdachlosenunterkunft (Ordnungsrecht)",
      "Insgesamt",
    ]);
    expect(table.rows).toEqual([
      ["weiblich", 12, 12],
      ["männlich", 18, 18],
      ["divers", 0, 0],
      ["ohne Angabe", 0, 0],
    ]);
    const none = compositionTable(
      meta,
      tDe,
      statistic({ total: figures({ composition: null }) }),
      sex,
    );
    expect(none.rows[0]?.at(-1)).toBe("–");
  });

  it("counts the length-of-stay classes with the completed stays last", () => {
    const rows = lengthClassesTable(meta, tDe, statistic()).rows;
    expect(rows[0]).toEqual(["unter 1 Monat", 4, 4]);
    expect(rows.at(-1)).toEqual(["Beendete Aufenthalte", 4, 4]);
  });

  it("explains the signs, with disclosure control only when it applies", () => {
    expect(signNotes(tDe, statistic())).toEqual(["– = nichts vorhanden oder nicht berechenbar"]);
    const notes = signNotes(tDe, statistic({ disclosureControl: true }));
    expect(notes[0]).toBe(". = gesperrt (Geheimhaltung)");
    expect(notes[1]).toMatch(/unter 3 sind gesperrt/);
  });
});

describe("series", () => {
  const points = [
    { month: "2026-09", statistic: undefined },
    { month: "2026-10", statistic: statistic() },
  ];

  it("gives gaps for months not loaded and the chosen facility's lines", () => {
    const lines = seriesLines(points, "OU-AM");
    expect(lines.persons).toEqual([null, 30]);
    expect(lines.facilityPlaces).toEqual([null, 40]);
    expect(seriesLines(points, null).facilityPersons).toEqual([null, null]);
  });

  it("tabulates persons, places and rate per month", () => {
    const table = seriesTable(meta, tDe, points, { code: "OU-AM", name: "Am Markt" });
    expect(table.columns).toHaveLength(6);
    expect(table.rows).toEqual([
      ["2026-09", "–", "–", "–", "–", "–"],
      ["2026-10", 30, 40, 75, 30, 40],
    ]);
  });
});

describe("facilities", () => {
  const facility: Facility = {
    code: "OU-AM",
    name: "Am Markt",
    type: "homeless_shelter",
    operator: { name: "Stadt", kind: "municipality", association: null },
    provision: "short_term",
    opened: "2020-01-01",
    closed: null,
    capacity: [
      { from: "2025-11-01", places: 48, units: 21 },
      { from: "2020-01-01", places: 40, units: 18 },
    ],
    address: null,
    areaCode: "01",
    example: false,
    wheelchairAccess: true,
    familyRooms: false,
  };

  it("takes the places of the last dated change up to the day, none after closing", () => {
    expect(placesOn(facility, "2019-12-31")).toBe(0);
    expect(placesOn(facility, "2025-10-31")).toBe(40);
    expect(placesOn(facility, "2025-11-01")).toBe(48);
    expect(placesOn({ ...facility, closed: "2026-01-31" }, "2026-02-28")).toBe(0);
  });

  it("lists type, operator, district name, figures of the month and features", () => {
    const table = facilityListTable(meta, tDe, [facility], statistic(), (c) => `Bezirk ${c}`);
    expect(table.rows[0]).toEqual([
      "Am Markt",
      "Obdachlosenunterkunft (Ordnungsrecht)",
      "Stadt (Gemeinde oder Gemeindeverband)",
      "Bezirk 01",
      40,
      30,
      75,
      "barrierefrei",
    ]);
  });
});

describe("a revised month", () => {
  it("marks with r exactly the values that differ from the version reported before", () => {
    const s = statistic();
    const table = markRevised(
      facilityTable(meta, tDe, s),
      facilityUnits(s),
      2,
      new Set(["facility:OU-AM|places", "facility:OU-AM|occupancyRate", "total|overOccupancy"]),
      "de-DE",
      "r",
    );
    // Persons, households unchanged; places and the rate (in percent, one decimal) marked.
    expect(table.rows[0]?.slice(2, 6)).toEqual([30, 20, "40 r", "75,0 r"]);
    expect(table.rows[1]?.[7]).toBe("0 r");
    expect(table.rows[1]?.[2]).toBe(30);
  });

  it("leaves a table without changes as it is", () => {
    const s = statistic();
    const table = facilityTable(meta, tDe, s);
    expect(markRevised(table, facilityUnits(s), 2, new Set(), "de-DE", "r")).toBe(table);
  });
});
