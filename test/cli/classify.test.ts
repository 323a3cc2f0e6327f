/**
 * `sopla classify` as a statistician runs it from the shell: a real child process, no
 * database. It reproduces class columns Berlin published with its MSS 2021 shares, makes
 * deciles per group that agree with an independent rank rule on real data with many ties,
 * classifies the numbers as written (never rounded), runs every method of the atlas, and
 * refuses bad calls in German without writing anything. Every published column is compared
 * in test/methods/berlin-mss-classes.test.ts (no published rank-quantile classification is
 * in the shared data).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../src/imports/csv/parse-csv.ts";
import { rankQuantileClasses } from "../support/rank-quantiles.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const FIXTURE = join(ROOT, "test/fixtures/berlin-mss-2021");
const INDEX = join(FIXTURE, "mss_2021_index_indikatoren.csv");
const CONTEXT = join(FIXTURE, "mss_2021_kontext_indikatoren.csv");
const dir = mkdtempSync(join(tmpdir(), "sopla-classify-"));

function sopla(...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, "bin/sopla.mjs"), ...args], {
    encoding: "utf8",
    timeout: 60_000,
    env: { ...process.env, SOPLA_DATA_DIR: join(tmpdir(), "sopla-no-database") },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

type Row = Record<string, string>;

function rows(file: string): Row[] {
  const parsed = parseCsv(readFileSync(file, "utf8").replace(/^\uFEFF/, ""));
  if (!parsed.ok) throw new Error(parsed.error.message);
  const [header, ...body] = parsed.value.rows;
  return body.map((r) => Object.fromEntries(header!.map((h, i) => [h.trim(), r[i] ?? ""])));
}

let runs = 0;
/** Runs `sopla classify` (with -9999 as "no value") and returns the rows of its output. */
function classified(input: string, args: string[]): Row[] {
  const output = join(dir, `out-${++runs}.csv`);
  const r = sopla("classify", "--input", input, ...args, "--na=-9999", "--output", output);
  expect(r.code, r.err).toBe(0);
  return rows(output);
}

const valid = (r: Row) => r["KOM"] === "gültig";

describe("sopla classify: Berlin's published MSS 2021 classes", () => {
  it("reproduces D1_AG_GR with manual breaks beyond the data, 536 of 536", () => {
    // The legend starts with a class below −2 that no area reaches: class 1 stays empty.
    const out = classified(INDEX, ["--column", "D1", "--method", "manual", "--breaks=-2;-1;0;1;2"]);
    expect(out).toHaveLength(542);
    const mine = out.filter(valid);
    expect(mine).toHaveLength(536);
    expect(mine.filter((r) => r["D1_klasse"] !== r["D1_AG_GR"])).toEqual([]);
    expect(out.filter((r) => !valid(r)).map((r) => r["D1_klasse"])).toEqual(new Array(6).fill(""));
  });

  it("reproduces S1_SD_GR with breaks in standard deviations, 536 of 536", () => {
    const out = classified(INDEX, ["--column", "S1", "--method", "std_dev", "--breaks=-1;1;1,5"]);
    expect(out.filter(valid).filter((r) => r["S1_klasse"] !== r["S1_SD_GR"])).toEqual([]);
  });
});

describe("sopla classify: quantiles on exact values", () => {
  it("makes deciles per borough that match an independent rank rule, ties included", () => {
    // KI_09 has 243 values from 0 to 0.07 and 85 of exactly 100: ties everywhere.
    const out = classified(CONTEXT, [
      "--column",
      "KI_09",
      "--method",
      "quantile",
      "--classes",
      "10",
      "--group",
      "BEZ_ID",
    ]);
    const byBorough = new Map<string, Row[]>();
    for (const r of out.filter((x) => x["KI_09"] !== "" && x["KI_09"] !== "-9999")) {
      byBorough.set(r["BEZ_ID"]!, [...(byBorough.get(r["BEZ_ID"]!) ?? []), r]);
    }
    expect(byBorough.size).toBe(12);
    let compared = 0;
    for (const group of byBorough.values()) {
      const expected = rankQuantileClasses(
        group.map((r) => Number(r["KI_09"])),
        10,
      );
      expect(group.map((r) => Number(r["KI_09_klasse"]) - 1)).toEqual(expected);
      compared += group.length;
    }
    expect(compared).toBe(536);
  });

  it("classifies the numbers as written, not rounded, in a German file (Windows-1252, decimal comma)", () => {
    // Rounded to one decimal, 0,36 and 0,44 would both read 0,4 and share a class.
    const input = join(dir, "german.csv");
    writeFileSync(
      input,
      iconv.encode(
        "Gebiet;Jahr;Quote\nAltstadt;2021;0,1\nSüdstadt;2021;0,36\nWeiche;2021;0,44\nFörde;2021;0,9\n",
        "win1252",
      ),
    );
    const output = join(dir, "german-out.csv");
    const r = sopla(
      "classify",
      "--input",
      input,
      "--column",
      "Quote",
      "--method",
      "quantile",
      "--classes",
      "2",
      "--output",
      output,
    );
    expect(r.code, r.err).toBe(0);
    expect(rows(output).map((x) => [x["Gebiet"], x["Quote"], x["Quote_klasse"]])).toEqual([
      ["Altstadt", "0,1", "1"],
      ["Südstadt", "0,36", "1"],
      ["Weiche", "0,44", "2"],
      ["Förde", "0,9", "2"],
    ]);
    // The input's delimiter, UTF-8 with BOM, CRLF; a German summary.
    expect(
      readFileSync(output, "utf8").startsWith("\uFEFFGebiet;Jahr;Quote;Quote_klasse\r\n"),
    ).toBe(true);
    expect(r.out).toContain("Quantile, 2 Klassen verlangt:");
    expect(r.out).toContain("  Klasse 1: 0,10 bis 0,36 (2)");
    expect(r.out).toContain(`Ergebnis geschrieben: ${output} (Spalte „Quote_klasse“)`);
  });
});

describe("sopla classify: every method, groups, and German refusals", () => {
  const input = join(dir, "years.csv");
  writeFileSync(
    input,
    "Gebiet,Jahr,Wert\nA,2020,1\nB,2020,2\nC,2020,3\nD,2020,10\nA,2021,5\nB,2021,.\nC,2021,7\nD,2021,8\n",
  );

  it.each<[string, string[], string[]]>([
    ["quantile", ["--classes", "2"], ["1", "1", "2", "2", "1", "", "1", "2"]],
    ["equal_interval", ["--classes", "3"], ["1", "1", "1", "3", "1", "", "2", "3"]],
    ["natural_breaks", ["--classes", "2"], ["1", "1", "1", "2", "1", "", "2", "2"]],
    ["std_dev", ["--classes", "3"], ["1", "1", "2", "3", "1", "", "2", "3"]],
    ["manual", ["--breaks=2;6"], ["1", "1", "2", "3", "2", "", "3", "3"]],
  ])("%s, each year on its own", (method, extra, expected) => {
    const out = classified(input, [
      "--column",
      "Wert",
      "--method",
      method,
      ...extra,
      "--group",
      "Jahr",
    ]);
    expect(out.map((r) => r["Wert_klasse"])).toEqual(expected);
  });

  it.each<[string, string[], number, string]>([
    [
      "an unknown column",
      ["--column", "Quote", "--method", "quantile", "--classes", "3"],
      1,
      "Die Spalte „Quote“ fehlt. Vorhanden: „Gebiet“, „Jahr“, „Wert“.",
    ],
    [
      "an unknown method",
      ["--column", "Wert", "--method", "jenks", "--classes", "3"],
      2,
      "--method jenks: möglich sind quantile, equal_interval, natural_breaks, std_dev, manual.",
    ],
    [
      "13 classes",
      ["--column", "Wert", "--method", "quantile", "--classes", "13"],
      2,
      "ganze Zahl von 1 bis 12",
    ],
    [
      "unsorted breaks",
      ["--column", "Wert", "--method", "manual", "--breaks=6;2"],
      1,
      "Manuelle Klassengrenzen müssen aufsteigend sortiert sein",
    ],
  ])("refuses %s in German and writes nothing", (_name, args, code, message) => {
    const output = join(dir, `refused-${++runs}.csv`);
    const r = sopla("classify", "--input", input, ...args, "--output", output);
    expect(r.code).toBe(code);
    expect(r.err).toContain(message);
    expect(existsSync(output)).toBe(false);
  });

  it("refuses a bad cell with its line and column", () => {
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, "Gebiet;Wert\nA;1,5\nB;zwölf\n");
    const output = join(dir, "bad-out.csv");
    const r = sopla(
      "classify",
      "--input",
      bad,
      "--column",
      "Wert",
      "--method",
      "quantile",
      "--classes",
      "2",
      "--output",
      output,
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain("Zeile 3, Spalte „Wert“: „zwölf“ ist keine Zahl");
    expect(existsSync(output)).toBe(false);
  });
});
