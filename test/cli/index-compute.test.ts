/**
 * `sopla index compute` as a statistician runs it from the shell: a real child process, no
 * database, Berlin's published MSS 2021 shares in, a CSV out whose classes are the official
 * ones. Bad files get a clear message, exit 1, and no output file.
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
});
