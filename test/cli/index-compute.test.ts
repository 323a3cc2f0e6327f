/**
 * `sopla index compute` as a statistician runs it from the shell: a real child process, no
 * database, Berlin's published MSS 2021 shares in, a CSV out whose classes are the official
 * ones. Bad files get a clear message, exit 1, and no output file: among them an exclusion
 * whose area is not in the table. The columns of area and population can be named, and the
 * command has its own help.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../src/imports/csv/parse-csv.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const FIXTURE = join(ROOT, "test/fixtures/berlin-mss-2021");
const DEFINITION = join(ROOT, "examples/social-index/mss-2021.json");

function sopla(...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, "bin/sopla.mjs"), ...args], {
    encoding: "utf8",
    timeout: 60_000,
    // No database is needed: point the data directory at nothing that exists.
    env: { ...process.env, SOPLA_DATA_DIR: join(tmpdir(), "sopla-no-database") },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function rows(file: string, delimiter: "," | ";"): Record<string, string>[] {
  const parsed = parseCsv(readFileSync(file, "utf8").replace(/^\uFEFF/, ""), { delimiter });
  if (!parsed.ok) throw new Error(parsed.error.message);
  const [header, ...body] = parsed.value.rows;
  return body.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ""])));
}

describe("sopla index compute", () => {
  const dir = mkdtempSync(join(tmpdir(), "sopla-index-"));

  it("reproduces Berlin's official MSS 2021 classes from the published shares", () => {
    const output = join(dir, "mss.csv");
    const r = sopla(
      "index",
      "compute",
      "--definition",
      DEFINITION,
      "--input",
      join(FIXTURE, "mss_2021_index_indikatoren.csv"),
      "--na=-9999",
      "--output",
      output,
    );
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain("536 Gebiete im Index, 6 ausgeschlossen.");
    expect(r.out).toContain("Status: hoch 75, mittel 366, niedrig 46, sehr niedrig 49");
    expect(r.out).toContain("Dynamik: positiv 48, stabil 436, negativ 52");
    const ours = new Map(rows(output, ";").map((x) => [x["area"]!, x]));
    expect(ours.size).toBe(542);
    const official = rows(join(FIXTURE, "mss_2021_indizes.csv"), ",");
    const mismatches = official.flatMap((o) => {
      const mine = ours.get(o["PLR_ID"]!)!;
      if (o["KOM"] !== "gültig") return mine["excluded"] === "" ? [o["PLR_ID"]] : [];
      return mine["status_class"] === o["SI_V"] &&
        mine["dynamics_class"] === o["DI_V"] &&
        mine["group"] === o["SDI"]
        ? []
        : [o["PLR_ID"]];
    });
    expect(mismatches).toEqual([]);
    expect(ours.get("10100205")).toMatchObject({
      excluded: "manual",
      exclusion_reason: "Ausreißer",
    });
    // German numbers: decimal comma, six decimals for computed values.
    expect(ours.get("01100101")!["status_index"]).toMatch(/^-0,3276\d\d$/);
  });

  it("refuses a table with bad cells, naming line and column, and writes nothing", () => {
    const input = join(dir, "bad.csv");
    writeFileSync(
      input,
      "Gebiet;Einwohner;S1;S3;S4;D1;D3;D4\nA;1000;1,5;2;3;0,1;0;0\nB;1000;abc;2;3;0;0;0\nA;900;1;2;3;0;0;0\n",
    );
    const output = join(dir, "bad-out.csv");
    const r = sopla(
      "index",
      "compute",
      "--definition",
      DEFINITION,
      "--input",
      input,
      "--output",
      output,
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain("Zeile 3, Spalte „S1“: „abc“ ist keine Zahl");
    expect(r.err).toContain("Zeile 4: Gebiet „A“ stand schon in Zeile 2.");
    expect(existsSync(output)).toBe(false);
  });

  it("refuses a bad definition with every problem named", () => {
    const definition = join(dir, "bad.json");
    writeFileSync(
      definition,
      JSON.stringify({
        code: "x",
        name: "Test",
        status: [{ code: "S1", weight: -1 }],
        statusClasses: [
          { key: "a", label: "A", upTo: 1 },
          { key: "b", label: "B", upTo: 0.5 },
        ],
      }),
    );
    const r = sopla(
      "index",
      "compute",
      "--definition",
      definition,
      "--input",
      join(FIXTURE, "mss_2021_index_indikatoren.csv"),
      "--output",
      join(dir, "never.csv"),
    );
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Gewicht \(Statusindikator 1\): [^\n]+ \(Stelle: status\.0\.weight\)/);
    expect(r.err).not.toMatch(/Zu (groß|klein)|erwartet|number/);
    expect(existsSync(join(dir, "never.csv"))).toBe(false);
    writeFileSync(
      definition,
      JSON.stringify({
        code: "x",
        name: "Test",
        status: [{ code: "S1" }],
        statusClasses: [
          { key: "a", label: "A", upTo: 1 },
          { key: "b", label: "B", upTo: 0.5 },
        ],
      }),
    );
    const r2 = sopla(
      "index",
      "compute",
      "--definition",
      definition,
      "--input",
      join(FIXTURE, "mss_2021_index_indikatoren.csv"),
      "--output",
      join(dir, "never.csv"),
    );
    expect(r2.code).toBe(1);
    expect(r2.err).toContain("Statusklassen: die Obergrenzen müssen steigen");
    expect(r2.err).toContain("Statusklassen: die letzte Klasse („B“) hat keine Obergrenze.");
  });

  /** The published table again, the area and population columns renamed as `id`/`inhabitants`. */
  function renamed(name: string): string {
    const file = join(dir, name);
    const text = readFileSync(join(FIXTURE, "mss_2021_index_indikatoren.csv"), "utf8");
    const [header, ...body] = text.split("\n");
    writeFileSync(
      file,
      [header!.replace(",PLR_ID,", ",id,").replace(",EW,", ",inhabitants,"), ...body].join("\n"),
    );
    return file;
  }

  it("refuses an exclusion whose area is not in the table (a lost leading zero), naming it", () => {
    const definition = join(dir, "lost-zero.json");
    const mss = JSON.parse(readFileSync(DEFINITION, "utf8")) as {
      exclusions: { manual: { area: string; reason: string }[] };
    };
    // 01100101 (Stülerstraße) as a spreadsheet leaves it: without the leading zero.
    mss.exclusions.manual.push({ area: "1100101", reason: "Sonderfall" });
    writeFileSync(definition, JSON.stringify(mss));
    const output = join(dir, "lost-zero.csv");
    const r = sopla(
      "index",
      "compute",
      "--definition",
      definition,
      "--input",
      join(FIXTURE, "mss_2021_index_indikatoren.csv"),
      "--na=-9999",
      "--output",
      output,
    );
    expect(r.code, r.out).toBe(1);
    expect(r.err).toContain("ist fehlerhaft; nichts wurde geschrieben");
    expect(r.err).toContain(
      "Ausschluss von „1100101“ (Sonderfall): dieses Gebiet steht nicht in der Tabelle; gemeint ist vielleicht „01100101“ (führende Nullen).",
    );
    // The other exclusion finds its area and is not named.
    expect(r.err).not.toContain("10100205");
    expect(existsSync(output)).toBe(false);
  });

  it("reads the area and population from columns named on the command line", () => {
    const input = renamed("renamed.csv");
    // Without the names the columns are not found, and the message says how to name them.
    const without = sopla(
      "index",
      "compute",
      "--definition",
      DEFINITION,
      "--input",
      input,
      "--na=-9999",
      "--output",
      join(dir, "never.csv"),
    );
    expect(without.code).toBe(1);
    expect(without.err).toMatch(
      /Spalte mit dem Gebiet fehlt \(eine von: area, gebiet, gebietsschlüssel, code, plr_id; eine andere mit --area-column\)\. Vorhanden: „ZEIT“, „id“, „PLR_NAME“, „inhabitants“, /,
    );
    expect(without.err).toContain("eine andere mit --population-column");
    expect(existsSync(join(dir, "never.csv"))).toBe(false);

    const output = join(dir, "renamed-out.csv");
    const r = sopla(
      "index",
      "compute",
      "--definition",
      DEFINITION,
      "--input",
      input,
      "--area-column",
      "id",
      "--population-column",
      "inhabitants",
      "--na=-9999",
      "--output",
      output,
    );
    expect(r.code, r.err).toBe(0);
    // The same result as from the table with its own column names.
    expect(r.out).toContain("536 Gebiete im Index, 6 ausgeschlossen.");
    expect(r.out).toContain("Status: hoch 75, mittel 366, niedrig 46, sehr niedrig 49");
    const ours = new Map(rows(output, ";").map((x) => [x["area"]!, x]));
    expect(ours.get("10100205")).toMatchObject({ excluded: "manual" });
    expect(ours.get("01100101")!["status_index"]).toMatch(/^-0,3276\d\d$/);
  });

  it("names a column given on the command line that the table does not have", () => {
    const r = sopla(
      "index",
      "compute",
      "--definition",
      DEFINITION,
      "--input",
      renamed("renamed-2.csv"),
      "--area-column",
      "Gebiet_ID",
      "--population-column",
      "Einwohner_insgesamt",
      "--output",
      join(dir, "never-2.csv"),
    );
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /Die Spalte „Gebiet_ID“ für das Gebiet fehlt\. Vorhanden: „ZEIT“, „id“, /,
    );
    expect(r.err).toMatch(
      /Die Spalte „Einwohner_insgesamt“ für die Einwohnerzahl fehlt\. Vorhanden: „ZEIT“, „id“, /,
    );
    expect(existsSync(join(dir, "never-2.csv"))).toBe(false);
  });

  it("prints its own help, and points there after a wrong call", () => {
    const help = sopla("index", "compute", "--help");
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^Aufruf: sopla index compute --definition <Pfad> --input <Pfad>/);
    expect(help.out).toContain("--area-column <Spalte>");
    expect(help.out).toContain("--population-column <Spalte>");
    expect(help.out).toContain("Ausschluss der Definition");
    // Its own help, not the overview of every command.
    expect(help.out).not.toContain("serve");
    expect(sopla("index", "--help").out).toBe(help.out);

    const wrong = sopla("index", "compute", "--area", "id");
    expect(wrong.code).toBe(2);
    expect(wrong.err).toBe("Unbekannte Option „--area“.\nHilfe: sopla index compute --help\n");
  });
});
