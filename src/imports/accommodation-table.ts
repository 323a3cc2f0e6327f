/**
 * The export of an accommodation management system (CSV or XLSX, one row per person and
 * stay) read through a mapping: which column holds what, and how the file's own words map to
 * Sopla's lists ("m" → male, "Obdachlosenrecht" → public_order, "Haus am Markt" → OU-AM).
 * Every unreadable cell and every word the mapping does not know is reported with its line and
 * column, never guessed. Households and persons repeated over rows must agree. Pure: the
 * service checks the records against the stored ones and writes them all or nothing.
 * Format: docs/methods/occupancy.md, section 7.
 */
import { dayNumber, isoDay } from "../core/accommodation/days.ts";
import {
  HOUSEHOLD_TYPES,
  LEGAL_BASES,
  NATIONALITY_GROUPS,
  SEXES,
  type Household,
  type Person,
  type Stay,
} from "../core/accommodation/model.ts";
import { err, ok, type Result } from "../core/result.ts";
import { issue, type ImportIssue } from "../core/data/import-issue.ts";
import type { TableCell } from "./mapping/apply-mapping.ts";
import { readTable, type TableSource } from "./read-table.ts";
import type { StayMapping } from "../contracts/documents/stay-mapping.ts";

export interface StayTableRead {
  readonly households: Household[];
  readonly persons: Person[];
  readonly stays: Stay[];
  /** The source line of each stay, to place later findings. */
  readonly lineOfStay: ReadonlyMap<string, number>;
  readonly source: TableSource;
}

const text = (c: TableCell | undefined): string =>
  c === null || c === undefined ? "" : String(c).trim();

/** Reads the table; errors (with line and column) or the records. */
export async function readStayTable(
  bytes: Uint8Array,
  mapping: StayMapping,
): Promise<Result<StayTableRead, ImportIssue[]>> {
  const table = await readTable(bytes, mapping);
  if (!table.ok) return err([table.error]);
  const { rows, lines, source } = table.value;
  const body = rows.slice(mapping.skipRows);
  const bodyLines = lines.slice(mapping.skipRows);
  const header = (body[0] ?? []).map((c) => text(c));
  const issues: ImportIssue[] = [];
  const at = new Map<string, number>();
  for (const [field, name] of Object.entries(mapping.columns)) {
    if (name === undefined) continue;
    const i = header.indexOf(name);
    if (i < 0) {
      issues.push(
        issue("error", "missing_column", `Spalte „${name}“ (${field}) fehlt in der Kopfzeile.`, {
          column: name,
        }),
      );
    }
    at.set(field, i);
  }
  if (issues.length > 0) return err(issues);

  const households = new Map<string, Household & { line: number }>();
  const persons = new Map<string, Person & { line: number }>();
  const stays: Stay[] = [];
  const lineOfStay = new Map<string, number>();

  const lookup = <T extends string>(
    field: keyof StayMapping["values"],
    codes: readonly T[],
    value: string,
    line: number,
  ): T | null => {
    const mapped = mapping.values[field][value] ?? value;
    if ((codes as readonly string[]).includes(mapped)) return mapped as T;
    issues.push(
      issue(
        "error",
        "unknown_status",
        `Zeile ${line}: „${value}“ in Spalte „${mapping.columns[field as keyof StayMapping["columns"]]}“ ist nicht zugeordnet (erlaubt: ${codes.join(", ")}; Zuordnung unter values.${field}).`,
        { row: line, column: mapping.columns[field as keyof StayMapping["columns"]] ?? null },
      ),
    );
    return null;
  };
  const date = (cell: TableCell | undefined, name: string, line: number, optional: boolean) => {
    const t = text(cell);
    if (t === "") {
      if (!optional) {
        issues.push(
          issue("error", "empty_value", `Zeile ${line}: „${name}“ ist leer.`, {
            row: line,
            column: name,
          }),
        );
      }
      return null;
    }
    const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t);
    const iso =
      mapping.dates === "de" && m
        ? `${m[3]}-${m[2]!.padStart(2, "0")}-${m[1]!.padStart(2, "0")}`
        : t.slice(0, 10);
    const d = dayNumber(iso);
    if (d === null) {
      issues.push(
        issue("error", "invalid_period", `Zeile ${line}: „${t}“ in „${name}“ ist kein Datum.`, {
          row: line,
          column: name,
        }),
      );
      return null;
    }
    return isoDay(d);
  };
  const integer = (cell: TableCell | undefined, name: string, line: number, optional: boolean) => {
    const t = text(cell);
    if (t === "" && optional) return null;
    const n = Number(t);
    if (t === "" || !Number.isInteger(n)) {
      issues.push(
        issue("error", "not_a_number", `Zeile ${line}: „${t}“ in „${name}“ ist keine ganze Zahl.`, {
          row: line,
          column: name,
        }),
      );
      return null;
    }
    return n;
  };

  body.slice(1).forEach((row, r) => {
    const line = bodyLines[r + 1]!;
    const cell = (field: keyof StayMapping["columns"]) => {
      const i = at.get(field);
      return i === undefined || i < 0 ? undefined : row[i];
    };
    const c = mapping.columns;
    const stayId = text(cell("stay"));
    const householdId = text(cell("household"));
    const personId = text(cell("person"));
    for (const [field, value] of [
      ["stay", stayId],
      ["household", householdId],
      ["person", personId],
    ] as const) {
      if (value === "") {
        issues.push(
          issue("error", "empty_value", `Zeile ${line}: „${c[field]}“ ist leer.`, {
            row: line,
            column: c[field],
          }),
        );
      }
    }
    const household = {
      id: householdId,
      type: lookup("householdType", HOUSEHOLD_TYPES, text(cell("householdType")), line),
      size: integer(cell("householdSize"), c.householdSize, line, false),
    };
    const person = {
      id: personId,
      household: householdId,
      birthYear:
        c.birthYear === undefined ? null : integer(cell("birthYear"), c.birthYear, line, true),
      sex: lookup("sex", SEXES, text(cell("sex")), line),
      nationality: lookup("nationality", NATIONALITY_GROUPS, text(cell("nationality")), line),
    };
    const facilityWord = text(cell("facility"));
    const facility = mapping.values.facility[facilityWord] ?? facilityWord;
    const legalBasis = lookup("legalBasis", LEGAL_BASES, text(cell("legalBasis")), line);
    const entry = date(cell("entry"), c.entry, line, false);
    const exit = date(cell("exit"), c.exit, line, true);
    const entitledWord = c.entitledToFlat === undefined ? "" : text(cell("entitledToFlat"));
    const entitledCode = mapping.values.entitledToFlat[entitledWord] ?? entitledWord;
    const entitled = ["", "nein", "false", "0"].includes(entitledCode.toLowerCase())
      ? false
      : ["ja", "true", "1", "x"].includes(entitledCode.toLowerCase())
        ? true
        : null;
    if (entitled === null) {
      issues.push(
        issue(
          "error",
          "unknown_status",
          `Zeile ${line}: „${entitledWord}“ in „${c.entitledToFlat}“ ist weder ja noch nein.`,
          {
            row: line,
            column: c.entitledToFlat ?? null,
          },
        ),
      );
    }
    if (
      stayId === "" ||
      householdId === "" ||
      personId === "" ||
      household.type === null ||
      household.size === null ||
      person.sex === null ||
      person.nationality === null ||
      legalBasis === null ||
      entry === null ||
      entitled === null
    ) {
      return;
    }
    // A household or person repeated over rows must say the same each time.
    const h = households.get(householdId);
    if (h && (h.type !== household.type || h.size !== household.size)) {
      issues.push(
        issue(
          "error",
          "conflicting_value",
          `Zeile ${line}: Haushalt ${householdId} hat andere Angaben als in Zeile ${h.line}.`,
          {
            row: line,
            column: c.household,
          },
        ),
      );
    } else if (!h) {
      households.set(householdId, {
        id: householdId,
        type: household.type,
        size: household.size,
        line,
      });
    }
    const p = persons.get(personId);
    const thisPerson = { ...person, sex: person.sex, nationality: person.nationality, line };
    if (
      p &&
      (p.household !== thisPerson.household ||
        p.birthYear !== thisPerson.birthYear ||
        p.sex !== thisPerson.sex ||
        p.nationality !== thisPerson.nationality)
    ) {
      issues.push(
        issue(
          "error",
          "conflicting_value",
          `Zeile ${line}: Person ${personId} hat andere Angaben als in Zeile ${p.line}.`,
          {
            row: line,
            column: c.person,
          },
        ),
      );
    } else if (!p) {
      persons.set(personId, thisPerson);
    }
    if (lineOfStay.has(stayId)) {
      issues.push(
        issue(
          "error",
          "duplicate_key",
          `Zeile ${line}: Aufenthalt ${stayId} stand schon in Zeile ${lineOfStay.get(stayId)}.`,
          {
            row: line,
            column: c.stay,
          },
        ),
      );
      return;
    }
    lineOfStay.set(stayId, line);
    const movedFrom = c.movedFrom === undefined ? "" : text(cell("movedFrom"));
    stays.push({
      id: stayId,
      person: personId,
      facility,
      legalBasis,
      entry,
      exit,
      movedFrom: movedFrom === "" ? null : movedFrom,
      entitledToFlat: entitled,
    });
  });
  if (body.length <= 1) {
    issues.push(issue("error", "empty_file", "Die Tabelle hat keine Datenzeilen."));
  }
  if (issues.some((i) => i.severity === "error")) return err(issues);
  const strip = <T extends { line: number }>({ line: _line, ...rest }: T) => rest;
  return ok({
    households: [...households.values()].map(strip),
    persons: [...persons.values()].map(strip),
    stays,
    lineOfStay,
    source,
  });
}
