/**
 * Splitting polygons into parts of given area shares, for bench geometry: a region (a list of
 * simple rings without holes) is cut by axis-parallel lines, recursively, until every leaf has
 * its own piece. Each cut is placed by bisection so that the two sides get the areas of their
 * leaves' weights. The pieces tile the region exactly (the cut lines are shared) and are
 * simple rings again, so they pass the product's ring checks. Plane geometry in the units of
 * the coordinates (longitude and latitude here, fine for area *shares* of a city).
 */
export type Pt = [number, number];
/** A closed ring: the last point equals the first. */
export type Ring = Pt[];

/** Twice the signed area (shoelace) of a closed ring. */
export function ringArea2(ring: readonly Pt[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    sum += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  }
  return sum;
}

export function regionArea(rings: readonly Ring[]): number {
  return rings.reduce((s, r) => s + Math.abs(ringArea2(r)) / 2, 0);
}

/** Area of the part of a ring with coordinate `axis` below `c` (Sutherland–Hodgman). */
function areaBelow(ring: readonly Pt[], axis: 0 | 1, c: number): number {
  const out: Pt[] = [];
  const n = ring.length - 1;
  for (let i = 0; i < n; i++) {
    const p = ring[i]!;
    const q = ring[i + 1]!;
    const pIn = p[axis] < c;
    const qIn = q[axis] < c;
    if (pIn) out.push(p);
    if (pIn !== qIn) out.push(crossing(p, q, axis, c));
  }
  if (out.length < 3) return 0;
  out.push(out[0]!);
  return Math.abs(ringArea2(out)) / 2;
}

function crossing(p: Pt, q: Pt, axis: 0 | 1, c: number): Pt {
  const t = (c - p[axis]) / (q[axis] - p[axis]);
  const other = p[1 - axis]! + t * (q[1 - axis]! - p[1 - axis]!);
  return axis === 0 ? [c, other] : [other, c];
}

/**
 * Splits a simple ring (no point exactly on the line) by the line `coordinate[axis] = c` into
 * the simple rings below and above it. The crossings, sorted along the line, pair up into the
 * chords inside the polygon (0–1, 2–3, …); each side's pieces are traced along the ring and
 * jump along a chord wherever the ring leaves that side.
 */
export function splitRing(ring: readonly Pt[], axis: 0 | 1, c: number): [Ring[], Ring[]] {
  const n = ring.length - 1;
  const below = (p: Pt): boolean => p[axis] < c;
  // The ring with its crossings inserted; `cross[k]` is the crossing's rank along the line.
  const pts: Pt[] = [];
  const isCrossing: boolean[] = [];
  for (let i = 0; i < n; i++) {
    const p = ring[i]!;
    const q = ring[i + 1]!;
    pts.push(p);
    isCrossing.push(false);
    if (below(p) !== below(q)) {
      pts.push(crossing(p, q, axis, c));
      isCrossing.push(true);
    }
  }
  const crossings = pts.map((_, i) => i).filter((i) => isCrossing[i]);
  if (crossings.length === 0) {
    const copy = ring.map((p): Pt => [p[0], p[1]]);
    return below(ring[0]!) ? [[copy], []] : [[], [copy]];
  }
  if (crossings.length % 2 !== 0) throw new Error("splitRing: odd number of crossings");
  const along = 1 - axis;
  const sorted = [...crossings].sort((a, b) => pts[a]![along]! - pts[b]![along]!);
  const partner = new Map<number, number>();
  for (let k = 0; k < sorted.length; k += 2) {
    partner.set(sorted[k]!, sorted[k + 1]!);
    partner.set(sorted[k + 1]!, sorted[k]!);
  }
  const m = pts.length;
  const next = (i: number): number => (i + 1) % m;
  const trace = (side: boolean): Ring[] => {
    const rings: Ring[] = [];
    const used = new Set<number>();
    for (const start of crossings) {
      // An entry into `side`: the point after the crossing lies on it.
      if (used.has(start) || below(pts[next(start)]!) !== side) continue;
      const out: Ring = [];
      let at = start;
      for (let guard = 0; ; guard++) {
        if (guard > m) throw new Error("splitRing: tracing did not close");
        used.add(at);
        out.push(pts[at]!);
        let i = next(at);
        while (!isCrossing[i]) {
          out.push(pts[i]!);
          i = next(i);
        }
        used.add(i);
        out.push(pts[i]!);
        const jump = partner.get(i)!;
        if (jump === start) break;
        if (below(pts[next(jump)]!) !== side) throw new Error("splitRing: chord leads off side");
        at = jump;
      }
      out.push(out[0]!);
      rings.push(out.map((p): Pt => [p[0], p[1]]));
    }
    return rings;
  };
  return [trace(true), trace(false)];
}

function bbox(rings: readonly Ring[]): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const r of rings) {
    for (const [x, y] of r) {
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
  }
  return [minX, minY, maxX, maxY];
}

/**
 * Splits a region into one piece per leaf, in the order given (neighbours in the list become
 * neighbours on the map), each with an area share proportional to its weight. Cuts run across
 * the longer side of the part being split (longitude scaled by `xScale`, e.g. cos(latitude)).
 */
export function partitionRegion<T>(
  region: readonly Ring[],
  leaves: readonly { readonly key: T; readonly weight: number }[],
  xScale: number,
): Map<T, Ring[]> {
  const out = new Map<T, Ring[]>();
  const go = (part: readonly Ring[], items: typeof leaves): void => {
    if (items.length === 1) {
      out.set(items[0]!.key, [...part]);
      return;
    }
    const half = items.length >> 1;
    const left = items.slice(0, half);
    const right = items.slice(half);
    const share = left.reduce((s, l) => s + l.weight, 0) / items.reduce((s, l) => s + l.weight, 0);
    const [minX, minY, maxX, maxY] = bbox(part);
    const axis: 0 | 1 = (maxX - minX) * xScale >= maxY - minY ? 0 : 1;
    const total = regionArea(part);
    let lo = axis === 0 ? minX : minY;
    let hi = axis === 0 ? maxX : maxY;
    for (let k = 0; k < 60; k++) {
      const mid = (lo + hi) / 2;
      const a = part.reduce((s, r) => s + areaBelow(r, axis, mid), 0);
      if (a / total < share) lo = mid;
      else hi = mid;
    }
    let c = (lo + hi) / 2;
    // No point may lie on the line: nudge it off any vertex it hits.
    while (part.some((r) => r.some((p) => p[axis] === c))) c += Math.abs(c) * 1e-12 || 1e-12;
    const below: Ring[] = [];
    const above: Ring[] = [];
    for (const r of part) {
      const [b, a] = splitRing(r, axis, c);
      below.push(...b);
      above.push(...a);
    }
    if (below.length === 0 || above.length === 0) throw new Error("partitionRegion: empty side");
    go(below, left);
    go(above, right);
  };
  go(region, leaves);
  return out;
}
