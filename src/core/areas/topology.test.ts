import type { MultiPolygon, Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import {
  checkLevelTopology,
  DEFAULT_TOLERANCE,
  isSliver,
  type TopologyArea,
  type TopologyFinding,
} from "./topology.ts";
import { topologyIssues } from "./topology-issues.ts";

// Hand-made areas near Flensburg, drawn in metres east/north of a point and turned into degrees
// with the projection the check itself uses, so that the areas are known in m².
const LON0 = 9.4;
const LAT0 = 54.8;
const R = 6_371_008.8;
const RAD = Math.PI / 180;
const deg = (x: number, y: number): [number, number] => [
  LON0 + x / (R * Math.cos(LAT0 * RAD) * RAD),
  LAT0 + y / (R * RAD),
];

/** A rectangle [x0, y0]–[x1, y1] in metres, counter-clockwise, optionally with holes. */
function rect(x0: number, y0: number, x1: number, y1: number): number[][] {
  return [deg(x0, y0), deg(x1, y0), deg(x1, y1), deg(x0, y1), deg(x0, y0)];
}
const box = (x0: number, y0: number, x1: number, y1: number, ...holes: number[][][]): Polygon => ({
  type: "Polygon",
  coordinates: [rect(x0, y0, x1, y1), ...holes.map((h) => [...h].reverse())],
});
const area = (
  code: string,
  geometry: Polygon | MultiPolygon,
  more: Partial<TopologyArea> = {},
) => ({
  code,
  geometry,
  ...more,
});

/** A 3 × 3 grid of 1 km squares, A1 … C3; `middle` replaces the centre square B2. */
function grid(middle: Polygon | null): TopologyArea[] {
  const out: TopologyArea[] = [];
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      const code = `${"ABC"[i]}${j + 1}`;
      const g =
        i === 1 && j === 1 ? middle : box(i * 1000, j * 1000, (i + 1) * 1000, (j + 1) * 1000);
      if (g) out.push(area(code, g));
    }
  }
  return out;
}

const kinds = (findings: readonly TopologyFinding[]) => findings.map((f) => f.kind);

describe("isSliver", () => {
  it.each([
    [50, 1e9, true, "up to 100 m² always"],
    [100, 10, true, "100 m² even for a tiny area"],
    [5_000, 2e6, true, "0.25 % of the smaller area"],
    [5_000, 5e5, false, "1 % of the smaller area"],
    [10_001, 1e12, false, "above 1 ha always"],
  ])("%d m² of %d m²: %s (%s)", (m2, smaller, expected) => {
    expect(isSliver(m2, smaller, DEFAULT_TOLERANCE)).toBe(expected);
  });
});

describe("checkLevelTopology", () => {
  it("finds nothing in areas that only share edges", () => {
    const r = checkLevelTopology(grid(box(1000, 1000, 2000, 2000)));
    expect(r.findings).toEqual([]);
    expect(r.tolerance).toEqual(DEFAULT_TOLERANCE);
  });

  it("finds an overlap, names both areas and measures it in m²", () => {
    const r = checkLevelTopology([
      area("west", box(0, 0, 1000, 1000)),
      area("ost", box(900, 0, 2000, 1000)),
      area("fern", box(5000, 0, 6000, 1000)),
    ]);
    expect(r.findings).toHaveLength(1);
    const f = r.findings[0]!;
    expect(f).toMatchObject({ kind: "overlap", codes: ["ost", "west"], sliver: false });
    expect(f.kind === "overlap" && f.areaM2).toBeCloseTo(100_000, -2);
    const [i] = topologyIssues(r);
    expect(i).toMatchObject({ severity: "error", code: "area_overlap" });
    expect(i!.message).toMatch(/„west“ und „ost“|„ost“ und „west“/);
    expect(i!.message).toContain("10 ha");
  });

  it("accepts a sliver overlap with one note, naming the pair when it was compared", () => {
    // 5 cm × 1 km = 50 m²: the level's excess over its union is a sliver, no pair is compared.
    const tiny = checkLevelTopology([
      area("west", box(0, 0, 1000, 1000)),
      area("ost", box(999.95, 0, 2000, 1000)),
    ]);
    expect(tiny.findings).toMatchObject([{ kind: "overlap", codes: [], sliver: true }]);
    const [note] = topologyIssues(tiny);
    expect(note).toMatchObject({ severity: "info", code: "area_overlap" });
    expect(note!.message).toMatch(/^Kleine Überlappung\(en\), zusammen 50 m²/);
    // 20 cm × 1 km = 200 m², 0.02 % of either area: compared pairwise, still a sliver.
    const thin = checkLevelTopology([
      area("west", box(0, 0, 1000, 1000)),
      area("ost", box(999.8, 0, 2000, 1000)),
    ]);
    expect(thin.findings).toMatchObject([
      { kind: "overlap", codes: ["ost", "west"], sliver: true },
    ]);
    const issues = topologyIssues(thin);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: "info", code: "area_overlap" });
    expect(issues[0]!.message).toMatch(
      /^1 kleine Überlappung\(en\), zusammen 200 m².*: ost\/west\.$/,
    );
  });

  it("finds an interior gap and names the areas around it, but not the outside", () => {
    const r = checkLevelTopology(grid(null));
    expect(kinds(r.findings)).toEqual(["gap"]);
    const f = r.findings[0]!;
    expect(f.kind === "gap" && f.codes).toEqual(["A1", "A2", "A3", "B1", "B3", "C1", "C2", "C3"]);
    expect(f.kind === "gap" && f.areaM2).toBeCloseTo(1e6, -3);
    expect(f.kind === "gap" && f.sliver).toBe(false);
    const [i] = topologyIssues(r);
    expect(i).toMatchObject({ severity: "error", code: "area_gap" });
    expect(i!.message).toContain("„A1“");
    // Two areas apart: the space between them is outside the level, not a gap.
    expect(
      checkLevelTopology([area("a", box(0, 0, 10, 10)), area("b", box(50, 0, 60, 10))]).findings,
    ).toEqual([]);
  });

  it("accepts a sliver gap (a centre square 2 cm too small on every side)", () => {
    const r = checkLevelTopology(grid(box(1000.02, 1000.02, 1999.98, 1999.98)));
    expect(r.findings).toMatchObject([{ kind: "gap", sliver: true }]);
    expect(topologyIssues(r)).toMatchObject([{ severity: "info", code: "area_gap" }]);
  });

  it("warns about a hole of one area that nothing fills, and is silent when another area fills it", () => {
    const holed = box(0, 0, 1000, 1000, rect(400, 400, 600, 600));
    const alone = checkLevelTopology([area("ring", holed)]);
    expect(alone.findings).toMatchObject([{ kind: "gap", codes: ["ring"], sliver: false }]);
    expect(topologyIssues(alone)).toMatchObject([{ severity: "warning", code: "area_gap" }]);
    const filled = checkLevelTopology([area("ring", holed), area("kern", box(400, 400, 600, 600))]);
    expect(filled.findings).toEqual([]);
  });

  it("finds a child outside its parent, accepts a sliver, ignores children without parent geometry", () => {
    const parents = new Map([["P", box(0, 0, 2000, 2000)]]);
    const r = checkLevelTopology(
      [
        area("drin", box(0, 0, 1000, 1000), { parentCode: "P" }),
        area("raus", box(1500, 0, 2500, 1000), { parentCode: "P" }),
        area("knapp", box(1000, 1000, 2000.05, 2000), { parentCode: "P" }),
        area("ohne", box(0, 1000, 1000, 2000), { parentCode: "Q" }),
      ],
      parents,
    );
    expect(r.findings).toMatchObject([
      { kind: "outside_parent", code: "raus", parentCode: "P", sliver: false },
      { kind: "outside_parent", code: "knapp", parentCode: "P", sliver: true },
    ]);
    const f = r.findings[0]!;
    expect(f.kind === "outside_parent" && f.shareOfArea).toBeCloseTo(0.5, 2);
    const issues = topologyIssues(r);
    expect(issues.map((i) => [i.severity, i.code])).toEqual([
      ["error", "outside_parent"],
      ["info", "outside_parent"],
    ]);
    expect(issues[0]!.message).toMatch(/„raus“ .* außerhalb seines Obergebiets „P“/);
    expect(issues[0]!.message).toContain("50 %");
  });

  it("does not report what only stored areas do among themselves", () => {
    const r = checkLevelTopology([
      area("alt1", box(0, 0, 1000, 1000), { context: true }),
      area("alt2", box(500, 0, 1500, 1000), { context: true }),
      area("neu", box(3000, 0, 4000, 1000)),
    ]);
    expect(r.findings).toEqual([]);
    const withNew = checkLevelTopology([
      area("alt1", box(0, 0, 1000, 1000), { context: true }),
      area("neu", box(500, 0, 1500, 1000)),
    ]);
    expect(withNew.findings).toMatchObject([{ kind: "overlap", codes: ["alt1", "neu"] }]);
  });

  it("handles multipolygons and clockwise input alike", () => {
    const two: MultiPolygon = {
      type: "MultiPolygon",
      coordinates: [[rect(0, 0, 100, 100)], [[...rect(2000, 0, 2100, 100)].reverse()]],
    };
    const r = checkLevelTopology([area("zwei", two), area("quer", box(2050, 0, 3000, 100))]);
    expect(r.findings).toMatchObject([{ kind: "overlap", codes: ["quer", "zwei"], sliver: false }]);
    expect(r.findings[0]!.kind === "overlap" && r.findings[0]!.areaM2).toBeCloseTo(5_000, -1);
  });
});
