/**
 * `sopla controlling assess --dns <folder> --output <csv>`: recomputes every published weather
 * symbol of the German sustainability strategy from a folder in the layout of the DNS indicator
 * platform's data repository, prints the agreement per assessment year and overall, and writes
 * every rating with both symbols to a CSV file. Without a database. A bad file or row is
 * reported in German and nothing is written.
 */
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { neutraliseFormula, quoteField } from "../core/format/csv-field.ts";
import {
  compareDnsRatings,
  parseDnsMeta,
  parseDnsSeries,
  WEATHER_LABELS,
  type DnsComparison,
  type DnsIssue,
} from "../imports/controlling/dns-folder.ts";
import { UsageError } from "./usage.ts";

const HELP = "sopla --help";

export interface DnsAgreement {
  readonly year: number | "gesamt";
  readonly published: number;
  readonly reproducible: number;
  readonly agreeing: number;
}

export interface DnsAssessment {
  readonly comparisons: DnsComparison[];
  readonly issues: DnsIssue[];
  readonly perYear: DnsAgreement[];
  readonly overall: DnsAgreement;
}

/** Reads the folder and compares every published rating; pure apart from reading files. */
export async function assessDnsFolder(folder: string): Promise<DnsAssessment> {
  const issues: DnsIssue[] = [];
  const comparisons: DnsComparison[] = [];
  const metaFiles = (await readdir(join(folder, "meta"))).filter((f) => f.endsWith(".md")).sort();
  for (const file of metaFiles) {
    const { meta, issues: metaIssues } = parseDnsMeta(
      `meta/${file}`,
      await readFile(join(folder, "meta", file), "utf8"),
    );
    issues.push(...metaIssues);
    if (meta.indicators.length === 0) continue;
    const dataFile = `data/indicator_${meta.id}.csv`;
    let text: string;
    try {
      text = await readFile(join(folder, dataFile), "utf8");
    } catch {
      issues.push({ file: dataFile, message: `Zeitreihe fehlt zu meta/${file}.` });
      continue;
    }
    const { table, issues: dataIssues } = parseDnsSeries(dataFile, text);
    issues.push(...dataIssues);
    comparisons.push(...compareDnsRatings(meta, table));
  }
  const count = (rows: DnsComparison[], year: number | "gesamt"): DnsAgreement => ({
    year,
    published: rows.length,
    reproducible: rows.filter((r) => r.reproducible).length,
    agreeing: rows.filter((r) => r.agrees).length,
  });
  const years = [...new Set(comparisons.map((c) => c.assessmentYear))].sort((a, b) => a - b);
  return {
    comparisons,
    issues,
    perYear: years.map((y) =>
      count(
        comparisons.filter((c) => c.assessmentYear === y),
        y,
      ),
    ),
    overall: count(comparisons, "gesamt"),
  };
}

const share = new Intl.NumberFormat("de-DE", { style: "percent", maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat("de-DE");

export function formatAgreement(a: DnsAgreement): string {
  const label = a.year === "gesamt" ? "Gesamt" : String(a.year);
  const rate = a.reproducible === 0 ? "–" : share.format(a.agreeing / a.reproducible);
  return `${label}: ${whole.format(a.agreeing)} von ${whole.format(a.reproducible)} nachrechenbaren Bewertungen stimmen überein (${rate}); ${whole.format(a.published)} veröffentlicht, ${whole.format(a.published - a.reproducible)} nicht nachrechenbar.`;
}

const COLUMNS: readonly [string, (c: DnsComparison) => string][] = [
  ["indikator", (c) => c.indicator],
  ["datei", (c) => c.indicatorId],
  ["ziel", (c) => c.target],
  ["zielkategorie", (c) => c.category],
  ["bewertungsjahr", (c) => String(c.assessmentYear)],
  ["veroeffentlicht", (c) => c.published],
  ["berechnet", (c) => (c.computed === null ? "" : WEATHER_LABELS[c.computed])],
  ["nachrechenbar", (c) => (c.reproducible ? "ja" : "nein")],
  ["uebereinstimmung", (c) => (c.reproducible ? (c.agrees ? "ja" : "nein") : "")],
  ["begruendung", (c) => c.reason],
];

/** Every rating, German CSV dialect (`;`, UTF-8 with BOM). */
export function writeDnsComparisonCsv(rows: readonly DnsComparison[]): string {
  const lines = [COLUMNS.map(([n]) => n).join(";")];
  for (const r of rows) {
    lines.push(COLUMNS.map(([, get]) => quoteField(neutraliseFormula(get(r)), ";")).join(";"));
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

export async function controllingCommand(argv: string[]): Promise<number> {
  const [sub, ...args] = argv;
  if (sub !== "assess") throw new UsageError("controlling kennt nur „assess“.", HELP);
  const { values } = parseArgs({
    args,
    options: { dns: { type: "string" }, output: { type: "string" } },
    strict: true,
  });
  if (!values.dns || !values.output) {
    throw new UsageError(
      "controlling assess braucht --dns <Ordner> und --output <Datei.csv>.",
      HELP,
    );
  }
  const result = await assessDnsFolder(values.dns);
  if (result.issues.length > 0) {
    for (const i of result.issues) {
      console.error(`${i.file}${i.line === undefined ? "" : `, Zeile ${i.line}`}: ${i.message}`);
    }
    console.error("Nichts geschrieben.");
    return 1;
  }
  await writeFile(values.output, writeDnsComparisonCsv(result.comparisons));
  for (const a of result.perYear) console.log(formatAgreement(a));
  console.log(formatAgreement(result.overall));
  console.log(
    `${whole.format(result.comparisons.length)} Bewertungen nach ${values.output} geschrieben.`,
  );
  return 0;
}
