/**
 * `sopla classify`: the atlas's map classes for scripted use, on a CSV file and without a
 * database. One column is classified by any method of the atlas (quantiles, equal intervals,
 * natural breaks, standard deviations, manual breaks), on the values exactly as written;
 * with `--group` each group of rows (e.g. each year) is classified on its own. The output is
 * the input with one column more: each row's class, 1 for the lowest values. Any problem is
 * reported in German and nothing is written.
 */
import { readFile, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import {
  classify,
  MAX_CLASSES,
  type ClassMethod,
  type Classification,
} from "../core/classify/classify.ts";
import { legendLabels } from "../core/classify/legend.ts";
import { counted } from "./words.ts";
import type { Value } from "../core/value.ts";
import { writeClassifiedTableCsv } from "../exports/csv/classified-table-csv.ts";
import { readClassifyInput } from "../imports/classify-input.ts";
import { parseNumber } from "../imports/numbers.ts";

export class ClassifyUsageError extends Error {}

const METHODS: Readonly<Record<ClassMethod["kind"], string>> = {
  quantile: "Quantile",
  equal_interval: "gleiche Intervalle",
  natural_breaks: "natürliche Klassengrenzen",
  std_dev: "Standardabweichung",
  manual: "manuelle Klassengrenzen",
};

const isMethod = (m: string): m is ClassMethod["kind"] => Object.hasOwn(METHODS, m);

/** Numbers separated by semicolons, German ("12,5") or international ("12.5"). */
function parseBreaks(text: string): number[] {
  const parts = text
    .split(";")
    .map((p) => p.trim())
    .filter((p) => p !== "");
  if (parts.length === 0) {
    throw new ClassifyUsageError("--breaks braucht mindestens eine Grenze, z. B. --breaks=10;20.");
  }
  return parts.map((p) => {
    const format = p.includes(",")
      ? ({ decimal: ",", thousands: "." } as const)
      : ({ decimal: ".", thousands: "" } as const);
    const n = parseNumber(p, format);
    if (n.kind !== "number") {
      throw new ClassifyUsageError(
        `--breaks: „${p}“ ist keine Zahl. Grenzen mit Semikolon trennen, z. B. --breaks="2;4;6,5".`,
      );
    }
    return n.value;
  });
}

export async function classifyCommand(argv: string[]): Promise<number> {
  const { values: opts } = parseArgs({
    args: argv,
    options: {
      input: { type: "string" },
      column: { type: "string" },
      method: { type: "string" },
      classes: { type: "string" },
      breaks: { type: "string" },
      group: { type: "string" },
      output: { type: "string" },
      "class-column": { type: "string" },
      na: { type: "string", multiple: true },
    },
    strict: true,
  });
  if (!opts.input || !opts.column || !opts.method || !opts.output) {
    throw new ClassifyUsageError("classify braucht --input, --column, --method und --output.");
  }
  const kind = opts.method;
  if (!isMethod(kind)) {
    throw new ClassifyUsageError(
      `--method ${kind}: möglich sind ${Object.keys(METHODS).join(", ")}.`,
    );
  }
  const breaks = opts.breaks === undefined ? undefined : parseBreaks(opts.breaks);
  if (kind === "manual" && breaks === undefined) {
    throw new ClassifyUsageError("--method manual braucht --breaks, z. B. --breaks=10;20;30.");
  }
  if (breaks !== undefined && kind !== "manual" && kind !== "std_dev") {
    throw new ClassifyUsageError(
      "--breaks gilt nur für --method manual (Grenzen als Werte) und std_dev (in Standardabweichungen).",
    );
  }
  let classes: number;
  if (breaks !== undefined) {
    classes = breaks.length + 1;
    if (opts.classes !== undefined && Number(opts.classes) !== classes) {
      throw new ClassifyUsageError(
        `--classes ${opts.classes} passt nicht zu ${breaks.length} Grenzen (${classes} Klassen); --classes kann entfallen.`,
      );
    }
  } else {
    if (opts.classes === undefined) throw new ClassifyUsageError("classify braucht --classes.");
    classes = Number(opts.classes);
    if (!Number.isInteger(classes) || classes < 1 || classes > MAX_CLASSES) {
      throw new ClassifyUsageError(
        `--classes ${opts.classes}: die Zahl der Klassen muss eine ganze Zahl von 1 bis ${MAX_CLASSES} sein.`,
      );
    }
  }
  const method: ClassMethod =
    kind === "manual"
      ? { kind, breaks: breaks! }
      : kind === "std_dev" && breaks !== undefined
        ? { kind, breaks }
        : { kind };

  const input = readClassifyInput(new Uint8Array(await readFile(opts.input)), {
    column: opts.column,
    group: opts.group,
    missing: opts.na ?? [],
  });
  if (!input.ok) {
    console.error(`Die Tabelle ${opts.input} ist fehlerhaft; nichts wurde geschrieben:`);
    for (const p of input.error) console.error(`  ${p}`);
    return 1;
  }
  const table = input.value;

  // Rows by group, in the order the groups first appear; one group without --group.
  const groups = new Map<string, number[]>();
  table.rows.forEach((_, i) => {
    const key = table.groups?.[i] ?? "";
    const list = groups.get(key);
    if (list) list.push(i);
    else groups.set(key, [i]);
  });

  const classOf = new Array<number | null>(table.rows.length).fill(null);
  const lines: string[] = [];
  for (const [group, indices] of groups) {
    const values: Value<number>[] = indices.map((i) => table.values[i]!);
    const title = table.groups === null ? `„${opts.column}“` : `Gruppe „${group}“`;
    if (!values.some((v) => v.kind === "known")) {
      lines.push(`${title}: keine Werte, keine Klassen.`);
      continue;
    }
    // Decimals 0: the summary's labels take the fewest places that keep the classes apart.
    const result = classify(values, method, classes, { decimals: 0 });
    if (!result.ok) {
      console.error(`${title}: ${result.error}`);
      console.error("Nichts wurde geschrieben.");
      return 1;
    }
    const c = result.value;
    indices.forEach((row, k) => (classOf[row] = c.classOf[k] ?? null));
    lines.push(...summary(title, c));
  }

  const className = opts["class-column"] ?? `${opts.column.trim()}_klasse`;
  if (table.header.some((h) => h.trim() === className)) {
    console.error(
      `Die Tabelle hat schon eine Spalte „${className}“; bitte mit --class-column einen anderen Namen wählen. Nichts wurde geschrieben.`,
    );
    return 1;
  }
  await writeFile(
    opts.output,
    writeClassifiedTableCsv(table.header, table.rows, className, classOf, table.delimiter),
  );
  console.log(`${METHODS[kind]}, ${counted(classes, "Klasse", "Klassen")} verlangt:`);
  for (const l of lines) console.log(l);
  console.log(`Ergebnis geschrieben: ${opts.output} (Spalte „${className}“)`);
  return 0;
}

/** What one classification did, in German: counts, the classes with their bounds, notes. */
function summary(title: string, c: Classification): string[] {
  const without = c.missing + c.withheld;
  const head = `${title}: ${counted(c.classified, "Wert", "Werte")} in ${counted(c.breaks.length, "Klasse", "Klassen")}${without > 0 ? `, ${counted(without, "Zeile", "Zeilen")} ohne Wert` : ""}.`;
  const classes = legendLabels(c, 0).map(
    (label, i) => `  Klasse ${i + 1}: ${label} (${c.counts[i] ?? 0})`,
  );
  // The summary's labels take the places they need anyway: no note about more places.
  const notes = c.notes.filter((n) => n.code !== "finer_breaks");
  return [head, ...classes, ...notes.map((n) => `  ${n.message}`)];
}
