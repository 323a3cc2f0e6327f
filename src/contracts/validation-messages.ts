/**
 * Validation issues in words a planner understands: the field by its German label, then what
 * is wrong in plain German, with numbers in German format — "Plätze: höchstens 100.000"
 * instead of "places: Zu groß: erwartet, dass number <=100000 ist". The server's error
 * handler sends every 400 with these texts, so the web app, the CLI and any other client show
 * the same words. Pure: no HTTP, no zod instance needed.
 */
import { formatNumber } from "../core/format/number.ts";
import { z } from "zod";
import { fieldLabel, labelOfKey } from "./field-labels.ts";

/** A validation issue as zod reports it (code, path, message and the code's parameters). */
export interface IssueLike {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message?: string;
}

/** A parameter of the issue's code (`maximum`, `origin`, `values` …), if it has it. */
const param = (issue: IssueLike, name: string): unknown =>
  (issue as unknown as Readonly<Record<string, unknown>>)[name];

/** One problem of a request, for people: where, which field, and the sentence to show. */
export interface FieldProblem {
  /** The JSON path, dotted (`capacity.0.places`); empty for the request as a whole. */
  readonly path: string;
  /** The field's German label, with its place in a list ("Plätze (Kapazität 1)"). */
  readonly field: string;
  /** The whole sentence: label, colon, what is wrong ("Plätze: höchstens 100.000"). */
  readonly message: string;
}

const num = (x: unknown): string => {
  const n = typeof x === "bigint" ? Number(x) : typeof x === "number" ? x : Number.NaN;
  if (!Number.isFinite(n)) return String(x);
  return formatNumber(n, { max: 6 }, { minus: "-" });
};

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: "ein Text",
  number: "eine Zahl",
  int: "eine ganze Zahl",
  bigint: "eine ganze Zahl",
  boolean: "ja oder nein (true/false)",
  array: "eine Liste",
  object: "eine Gruppe von Angaben",
  record: "eine Gruppe von Angaben",
  map: "eine Gruppe von Angaben",
  set: "eine Liste",
  tuple: "eine Liste",
  date: "ein Datum",
  null: "leer (null)",
};

const FORMAT_WORDS: Readonly<Record<string, string>> = {
  email: "ist keine gültige E-Mail-Adresse",
  date: "ist kein gültiges Datum (JJJJ-MM-TT)",
  datetime: "ist kein gültiger Zeitpunkt (JJJJ-MM-TTThh:mm:ssZ)",
  time: "ist keine gültige Uhrzeit (hh:mm)",
  duration: "ist keine gültige Dauer",
  url: "ist keine gültige Internetadresse",
  uuid: "ist keine gültige Kennung (UUID)",
  ipv4: "ist keine gültige IP-Adresse",
  ipv6: "ist keine gültige IP-Adresse",
  starts_with: "beginnt nicht wie vorgesehen",
  ends_with: "endet nicht wie vorgesehen",
  includes: "enthält nicht den vorgesehenen Text",
  regex: "hat nicht die vorgesehene Form",
};

const germanDefault = z.locales.de().localeError;

/** Whether `issue.message` is the product's own text (a schema's message), not zod's default. */
function isOwnMessage(issue: IssueLike): boolean {
  if (typeof issue.message !== "string" || issue.message === "") return false;
  try {
    const fallback = germanDefault?.(issue as unknown as Parameters<typeof germanDefault>[0]);
    const text = typeof fallback === "string" ? fallback : fallback?.message;
    return text !== issue.message;
  } catch {
    // An issue zod's own texts cannot describe: not one of its defaults, so the schema's own.
    return true;
  }
}

/** Plural-aware count of units: "1 Zeichen", "3 Einträge". */
const units = (n: unknown, one: string, many: string) =>
  `${num(n)} ${Number(n) === 1 ? one : many}`;

/** The words for what is wrong, without the field. */
function whatIsWrong(
  issue: IssueLike,
  value: { readonly present: boolean; readonly value?: unknown },
): string {
  // A missing or empty value, whatever the schema expected there.
  if (["invalid_type", "invalid_value", "invalid_union"].includes(issue.code)) {
    if (!value.present) return "Angabe fehlt";
    if (value.value === null) return "darf nicht leer sein";
  }
  switch (issue.code) {
    case "invalid_type": {
      const expected = String(param(issue, "expected") ?? "");
      const word = TYPE_WORDS[expected];
      return word === undefined ? "hat nicht die vorgesehene Art" : `muss ${word} sein`;
    }
    case "too_big": {
      const max = param(issue, "maximum");
      const inclusive = param(issue, "inclusive") !== false;
      switch (param(issue, "origin")) {
        case "string":
          return `höchstens ${units(max, "Zeichen", "Zeichen")}`;
        case "array":
        case "set":
          return `höchstens ${units(max, "Eintrag", "Einträge")}`;
        case "file":
          return `höchstens ${units(max, "Byte", "Bytes")}`;
        case "date":
          return "liegt zu spät";
        default:
          return inclusive ? `höchstens ${num(max)}` : `muss kleiner als ${num(max)} sein`;
      }
    }
    case "too_small": {
      const min = param(issue, "minimum");
      const inclusive = param(issue, "inclusive") !== false;
      switch (param(issue, "origin")) {
        case "string":
          return Number(min) <= 1
            ? "darf nicht leer sein"
            : `mindestens ${units(min, "Zeichen", "Zeichen")}`;
        case "array":
        case "set":
          return Number(min) <= 1
            ? "braucht mindestens einen Eintrag"
            : `mindestens ${units(min, "Eintrag", "Einträge")}`;
        case "file":
          return "darf nicht leer sein";
        case "date":
          return "liegt zu früh";
        default:
          return inclusive ? `mindestens ${num(min)}` : `muss größer als ${num(min)} sein`;
      }
    }
    case "invalid_format": {
      if (isOwnMessage(issue)) return issue.message!;
      return FORMAT_WORDS[String(param(issue, "format"))] ?? "hat nicht die vorgesehene Form";
    }
    case "invalid_value": {
      const allowed = Array.isArray(param(issue, "values"))
        ? (param(issue, "values") as unknown[])
        : [];
      if (allowed.length === 0) return "ist hier nicht erlaubt";
      const shown = allowed.slice(0, 12).map((v) => `„${String(v)}“`);
      if (allowed.length > 12) shown.push("…");
      return allowed.length === 1
        ? `muss ${shown[0]!} sein`
        : `erlaubt sind ${shown.slice(0, -1).join(", ")} und ${shown.at(-1)!}`;
    }
    case "not_multiple_of":
      return `muss ein Vielfaches von ${num(param(issue, "divisor"))} sein`;
    case "unrecognized_keys": {
      const keys = Array.isArray(param(issue, "keys"))
        ? (param(issue, "keys") as unknown[]).map(String)
        : [];
      const named = keys
        .slice(0, 5)
        .map((k) => `„${k}“`)
        .join(", ");
      return keys.length === 1
        ? `die Angabe ${named} gibt es hier nicht`
        : `die Angaben ${named}${keys.length > 5 ? " …" : ""} gibt es hier nicht`;
    }
    case "invalid_union":
      return "passt zu keiner der erlaubten Formen";
    case "invalid_key":
      return "enthält einen ungültigen Schlüssel";
    case "invalid_element":
      return "enthält einen ungültigen Eintrag";
    case "custom":
      return isOwnMessage(issue) ? issue.message! : "ist ungültig";
    default:
      return "ist ungültig";
  }
}

/** The value at `path` in `input`, and whether there is one (for "Angabe fehlt"). */
export function valueAt(
  input: unknown,
  path: readonly PropertyKey[],
): { readonly present: boolean; readonly value?: unknown } {
  let here: unknown = input;
  for (const step of path) {
    if (here === null || typeof here !== "object") return { present: false };
    const record = here as Record<PropertyKey, unknown>;
    if (!Object.hasOwn(record, step)) return { present: false };
    here = record[step];
  }
  return here === undefined ? { present: false } : { present: true, value: here };
}

/**
 * One validation issue in German, naming the field: `input` is what was sent (to tell a
 * missing field from a wrong one). An own message of the schema (a regex's "Monat als
 * JJJJ-MM", a refinement's sentence) is kept; zod's default texts are replaced.
 */
export function describeIssue(
  issue: IssueLike,
  input?: unknown,
  where: "body" | "parameter" = "body",
): FieldProblem {
  const path = issue.path.map((p) => (typeof p === "symbol" ? String(p.description) : p));
  const value = input === undefined ? { present: true } : valueAt(input, path);
  // An unknown key is named by itself, inside its parent.
  if (issue.code === "unrecognized_keys") {
    const keys = Array.isArray(param(issue, "keys"))
      ? (param(issue, "keys") as unknown[]).map(String)
      : [];
    const parent = path.filter((p): p is string => typeof p === "string").at(-1) ?? null;
    const field = path.length === 0 ? "Eingabe" : fieldLabel(path, where);
    const known = keys.map((k) => labelOfKey(k, parent));
    const text =
      keys.length === 1 && known[0] !== null
        ? `die Angabe ${known[0]!} ist hier nicht vorgesehen`
        : whatIsWrong(issue, value);
    return { path: path.join("."), field, message: `${field}: ${text}` };
  }
  const field = fieldLabel(path, where);
  return { path: path.join("."), field, message: `${field}: ${whatIsWrong(issue, value)}` };
}

/** Every issue in German; equal sentences once. */
export function describeIssues(
  issues: readonly IssueLike[],
  input?: unknown,
  where: "body" | "parameter" = "body",
): FieldProblem[] {
  const seen = new Set<string>();
  const out: FieldProblem[] = [];
  for (const issue of issues) {
    const p = describeIssue(issue, input, where);
    if (seen.has(p.message)) continue;
    seen.add(p.message);
    out.push(p);
  }
  return out;
}

/** The envelope's message for a refused request: its problems in one German sentence. */
export function summariseProblems(problems: readonly FieldProblem[]): string {
  if (problems.length === 0) return "Die Anfrage ist ungültig.";
  if (problems.length === 1) return `Bitte prüfen: ${problems[0]!.message}.`;
  const shown = problems.slice(0, 5).map((p) => p.message);
  const more = problems.length > 5 ? `; und ${problems.length - 5} weitere` : "";
  return `Bitte ${problems.length} Angaben prüfen: ${shown.join("; ")}${more}.`;
}
