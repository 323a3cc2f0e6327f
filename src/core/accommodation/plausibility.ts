/**
 * Plausibility of accommodation records, before anything is stored or counted: errors (the
 * records contradict themselves and are refused) and warnings (possible, but someone should
 * look). Nothing is corrected silently. Every finding names the record and says why in German.
 */
import { dayNumber, isoDay } from "./days.ts";
import type { Facility, Household, Person, Stay } from "./model.ts";

export type FindingCode =
  | "invalid_date"
  | "unknown_facility"
  | "unknown_person"
  | "unknown_household"
  | "unknown_stay"
  | "exit_before_entry"
  | "overlapping_stays"
  | "move_mismatch"
  | "entry_before_opening"
  | "open_after_closing"
  | "over_capacity"
  | "household_size"
  | "date_out_of_range";

export interface Finding {
  readonly severity: "error" | "warning";
  readonly code: FindingCode;
  /** The record: a stay id, a facility code, a person or household pseudonym. */
  readonly record: string;
  readonly message: string;
}

const de = (iso: string) => {
  const [y, m, d] = iso.split("-");
  return `${d}.${m}.${y}`;
};

export function checkRecords(
  facilities: readonly Facility[],
  households: readonly Household[],
  persons: readonly Person[],
  stays: readonly Stay[],
): Finding[] {
  const out: Finding[] = [];
  const error = (code: FindingCode, record: string, message: string) =>
    out.push({ severity: "error", code, record, message });
  const warning = (code: FindingCode, record: string, message: string) =>
    out.push({ severity: "warning", code, record, message });

  const facilityByCode = new Map(facilities.map((f) => [f.code, f]));
  const householdById = new Map(households.map((h) => [h.id, h]));
  const personById = new Map(persons.map((p) => [p.id, p]));
  const stayById = new Map(stays.map((s) => [s.id, s]));
  /** A stay as a planner recognises it: the household and person pseudonyms beside the id. */
  const stayLabel = (s: Stay) => {
    const person = personById.get(s.person);
    return person === undefined
      ? `Aufenthalt ${s.id}`
      : `Aufenthalt ${s.id} (Haushalt ${person.household}, Person ${person.id})`;
  };

  for (const f of facilities) {
    for (const [what, iso] of [
      ["Eröffnung", f.opened],
      ["Schließung", f.closed],
      ...f.capacity.map((c) => ["Kapazität ab", c.from] as const),
    ] as const) {
      if (iso !== null && dayNumber(iso) === null) {
        error("invalid_date", f.code, `Unterkunft ${f.code}: ${what} „${iso}“ ist kein Datum.`);
      }
    }
  }
  for (const p of persons) {
    if (!householdById.has(p.household)) {
      error("unknown_household", p.id, `Person ${p.id}: Haushalt „${p.household}“ gibt es nicht.`);
    }
  }
  const members = new Map<string, number>();
  for (const p of persons) members.set(p.household, (members.get(p.household) ?? 0) + 1);
  for (const h of households) {
    const n = members.get(h.id) ?? 0;
    if (n !== h.size) {
      warning(
        "household_size",
        h.id,
        `Haushalt ${h.id}: Größe ${h.size} angegeben, ${n} Personen erfasst.`,
      );
    }
  }

  // Per stay: dates, references, order, the facility's opening and closing.
  const valid: { stay: Stay; entry: number; exit: number }[] = [];
  for (const s of stays) {
    const entry = dayNumber(s.entry);
    const exit = s.exit === null ? Infinity : dayNumber(s.exit);
    if (entry === null || exit === null) {
      error(
        "invalid_date",
        s.id,
        `${stayLabel(s)}: ${entry === null ? `Einzug „${s.entry}“` : `Auszug „${s.exit}“`} ist kein Datum.`,
      );
      continue;
    }
    const facility = facilityByCode.get(s.facility);
    if (!facility) {
      error("unknown_facility", s.id, `${stayLabel(s)}: Unterkunft „${s.facility}“ gibt es nicht.`);
      continue;
    }
    if (!personById.has(s.person)) {
      error("unknown_person", s.id, `${stayLabel(s)}: Person „${s.person}“ gibt es nicht.`);
      continue;
    }
    if (exit < entry) {
      error(
        "exit_before_entry",
        s.id,
        `${stayLabel(s)}: Auszug ${de(s.exit!)} liegt vor dem Einzug ${de(s.entry)}.`,
      );
      continue;
    }
    const opened = dayNumber(facility.opened);
    if (opened !== null && entry < opened) {
      warning(
        "entry_before_opening",
        s.id,
        `${stayLabel(s)}: Einzug ${de(s.entry)} vor der Eröffnung von ${facility.name} (${de(facility.opened)}).`,
      );
    }
    const closed = facility.closed === null ? null : dayNumber(facility.closed);
    if (closed !== null && exit > closed) {
      warning(
        "open_after_closing",
        s.id,
        s.exit === null
          ? `${stayLabel(s)}: ohne Auszug, obwohl ${facility.name} am ${de(facility.closed!)} geschlossen wurde.`
          : `${stayLabel(s)}: Auszug ${de(s.exit)} nach der Schließung von ${facility.name} (${de(facility.closed!)}).`,
      );
    }
    if (s.movedFrom !== null) {
      const before = stayById.get(s.movedFrom);
      if (!before) {
        error(
          "unknown_stay",
          s.id,
          `${stayLabel(s)}: Umzug aus „${s.movedFrom}“, den es nicht gibt.`,
        );
      } else if (before.person !== s.person || before.exit !== s.entry) {
        error(
          "move_mismatch",
          s.id,
          `${stayLabel(s)}: ein Umzug schließt an den Auszug derselben Person am selben Tag an (${s.movedFrom}: ${before.person}, Auszug ${before.exit === null ? "offen" : de(before.exit)}).`,
        );
      }
    }
    valid.push({ stay: s, entry, exit });
  }

  // One person, two places at once: stays of a person must not overlap (a move's exit day is
  // the next stay's entry day, which is no overlap: housed on d means entry ≤ d < exit).
  const byPerson = new Map<string, typeof valid>();
  for (const v of valid) byPerson.set(v.stay.person, [...(byPerson.get(v.stay.person) ?? []), v]);
  for (const [person, list] of byPerson) {
    list.sort((a, b) => a.entry - b.entry);
    for (let i = 1; i < list.length; i++) {
      const a = list[i - 1]!;
      const b = list[i]!;
      // Same-day stays (entry = exit) occupy no night and overlap nothing.
      if (b.entry < a.exit && b.exit > b.entry && a.exit > a.entry) {
        error(
          "overlapping_stays",
          b.stay.id,
          `Person ${person}: Aufenthalt ${b.stay.id} (ab ${de(b.stay.entry)}) überschneidet sich mit ${a.stay.id} (${de(a.stay.entry)} bis ${a.stay.exit === null ? "offen" : de(a.stay.exit)}).`,
        );
      }
    }
  }

  // Occupancy above capacity: a sweep over each facility's entries, exits and capacity changes.
  for (const f of facilities) {
    const events: { day: number; persons: number; places: number | null }[] = [];
    for (const v of valid) {
      if (v.stay.facility !== f.code || v.exit === v.entry) continue;
      events.push({ day: v.entry, persons: 1, places: null });
      if (v.exit !== Infinity) events.push({ day: v.exit, persons: -1, places: null });
    }
    for (const c of f.capacity) {
      const d = dayNumber(c.from);
      if (d !== null) events.push({ day: d, persons: 0, places: c.places });
    }
    events.sort((a, b) => a.day - b.day);
    let persons = 0;
    let places = 0;
    let i = 0;
    while (i < events.length) {
      const d = events[i]!.day;
      for (; i < events.length && events[i]!.day === d; i++) {
        persons += events[i]!.persons;
        if (events[i]!.places !== null) places = events[i]!.places!;
      }
      if (persons > places) {
        warning(
          "over_capacity",
          f.code,
          `${f.name}: am ${de(isoDay(d))} ${persons} Personen bei ${places} Plätzen.`,
        );
        // One finding per episode: skip on until the occupancy is within the places again.
        while (i < events.length && persons > places) {
          const next = events[i]!.day;
          for (; i < events.length && events[i]!.day === next; i++) {
            persons += events[i]!.persons;
            if (events[i]!.places !== null) places = events[i]!.places!;
          }
        }
      }
    }
  }
  return out;
}
