/**
 * The facilities of the synthetic accommodation history (synthetic.ts): invented homeless
 * shelters, shared refugee accommodation and dispersed flats of an example city, with their
 * places and units, and the months after the start at which they open or close. Example data
 * ("Beispieldaten"): no such facility exists.
 */
import type { Facility } from "./model.ts";

/** A facility of the example city, with when it opens and closes in the history. */
export interface FacilityPlan {
  readonly code: string;
  readonly name: string;
  readonly type: Facility["type"];
  readonly places: number;
  readonly units: number;
  readonly operator: Facility["operator"];
  readonly provision: Facility["provision"];
  /** Months after the start it opens (0: open from the start) or closes (null: stays open). */
  readonly opensAfter: number;
  readonly closesAfter: number | null;
}

const CITY = { kind: "municipality", association: null } as const;
/** The example city's facilities (at scale 1: about 330 places). */
export const FACILITY_PLANS: readonly FacilityPlan[] = [
  {
    code: "OU-AM",
    name: "Obdachlosenunterkunft Am Markt",
    type: "homeless_shelter",
    places: 40,
    units: 18,
    operator: { name: "Stadt", ...CITY },
    provision: "short_term",
    opensAfter: 0,
    closesAfter: null,
  },
  {
    code: "OU-HW",
    name: "Notunterkunft Hauptweg",
    type: "homeless_shelter",
    places: 24,
    units: 10,
    operator: { name: "Stadt", ...CITY },
    provision: "short_term",
    opensAfter: 0,
    closesAfter: null,
  },
  {
    code: "OU-FR",
    name: "Frauenunterkunft Lindenhof",
    type: "homeless_shelter",
    places: 12,
    units: 6,
    operator: { name: "Diakonisches Werk", kind: "free_provider", association: "diakonie" },
    provision: "residential",
    opensAfter: 0,
    closesAfter: null,
  },
  {
    code: "GU-NO",
    name: "Gemeinschaftsunterkunft Nord",
    type: "refugee_shared",
    places: 80,
    units: 26,
    operator: { name: "DRK-Kreisverband", kind: "free_provider", association: "drk" },
    provision: "other",
    opensAfter: 0,
    closesAfter: null,
  },
  {
    code: "GU-SU",
    name: "Gemeinschaftsunterkunft Süd",
    type: "refugee_shared",
    places: 60,
    units: 20,
    operator: { name: "Stadt", ...CITY },
    provision: "other",
    opensAfter: 0,
    closesAfter: 22,
  },
  {
    code: "GU-WE",
    name: "Gemeinschaftsunterkunft West (Neubau)",
    type: "refugee_shared",
    places: 90,
    units: 30,
    operator: { name: "Stadt", ...CITY },
    provision: "other",
    opensAfter: 18,
    closesAfter: null,
  },
  {
    code: "GU-PE",
    name: "Pension Ostring",
    type: "refugee_shared",
    places: 20,
    units: 9,
    operator: { name: "Pension Ostring GmbH", kind: "commercial", association: null },
    provision: "other",
    opensAfter: 0,
    closesAfter: null,
  },
  {
    code: "WO-01",
    name: "Dezentrale Wohnungen Mitte",
    type: "dispersed_flat",
    places: 24,
    units: 8,
    operator: { name: "Stadt", ...CITY },
    provision: "other",
    opensAfter: 0,
    closesAfter: null,
  },
  {
    code: "WO-02",
    name: "Dezentrale Wohnungen Garstedt",
    type: "dispersed_flat",
    places: 18,
    units: 6,
    operator: { name: "Stadt", ...CITY },
    provision: "other",
    opensAfter: 0,
    closesAfter: null,
  },
  {
    code: "SO-01",
    name: "Übergangswohnheim Friedrichsgabe",
    type: "other",
    places: 16,
    units: 8,
    operator: { name: "AWO Kreisverband", kind: "free_provider", association: "awo" },
    provision: "semi_residential",
    opensAfter: 0,
    closesAfter: null,
  },
];
