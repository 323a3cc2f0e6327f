/**
 * The index engine alone against Berlin's published MSS 2021 (test/fixtures/berlin-mss-2021):
 * from the raw shares of the WFS layer, the MSS definition must give the official class of
 * every valid planning area, the published class counts, the six exclusions, and the z-values
 * of the report's table 3 within 0.005. (test/api/… does the same through the import.)
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { computeIndex, type IndexInputArea } from "../../src/core/social-index/compute.ts";
import { MSS_DEFAULTS, type IndexDefinition } from "../../src/core/social-index/definition.ts";
import { parseCsv } from "../../src/imports/csv/parse-csv.ts";

const DIR = "test/fixtures/berlin-mss-2021";

function table(file: string, delimiter: "," | ";"): Record<string, string>[] {
  const text = readFileSync(`${DIR}/${file}`, "utf8").replace(/^\uFEFF/, "");
  const parsed = parseCsv(text, { delimiter });
  if (!parsed.ok) throw new Error(`${file}: ${JSON.stringify(parsed.error)}`);
  const [header, ...rows] = parsed.value.rows;
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h.trim(), r[i] ?? ""])));
}

const indices = table("mss_2021_indizes.csv", ",");
const raw = new Map(table("mss_2021_index_indikatoren.csv", ",").map((r) => [r["PLR_ID"]!, r]));
const report = new Map(
  table("mss_2021_index-indikatoren_z-werte_plr.csv", ";").map((r) => [r["PLR-ID"]!, r]),
);

const indicator = (code: string, label: string) =>
  ({ code, label, direction: "higher_is_worse", weight: 1 }) as const;

export const MSS_2021: IndexDefinition = {
  ...MSS_DEFAULTS,
  code: "mss2021",
  name: "Monitoring Soziale Stadtentwicklung 2021",
  status: [
    indicator("S1", "Arbeitslosigkeit (SGB II)"),
    indicator("S3", "Transferbezug (SGB II/XII)"),
    indicator("S4", "Kinderarmut"),
  ],
  dynamics: [
    indicator("D1", "Veränderung Arbeitslosigkeit"),
    indicator("D3", "Veränderung Transferbezug"),
    indicator("D4", "Veränderung Kinderarmut"),
  ],
  exclusions: {
    minPopulation: 300,
    manual: [{ area: "10100205", reason: "Ausreißer" }],
  },
};

const value = (text: string | undefined): number | null => {
  if (text === undefined || text === "" || text === "-9999") return null;
  return Number(text);
};

const input: IndexInputArea[] = indices.map((r) => {
  const v = raw.get(r["PLR_ID"]!)!;
  return {
    code: r["PLR_ID"]!,
    name: r["PLR_NAME"]!,
    population: Number(r["EW"]),
    values: Object.fromEntries(["S1", "S3", "S4", "D1", "D3", "D4"].map((c) => [c, value(v[c])])),
  };
});

describe("the index engine on Berlin's MSS 2021", () => {
  const result = computeIndex(MSS_2021, input);
  if (!result.ok) throw new Error(result.error.join("\n"));
  const r = result.value;

  it("includes the 536 valid planning areas and excludes the 6 others for the published reasons", () => {
    expect(r.areas).toHaveLength(542);
    expect(r.included).toBe(536);
    const excluded = r.areas.filter((a) => a.exclusion !== null);
    const published = indices.filter((x) => x["KOM"] !== "gültig");
    expect(excluded.map((a) => a.code).sort()).toEqual(published.map((x) => x["PLR_ID"]).sort());
    for (const a of excluded) {
      const kom = indices.find((x) => x["PLR_ID"] === a.code)!["KOM"];
      if (kom === "ungültig (Ausreißer)") expect(a.exclusion?.reason).toBe("manual");
      else {
        expect(kom).toBe("ungültig (EW unter 300)");
        expect(a.exclusion).toEqual({ reason: "population_below_minimum", detail: "EW unter 300" });
      }
    }
  });

  it("gives every valid area its official status and dynamics class and group", () => {
    const mismatches = r.areas
      .filter((a) => a.exclusion === null)
      .flatMap((a) => {
        const official = indices.find((x) => x["PLR_ID"] === a.code)!;
        const ours = [a.status?.classLabel, a.dynamics?.classLabel, a.group];
        const theirs = [official["SI_V"], official["DI_V"], official["SDI"]];
        return ours.join("|") === theirs.join("|") ? [] : [`${a.code}: ${ours} ≠ ${theirs}`];
      });
    expect(mismatches).toEqual([]);
  });

  it("reproduces the published class counts", () => {
    expect(r.counts.status).toEqual({ high: 75, medium: 366, low: 46, very_low: 49 });
    expect(r.counts.dynamics).toEqual({ positive: 48, stable: 436, negative: 52 });
  });

  it("matches the z-values of the report's table 3 within 0.005 and its indices within 0.01", () => {
    let worstZ = 0;
    let worstIndex = 0;
    for (const a of r.areas) {
      if (a.exclusion !== null) continue;
      const row = report.get(a.code)!;
      for (const c of ["S1", "S3", "S4"]) {
        worstZ = Math.max(worstZ, Math.abs(a.status!.z[c]! - Number(row[`z${c}`])));
      }
      for (const c of ["D1", "D3", "D4"]) {
        worstZ = Math.max(worstZ, Math.abs(a.dynamics!.z[c]! - Number(row[`z${c}`])));
      }
      // Table 3 standardises the sum of rounded z-values, so its indices differ a little more.
      worstIndex = Math.max(
        worstIndex,
        Math.abs(a.status!.index - Number(row["Status-Index (standardisierte Statussumme)"])),
        Math.abs(a.dynamics!.index - Number(row["Dynamik-Index (standardisierte Dynamik-summe)"])),
      );
    }
    // Half a unit of the table's last digit; one z-value lies 0.000001 beyond it, a value at a
    // rounding midpoint that the report rounded the other way.
    expect(worstZ).toBeLessThanOrEqual(0.005 + 2e-6);
    expect(worstIndex).toBeLessThanOrEqual(0.01);
  });

  it("states the means and standard deviations the report names", () => {
    const m = Object.fromEntries(r.moments.map((x) => [x.code, x]));
    expect(m["S1"]!.mean).toBeCloseTo(4.9716, 4);
    expect(m["S3"]!.mean).toBeCloseTo(10.918, 3);
    expect(m["S4"]!.mean).toBeCloseTo(24.5404, 4);
    expect(m["S1"]!.sd).toBeCloseTo(2.9439, 4);
    expect(m["S3"]!.sd).toBeCloseTo(7.0727, 4);
    expect(m["S4"]!.sd).toBeCloseTo(16.6544, 4);
  });

  it("puts the areas just beside a threshold on the published side", () => {
    const byCode = new Map(r.areas.map((a) => [a.code, a]));
    expect(byCode.get("06300631")!.status!.index).toBeCloseTo(-1.0052, 3);
    expect(byCode.get("06300631")!.status!.classLabel).toBe("hoch");
    expect(byCode.get("04300414")!.dynamics!.classLabel).toBe("positiv");
    expect(byCode.get("04200310")!.dynamics!.classLabel).toBe("negativ");
  });
});
