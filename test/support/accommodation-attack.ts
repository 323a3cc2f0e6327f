/**
 * What a reader of the accommodation statistic knows, as cells and equations for
 * `ReaderKnowledge` (disclosure-attack.ts). Written from the counting rules as a reader finds
 * them documented (docs/methods/occupancy.md), not from the product's suppression code:
 *
 * - every count of the total is the sum of the types' (entries and exits up to the moves
 *   between types, which the reader is assumed to know), and of the facilities' where those
 *   are shown; every type is the sum of its facilities;
 * - every breakdown of the composition adds up to the unit's persons (household types: to
 *   its households), and the length-of-stay classes to its persons;
 * - completed stays are the total's exits;
 * - with the last day of the month as reference date, persons(t) = persons(t − 1) +
 *   entries(t) − exits(t) for every unit;
 * - a shown rate times the places gives the persons; free places minus over-occupancy is
 *   places minus persons.
 */
import type { ReaderKnowledge } from "./disclosure-attack.ts";

type Count = number | null;
export interface FiguresJson {
  readonly persons: Count;
  readonly households: Count;
  readonly places: number;
  readonly occupancyRate: number | null;
  readonly freePlaces?: Count;
  readonly overOccupancy?: Count;
  readonly entries: Count;
  readonly exits: Count;
  readonly entitledToFlat?: Count;
  readonly completedStays?: Count;
  readonly lengthClasses?: Record<string, Count> | null;
  readonly composition?: Record<string, Record<string, Count>> | null;
}

export interface StatisticJson {
  readonly month: string;
  readonly referenceDate: string;
  readonly total: FiguresJson;
  readonly byType?: Record<string, FiguresJson>;
  readonly byFacility: readonly { code: string; type?: string; figures: FiguresJson }[];
}

const SIMPLE = ["persons", "households", "entries", "exits", "entitledToFlat"] as const;

const key = (month: string, unit: string, field: string) => `${month}|${unit}|${field}`;

/** Whether a key names a count of persons or households (the minimum-count rule applies). */
export function isCountKey(k: string): boolean {
  return !k.endsWith("|places");
}

/** Records the cells of one figures object as the reader got them. */
function recordFigures(r: ReaderKnowledge, month: string, unit: string, f: FiguresJson): void {
  for (const name of SIMPLE) r.cell(key(month, unit, name), f[name]);
  r.cell(key(month, unit, "completedStays"), f.completedStays);
  for (const [c, v] of Object.entries(f.lengthClasses ?? {}))
    r.cell(key(month, unit, `length:${c}`), v);
  for (const [b, cells] of Object.entries(f.composition ?? {})) {
    for (const [c, v] of Object.entries(cells)) r.cell(key(month, unit, `${b}:${c}`), v);
  }
  r.cell(key(month, unit, "places"), f.places);
  // Derived figures give the persons back.
  if (f.occupancyRate !== null && f.places > 0) {
    r.cell(key(month, unit, "persons"), Math.round(f.occupancyRate * f.places));
  }
  const free = f.freePlaces;
  const over = f.overOccupancy;
  if (free !== undefined && free !== null && over !== undefined && over !== null) {
    r.cell(key(month, unit, "persons"), f.places - free + over);
  }
}

/** Remembers which units, fields and months were seen, to write the equations once. */
export class AccommodationReader {
  private readonly months = new Map<string, { referenceDate: string; units: Set<string> }>();
  private readonly typeOfFacility = new Map<string, string>();
  private readonly breakdowns = new Map<string, Set<string>>();
  private readonly lengthKeys = new Set<string>();
  private readonly facilityUnits = new Set<string>();
  private readonly typeUnits = new Set<string>();

  constructor(readonly knowledge: ReaderKnowledge) {}

  private figures(month: string, unit: string, f: FiguresJson): void {
    recordFigures(this.knowledge, month, unit, f);
    this.months.get(month)!.units.add(unit);
    for (const c of Object.keys(f.lengthClasses ?? {})) this.lengthKeys.add(c);
    for (const [b, cells] of Object.entries(f.composition ?? {})) {
      let s = this.breakdowns.get(b);
      if (!s) this.breakdowns.set(b, (s = new Set()));
      for (const c of Object.keys(cells)) s.add(c);
    }
  }

  private month(month: string, referenceDate: string): void {
    if (!this.months.has(month)) this.months.set(month, { referenceDate, units: new Set() });
  }

  /** A monthly statistic as received (GET /api/accommodation/statistic). */
  statistic(s: StatisticJson): void {
    this.month(s.month, s.referenceDate);
    this.figures(s.month, "total", s.total);
    for (const [t, f] of Object.entries(s.byType ?? {})) {
      this.typeUnits.add(`type:${t}`);
      this.figures(s.month, `type:${t}`, f);
    }
    for (const x of s.byFacility) {
      this.facilityUnits.add(`facility:${x.code}`);
      if (x.type !== undefined) this.typeOfFacility.set(`facility:${x.code}`, `type:${x.type}`);
      this.figures(s.month, `facility:${x.code}`, x.figures);
    }
  }

  /** A series as received (GET /api/accommodation/series). */
  series(body: {
    months: readonly {
      month: string;
      referenceDate: string;
      total: FiguresJson;
      byFacility: readonly { code: string; figures: FiguresJson }[];
    }[];
  }): void {
    for (const m of body.months) {
      this.month(m.month, m.referenceDate);
      this.figures(m.month, "total", m.total);
      for (const x of m.byFacility) {
        this.facilityUnits.add(`facility:${x.code}`);
        this.figures(m.month, `facility:${x.code}`, x.figures);
      }
    }
  }

  /** A single figure from elsewhere (a report's table cell), by month, unit and field. */
  figure(month: string, unit: string, field: string, value: number | null): void {
    this.knowledge.cell(key(month, unit, field), value);
  }

  /** Writes every equation the reader knows between the cells seen. */
  equations(): void {
    const r = this.knowledge;
    const months = [...this.months.keys()].sort();
    const fields = [
      ...SIMPLE,
      ...[...this.lengthKeys].map((c) => `length:${c}`),
      ...[...this.breakdowns].flatMap(([b, cs]) => [...cs].map((c) => `${b}:${c}`)),
    ];
    const flows = new Set(["entries", "exits"]);
    for (const month of months) {
      const { units } = this.months.get(month)!;
      const types = [...this.typeUnits].filter((u) => units.has(u));
      const facilities = [...this.facilityUnits].filter((u) => units.has(u));
      for (const f of fields) {
        const sum = (total: string, parts: readonly string[], label: string) => {
          if (parts.length === 0) return;
          r.equation({
            terms: [
              { key: key(month, total, f), coefficient: 1 },
              ...parts.map((p) => ({ key: key(month, p, f), coefficient: -1 })),
            ],
            additive: true,
            label: `${month} ${label} ${f}`,
            // Moves between units are entries and exits of the units, not of the sum.
            constantFromTruth: flows.has(f),
          });
        };
        sum("total", types, "Gesamt = Σ Arten");
        sum("total", facilities, "Gesamt = Σ Unterkünfte");
        for (const t of types) {
          sum(
            t,
            facilities.filter((x) => this.typeOfFacility.get(x) === t),
            `${t} = Σ Unterkünfte`,
          );
        }
      }
      r.equation({
        terms: [
          { key: key(month, "total", "completedStays"), coefficient: 1 },
          { key: key(month, "total", "exits"), coefficient: -1 },
        ],
        additive: true,
        label: `${month} abgeschlossene Aufenthalte = Abgänge`,
      });
      for (const u of units) {
        const within = (of: string, parts: readonly string[], label: string) => {
          if (parts.length === 0) return;
          r.equation({
            terms: [
              { key: key(month, u, of), coefficient: 1 },
              ...parts.map((p) => ({ key: key(month, u, p), coefficient: -1 })),
            ],
            additive: true,
            label: `${month} ${u} ${label}`,
          });
        };
        within(
          "persons",
          [...this.lengthKeys].map((c) => `length:${c}`),
          "Personen = Σ Verweildauerklassen",
        );
        for (const [b, cs] of this.breakdowns) {
          within(
            b === "householdType" ? "households" : "persons",
            [...cs].map((c) => `${b}:${c}`),
            `Σ ${b}`,
          );
        }
      }
    }
    // Stock and flow: persons(t) = persons(t−1) + entries(t) − exits(t), at month ends.
    for (let i = 1; i < months.length; i++) {
      const [prev, month] = [months[i - 1]!, months[i]!];
      if (!isNextMonth(prev, month)) continue;
      const ref = this.months.get(month)!.referenceDate;
      if (!isLastDayOfMonth(ref) || !isLastDayOfMonth(this.months.get(prev)!.referenceDate)) {
        continue;
      }
      for (const u of this.months.get(month)!.units) {
        r.equation({
          terms: [
            { key: key(month, u, "persons"), coefficient: 1 },
            { key: key(prev, u, "persons"), coefficient: -1 },
            { key: key(month, u, "entries"), coefficient: -1 },
            { key: key(month, u, "exits"), coefficient: 1 },
          ],
          label: `${month} ${u} Bestand = Vormonat + Zugänge − Abgänge`,
        });
      }
    }
  }
}

function isNextMonth(a: string, b: string): boolean {
  const [ya, ma] = a.split("-").map(Number) as [number, number];
  const [yb, mb] = b.split("-").map(Number) as [number, number];
  return yb * 12 + mb === ya * 12 + ma + 1;
}

function isLastDayOfMonth(iso: string): boolean {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.getUTCDate() === 1;
}

/** The true value of every cell, from the full statistic (what a planner sees). */
export function truthOf(full: readonly StatisticJson[]): (k: string) => number | undefined {
  const map = new Map<string, number>();
  const put = (month: string, unit: string, f: FiguresJson) => {
    for (const name of SIMPLE) if (f[name] !== null) map.set(key(month, unit, name), f[name]!);
    if (f.completedStays != null) map.set(key(month, unit, "completedStays"), f.completedStays);
    for (const [c, v] of Object.entries(f.lengthClasses ?? {}))
      if (v !== null) map.set(key(month, unit, `length:${c}`), v);
    for (const [b, cells] of Object.entries(f.composition ?? {}))
      for (const [c, v] of Object.entries(cells))
        if (v !== null) map.set(key(month, unit, `${b}:${c}`), v);
  };
  for (const s of full) {
    put(s.month, "total", s.total);
    for (const [t, f] of Object.entries(s.byType ?? {})) put(s.month, `type:${t}`, f);
    for (const x of s.byFacility) put(s.month, `facility:${x.code}`, x.figures);
  }
  return (k) => map.get(k);
}
