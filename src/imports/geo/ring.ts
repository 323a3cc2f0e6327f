/**
 * Plane geometry of polygon rings: area, orientation and self-intersection. A ring is a list of
 * [x, y] positions whose last position equals its first.
 */
export type Point = readonly [number, number];

/**
 * Twice the signed area of a closed ring by the shoelace formula: positive when the ring runs
 * counter-clockwise with x to the right and y up (longitude east, latitude north).
 */
export function signedArea2(ring: readonly Point[]): number {
  let sum = 0;
  for (let i = 0, n = ring.length - 1; i < n; i++) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[i + 1]!;
    sum += x1 * y2 - x2 * y1;
  }
  return sum;
}

/** The orientation of c relative to the line a→b: positive left, negative right, 0 on it. */
function orient(a: Point, b: Point, c: Point): number {
  return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
}

/**
 * Tells whether two segments cross at a point inside both or overlap along a stretch of
 * positive length. Segments that only touch (an end point on the other segment) do not
 * count: a ring that touches itself at a point is common in real boundary data and harmless
 * for maps and area sums.
 */
export function segmentsCross(a: Point, b: Point, c: Point, d: Point): boolean {
  const o1 = Math.sign(orient(a, b, c));
  const o2 = Math.sign(orient(a, b, d));
  const o3 = Math.sign(orient(c, d, a));
  const o4 = Math.sign(orient(c, d, b));
  if (o1 !== 0 && o2 !== 0 && o3 !== 0 && o4 !== 0) return o1 !== o2 && o3 !== o4;
  if (o1 === 0 && o2 === 0 && o3 === 0 && o4 === 0) {
    // Collinear: compare the intervals along the axis in which the segments extend most.
    const axis =
      Math.abs(b[0] - a[0]) + Math.abs(d[0] - c[0]) >= Math.abs(b[1] - a[1]) + Math.abs(d[1] - c[1])
        ? 0
        : 1;
    const lo = Math.max(Math.min(a[axis], b[axis]), Math.min(c[axis], d[axis]));
    const hi = Math.min(Math.max(a[axis], b[axis]), Math.max(c[axis], d[axis]));
    return hi > lo;
  }
  return false;
}

/**
 * Finds two non-adjacent segments of a closed ring that cross, or returns null. Sweeps the
 * segments in order of their smallest x and compares each only with those whose x-range
 * overlaps it (sort and sweep), which is O(n log n) for the shapes of real boundaries instead
 * of O(n²): rings with thousands of vertices take milliseconds.
 */
export function findSelfIntersection(
  ring: readonly Point[],
): { first: number; second: number } | null {
  const m = ring.length - 1;
  if (m < 4) return null;
  const minX = new Float64Array(m);
  const maxX = new Float64Array(m);
  const minY = new Float64Array(m);
  const maxY = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[i + 1]!;
    minX[i] = Math.min(x1, x2);
    maxX[i] = Math.max(x1, x2);
    minY[i] = Math.min(y1, y2);
    maxY[i] = Math.max(y1, y2);
  }
  const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => minX[a]! - minX[b]!);
  for (let a = 0; a < m; a++) {
    const s = order[a]!;
    const sMaxX = maxX[s]!;
    for (let b = a + 1; b < m; b++) {
      const t = order[b]!;
      if (minX[t]! > sMaxX) break;
      const gap = Math.abs(s - t);
      if (gap === 1 || gap === m - 1) continue;
      if (maxY[t]! < minY[s]! || minY[t]! > maxY[s]!) continue;
      if (segmentsCross(ring[s]!, ring[s + 1]!, ring[t]!, ring[t + 1]!)) {
        return { first: Math.min(s, t), second: Math.max(s, t) };
      }
    }
  }
  return null;
}
