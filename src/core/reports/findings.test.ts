import { describe, expect, it } from "vitest";
import { applyDecisions, keyFindings, type FindingInput, type IndexChanges } from "./findings.ts";

const areas = (values: (number | null)[]) =>
  values.map((value, i) => ({ code: `0${i + 1}`, name: `Gebiet ${i + 1}`, value }));

const input: FindingInput = {
  nowText: "2021",
  beforeText: "2020",
  levelName: "Stadtteil",
  indicators: [
    {
      code: "quote",
      label: "SGB-II-Quote",
      unit: "%",
      decimals: 1,
      isRate: true,
      city: { now: 10, before: 11 },
      // Mean 12.2, population SD 6.4: Gebiet 9 lies (30 − 10) / 6.4 = 3.1 SD from the city.
      areas: areas([8, 9, 10, 11, 12, 10, 9, 11, 30]),
    },
    {
      code: "einw",
      label: "Einwohner",
      unit: "Personen",
      decimals: 0,
      isRate: false,
      city: { now: 100_000, before: 99_000 },
      areas: areas([10, 11, 12]),
    },
    {
      code: "geburten",
      label: "Geburten",
      unit: "Geburten",
      decimals: 0,
      isRate: false,
      city: { now: 800, before: 1000 },
      areas: areas([null, null]),
    },
  ],
};

describe("key findings", () => {
  it("names the largest changes of the city above 5 %, the largest first", () => {
    const changes = keyFindings(input).filter((f) => f.rule === "change");
    // Births −20 %, the rate −9.1 % (relative; printed in points), inhabitants +1 % (too small).
    expect(changes.map((f) => f.id)).toEqual(["change:geburten", "change:quote"]);
    expect(changes[0]!.text).toBe(
      "Geburten: von 2020 bis 2021 um 20 % gesunken, von 1.000 Geburten auf 800 Geburten.",
    );
    expect(changes[1]!.text).toBe(
      "SGB-II-Quote: von 2020 bis 2021 um 1,0 Pp. gesunken, von 11,0 % auf 10,0 %.",
    );
  });

  it("names the area furthest from the city when it lies two standard deviations away", () => {
    const far = keyFindings(input).filter((f) => f.rule === "area");
    expect(far).toHaveLength(1);
    expect(far[0]!.id).toBe("area:quote:09");
    expect(far[0]!.text).toBe(
      "SGB-II-Quote: Stadtteil Gebiet 9 liegt mit 30,0 % am weitesten über dem städtischen Wert von 10,0 % (2021).",
    );
    expect(far[0]!.strength).toBeGreaterThan(2);
  });

  it("sums up the class changes of an index between two named editions, and says when there are none", () => {
    const withIndex = (changes: IndexChanges["changes"], caution: string | null = null) =>
      keyFindings({
        ...input,
        index: {
          name: "Sozialindex",
          periods: "2021 gegenüber 2020",
          runs: "Lauf 5 vom 07.12.2026 und Lauf 2 vom 01.12.2026",
          caution,
          changes,
        },
      }).filter((f) => f.rule === "class_change");
    expect(
      withIndex([{ area: "Altstadt", dimension: "Status", from: "mittel", to: "niedrig" }])[0]!
        .text,
    ).toBe(
      "Sozialindex, 2021 gegenüber 2020: ein Gebiet hat die Klasse gewechselt: Altstadt (Status mittel → niedrig) (Lauf 5 vom 07.12.2026 und Lauf 2 vom 01.12.2026).",
    );
    // Two changes of one area are one area; more than five are counted, not listed.
    const many = [
      { area: "Altstadt", dimension: "Status", from: "mittel", to: "niedrig" },
      { area: "Altstadt", dimension: "Dynamik", from: "stabil", to: "negativ" },
      ...["B", "C", "D", "E", "F"].map((area) => ({
        area,
        dimension: "Dynamik",
        from: "stabil",
        to: "positiv",
      })),
    ];
    expect(withIndex(many)[0]!.text).toBe(
      "Sozialindex, 2021 gegenüber 2020: 6 Gebiete haben die Klasse gewechselt (7 Klassenwechsel): Altstadt (Status mittel → niedrig), Altstadt (Dynamik stabil → negativ), B (Dynamik stabil → positiv), C (Dynamik stabil → positiv), D (Dynamik stabil → positiv) und 2 weitere (Lauf 5 vom 07.12.2026 und Lauf 2 vom 01.12.2026).",
    );
    const none = withIndex([], "Verschiedene Versionen.")[0]!;
    expect(none.id).toBe("class_change:none");
    expect(none.text).toBe(
      "Sozialindex, 2021 gegenüber 2020: kein Gebiet hat die Klasse gewechselt (Lauf 5 vom 07.12.2026 und Lauf 2 vom 01.12.2026). Verschiedene Versionen.",
    );
  });

  it("notes a record of persons housed only with a year of figures behind it", () => {
    const months = Array.from({ length: 12 }, (_, i) => ({
      month: `2026-${String(i + 1).padStart(2, "0")}`,
      text: `Monat ${i + 1}`,
      persons: i === 9 ? 120 : 100 + i,
    }));
    const found = (m: typeof months, reportMonth: string) =>
      keyFindings({ ...input, accommodation: { months: m, reportMonth } }).filter(
        (f) => f.rule === "accommodation_record",
      );
    expect(found(months, "2026-10")[0]!.text).toBe(
      "Mit 120 Personen waren im Monat 10 so viele Menschen in den städtischen Unterkünften untergebracht wie in keinem Monat seit Monat 1.",
    );
    const example = keyFindings({
      ...input,
      accommodation: { months, reportMonth: "2026-10", example: true },
    }).find((f) => f.rule === "accommodation_record");
    expect(example?.text).toMatch(/seit Monat 1 \(Beispieldaten\)\.$/);
    expect(found(months, "2026-05")).toEqual([]);
    expect(found(months.slice(1), "2026-10")).toEqual([]);
  });

  it("applies the planner's decisions: keep, edit, drop", () => {
    const findings = keyFindings(input);
    const printed = applyDecisions(findings, {
      "change:geburten": { drop: true },
      "change:quote": { text: "Die SGB-II-Quote sank deutlich." },
      "change:gone": { drop: true },
    });
    expect(printed.map((p) => [p.id, p.edited])).toEqual([
      ["change:quote", true],
      ["area:quote:09", false],
    ]);
    expect(printed[0]!.text).toBe("Die SGB-II-Quote sank deutlich.");
  });
});
