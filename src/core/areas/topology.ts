/**
 * Topology of one level of areas: where areas of the level overlap, where the level leaves
 * interior gaps that belong to no area, and where a child area reaches outside its parent.
 *
 * Computed in the plane, in metres: WGS84 longitudes and latitudes are projected with a local
 * equirectangular projection around the centre of the level (x = R·cos φ0·Δλ, y = R·Δφ with the
 * mean Earth radius R = 6 371 008.8 m). For a city some tens of kilometres across the areas it
 * gives differ from true (geodesic) areas by well under 1 %, which is ample for the tolerances.
 * Polygon intersection, union and difference come from the polygon-clipping library (a
 * Martinez–Rueda–Feito sweep line with robust predicates).
 */
import type { MultiPolygon, Polygon } from "geojson";
import clip from "polygon-clipping";

type Pair = [number, number];
type Ring = Pair[];
type Poly = Ring[];
type Multi = Poly[];

/** An area of the level, with WGS84 geometry (as read from an area file). */
export interface TopologyArea {
  readonly code: string;
  readonly geometry: Polygon | MultiPolygon;
  /** Its parent's code, if any. */
  readonly parentCode?: string | null;
  /**
   * True for areas already stored that the file does not replace: they are compared with the
   * file's areas, and findings among themselves alone are not reported.
   */
  readonly context?: boolean;
}

/**
 * When a finding (an overlap, a gap or a part outside the parent) counts as a sliver, which is
 * accepted with a note, and when as an error. Areas in square metres.
 */
export interface TopologyTolerance {
  /** Below this a finding is rounding noise and not reported at all. */
  readonly noiseM2: number;
  /** Up to this a finding is always a sliver. */
  readonly sliverM2: number;
  /** Above this a finding is always an error. */
  readonly errorM2: number;
  /** In between, a sliver when at most this share (0..1) of the smaller area concerned. */
  readonly shareOfSmaller: number;
}

/**
 * The default tolerance: below 0.01 m² nothing; up to 100 m² (10 m × 10 m) a sliver; above
 * 1 ha an error; in between a sliver when at most 0.5 % of the smaller area concerned (the
 * smaller of two overlapping areas, the smallest area around a gap, the child outside its
 * parent). Boundaries of two levels often come from different surveys and differ by a few
 * metres along a long line: that stays a sliver; an area drawn into its neighbour does not.
 */
export const DEFAULT_TOLERANCE: TopologyTolerance = {
  noiseM2: 0.01,
  sliverM2: 100,
  errorM2: 10_000,
  shareOfSmaller: 0.005,
};

export type TopologyFinding =
  | {
      readonly kind: "overlap";
      /** The two areas; none for the slivers of the whole level when they were not compared pairwise. */
      readonly codes: readonly [string, string] | readonly [];
      readonly areaM2: number;
      readonly sliver: boolean;
    }
  | {
      readonly kind: "gap";
      /** The areas around the gap (whose boundary touches it), sorted. */
      readonly codes: readonly string[];
      readonly areaM2: number;
      readonly sliver: boolean;
      /** A point of the gap's boundary, WGS84 [lon, lat]. */
      readonly at: readonly [number, number];
    }
  | {
      readonly kind: "outside_parent";
      readonly code: string;
      readonly parentCode: string;
      readonly areaM2: number;
      /** The share (0..1) of the child's area that lies outside the parent. */
      readonly shareOfArea: number;
      readonly sliver: boolean;
    }
  | {
      /** The clipping library gave up on these areas; they are not checked. */
      readonly kind: "not_checked";
      readonly codes: readonly string[];
      readonly detail: string;
    };

export interface TopologyResult {
  readonly findings: TopologyFinding[];
  readonly tolerance: TopologyTolerance;
}

const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;
/** Distance (metres) within which a gap's corner counts as lying on an area's boundary. */
const ON_BOUNDARY_M = 0.01;

type Box = readonly [number, number, number, number];

interface Planar {
  readonly code: string;
  readonly multi: Multi;
  readonly box: Box;
  readonly areaM2: number;
  readonly context: boolean;
}

/** A local equirectangular projection to metres and back around a centre. */
function localProjection(lon0: number, lat0: number) {
  const kx = EARTH_RADIUS_M * Math.cos(lat0 * RAD) * RAD;
  const ky = EARTH_RADIUS_M * RAD;
  return {
    toMetres: (p: readonly number[]): Pair => [
      ((p[0] ?? 0) - lon0) * kx,
      ((p[1] ?? 0) - lat0) * ky,
    ],
    toDegrees: (p: Pair): [number, number] => [p[0] / kx + lon0, p[1] / ky + lat0],
  };
}

function polygonsOf(g: Polygon | MultiPolygon): number[][][][] {
  return g.type === "Polygon" ? [g.coordinates] : g.coordinates;
}

/** Twice the signed area of a ring (shoelace). */
function ringArea2(ring: Ring): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    sum += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  }
  return sum;
}

/** The area of a multipolygon from polygon-clipping (exterior minus holes), in m². */
export function multiAreaM2(m: Multi): number {
  let total = 0;
  for (const poly of m) {
    poly.forEach((ring, k) => {
      const a = Math.abs(ringArea2(ring)) / 2;
      total += k === 0 ? a : -a;
    });
  }
  return total;
}

function boxOf(m: Multi): Box {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const poly of m) {
    for (const [x, y] of poly[0] ?? []) {
      if (x < x0) x0 = x;
      if (y < y0) y0 = y;
      if (x > x1) x1 = x;
      if (y > y1) y1 = y;
    }
  }
  return [x0, y0, x1, y1];
}

function boxesMeet(a: Box, b: Box, margin = 0): boolean {
  return (
    a[0] <= b[2] + margin && b[0] <= a[2] + margin && a[1] <= b[3] + margin && b[1] <= a[3] + margin
  );
}

/** Squared distance from p to the segment a–b. */
function distance2ToSegment(p: Pair, a: Pair, b: Pair): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t =
    len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  const ex = a[0] + t * dx - p[0];
  const ey = a[1] + t * dy - p[1];
  return ex * ex + ey * ey;
}

/** Tells whether any corner of `ring` lies on the boundary of `m` (within ON_BOUNDARY_M). */
function touches(ring: Ring, m: Multi): boolean {
  const limit = ON_BOUNDARY_M * ON_BOUNDARY_M;
  for (const p of ring) {
    for (const poly of m) {
      for (const r of poly) {
        for (let i = 0; i + 1 < r.length; i++) {
          if (distance2ToSegment(p, r[i]!, r[i + 1]!) <= limit) return true;
        }
      }
    }
  }
  return false;
}

/** Tells whether p lies inside the ring (even–odd rule; points on the boundary are undefined). */
function insideRing(p: Pair, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) {
      inside = !inside;
    }
  }
  return inside;
}

/** Whether a finding of `areaM2` is a sliver, given the smaller area concerned. */
export function isSliver(areaM2: number, smallerM2: number, t: TopologyTolerance): boolean {
  if (areaM2 <= t.sliverM2) return true;
  if (areaM2 > t.errorM2) return false;
  return areaM2 <= t.shareOfSmaller * smallerM2;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Checks one level of areas: overlaps between any two areas, gaps inside the union of the
 * level that belong to no area (the outside of the level is not a gap), and, for areas whose
 * parent is given in `parents` (WGS84, the parent's current boundary), the part outside it.
 * Pairs are compared only when their bounding boxes meet, and not at all when the areas' sum
 * exceeds the union's area by no more than a sliver: then one overlap finding without codes
 * stands for all of them. Findings below `tolerance.noiseM2` are
 * dropped; the others say whether they are slivers. Findings that concern context areas only
 * are not reported. When the clipping library fails on some geometry, a `not_checked`
 * finding names the areas concerned instead of throwing.
 */
export function checkLevelTopology(
  areas: readonly TopologyArea[],
  parents: ReadonlyMap<string, Polygon | MultiPolygon> = new Map(),
  tolerance: TopologyTolerance = DEFAULT_TOLERANCE,
): TopologyResult {
  const findings: TopologyFinding[] = [];
  if (areas.length === 0) return { findings, tolerance };

  // The centre of the level's bounding box in degrees.
  let lonMin = Infinity;
  let lonMax = -Infinity;
  let latMin = Infinity;
  let latMax = -Infinity;
  for (const a of areas) {
    for (const poly of polygonsOf(a.geometry)) {
      for (const [lon = 0, lat = 0] of poly[0] ?? []) {
        lonMin = Math.min(lonMin, lon);
        lonMax = Math.max(lonMax, lon);
        latMin = Math.min(latMin, lat);
        latMax = Math.max(latMax, lat);
      }
    }
  }
  const proj = localProjection((lonMin + lonMax) / 2, (latMin + latMax) / 2);
  const toMulti = (g: Polygon | MultiPolygon): Multi =>
    polygonsOf(g).map((poly) => poly.map((ring) => ring.map(proj.toMetres)));
  const planar: Planar[] = areas.map((a) => {
    const multi = toMulti(a.geometry);
    return {
      code: a.code,
      multi,
      box: boxOf(multi),
      areaM2: multiAreaM2(multi),
      context: a.context === true,
    };
  });

  // Union of the level: its holes are the gaps, and its area tells whether anything overlaps.
  let union: Multi | null = null;
  try {
    union = clip.union(planar[0]!.multi, ...planar.slice(1).map((p) => p.multi));
  } catch (e) {
    findings.push({ kind: "not_checked", codes: planar.map((p) => p.code), detail: message(e) });
  }
  // The areas' sum exceeds the union's area by at least every single overlap: when that excess
  // is a sliver, so is every overlap, and the pairs need not be compared (the slow part).
  const sum = planar.reduce((s, p) => s + p.areaM2, 0);
  const excessM2 = union === null ? Infinity : sum - multiAreaM2(union);
  if (excessM2 > tolerance.noiseM2 && excessM2 <= tolerance.sliverM2) {
    findings.push({ kind: "overlap", codes: [], areaM2: excessM2, sliver: true });
  } else if (excessM2 > tolerance.noiseM2) {
    const order = planar.map((_, i) => i).sort((a, b) => planar[a]!.box[0] - planar[b]!.box[0]);
    for (let i = 0; i < order.length; i++) {
      const a = planar[order[i]!]!;
      for (let j = i + 1; j < order.length; j++) {
        const b = planar[order[j]!]!;
        if (b.box[0] > a.box[2]) break;
        if ((a.context && b.context) || !boxesMeet(a.box, b.box)) continue;
        let overlapM2: number;
        try {
          overlapM2 = multiAreaM2(clip.intersection(a.multi, b.multi));
        } catch (e) {
          findings.push({ kind: "not_checked", codes: [a.code, b.code], detail: message(e) });
          continue;
        }
        if (overlapM2 <= tolerance.noiseM2) continue;
        const codes = [a.code, b.code].sort() as [string, string];
        const smaller = Math.min(a.areaM2, b.areaM2);
        findings.push({
          kind: "overlap",
          codes,
          areaM2: overlapM2,
          sliver: isSliver(overlapM2, smaller, tolerance),
        });
      }
    }
  }

  // A hole of the union may hold islands (union polygons inside it): the gap is the hole
  // without them, and the areas around it are those touching the hole or an island.
  const unionPolys = union ?? [];
  for (const poly of unionPolys) {
    for (const hole of poly.slice(1)) {
      const islands = unionPolys.filter(
        (other) => other !== poly && other[0] !== undefined && insideRing(other[0][0]!, hole),
      );
      const outermost = islands.filter(
        (i) => !islands.some((o) => o !== i && insideRing(i[0]![0]!, o[0]!)),
      );
      const gapM2 = Math.abs(ringArea2(hole)) / 2 - multiAreaM2(outermost);
      if (gapM2 <= tolerance.noiseM2) continue;
      const edges = [hole, ...outermost.map((i) => i[0]!)];
      const around = planar.filter((p) =>
        edges.some(
          (ring) => boxesMeet(p.box, boxOf([[ring]]), ON_BOUNDARY_M) && touches(ring, p.multi),
        ),
      );
      if (around.length > 0 && around.every((p) => p.context)) continue;
      const smaller = around.length > 0 ? Math.min(...around.map((p) => p.areaM2)) : Infinity;
      findings.push({
        kind: "gap",
        codes: around.map((p) => p.code).sort(),
        areaM2: gapM2,
        sliver: isSliver(gapM2, smaller, tolerance),
        at: proj.toDegrees(hole[0]!),
      });
    }
  }

  const parentMultis = new Map<string, Multi>();
  areas.forEach((area, i) => {
    const parentCode = area.parentCode;
    if (area.context === true || parentCode == null) return;
    const parentGeometry = parents.get(parentCode);
    if (parentGeometry === undefined) return;
    const child = planar[i]!;
    const parent = parentMultis.get(parentCode) ?? toMulti(parentGeometry);
    parentMultis.set(parentCode, parent);
    let outsideM2: number;
    try {
      outsideM2 = boxesMeet(child.box, boxOf(parent))
        ? multiAreaM2(clip.difference(child.multi, parent))
        : child.areaM2;
    } catch (e) {
      findings.push({ kind: "not_checked", codes: [child.code, parentCode], detail: message(e) });
      return;
    }
    if (outsideM2 <= tolerance.noiseM2) return;
    findings.push({
      kind: "outside_parent",
      code: child.code,
      parentCode,
      areaM2: outsideM2,
      shareOfArea: child.areaM2 > 0 ? outsideM2 / child.areaM2 : 1,
      sliver: isSliver(outsideM2, child.areaM2, tolerance),
    });
  });

  return { findings, tolerance };
}
