import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findSelfIntersection, segmentsCross, signedArea2, type Point } from "./ring.ts";

const square: Point[] = [
  [0, 0],
  [1, 0],
  [1, 1],
  [0, 1],
  [0, 0],
];

/** Checks every pair of non-adjacent segments, the slow reference for the sweep. */
function bruteForce(ring: readonly Point[]): boolean {
  const m = ring.length - 1;
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++) {
      const gap = j - i;
      if (gap === 1 || gap === m - 1) continue;
      if (segmentsCross(ring[i]!, ring[i + 1]!, ring[j]!, ring[j + 1]!)) return true;
    }
  }
  return false;
}

/** A star-shaped ring around the origin: never self-intersecting. */
function star(radii: readonly number[]): Point[] {
  const n = radii.length;
  const ring: Point[] = radii.map((r, i) => {
    const a = (2 * Math.PI * i) / n;
    return [r * Math.cos(a), r * Math.sin(a)];
  });
  ring.push(ring[0]!);
  return ring;
}

describe("signedArea2", () => {
  it("is positive for counter-clockwise rings and negative for clockwise ones", () => {
    expect(signedArea2(square)).toBe(2);
    expect(signedArea2([...square].reverse())).toBe(-2);
  });
});

describe("segmentsCross", () => {
  it.each<[string, Point, Point, Point, Point, boolean]>([
    ["proper crossing", [0, 0], [2, 2], [0, 2], [2, 0], true],
    ["disjoint", [0, 0], [1, 0], [0, 1], [1, 1], false],
    ["touching at an end point", [0, 0], [2, 0], [1, 0], [1, 1], false],
    ["sharing an end point", [0, 0], [1, 0], [1, 0], [2, 1], false],
    ["collinear overlap", [0, 0], [2, 0], [1, 0], [3, 0], true],
    ["collinear, only touching", [0, 0], [1, 0], [1, 0], [2, 0], false],
    ["collinear, apart", [0, 0], [1, 0], [2, 0], [3, 0], false],
    ["vertical overlap", [0, 0], [0, 2], [0, 1], [0, 3], true],
  ])("%s", (_name, a, b, c, d, expected) => {
    expect(segmentsCross(a, b, c, d)).toBe(expected);
  });
});

describe("findSelfIntersection", () => {
  it.each<[string, Point[], boolean]>([
    ["a square", square, false],
    [
      "a bow tie",
      [
        [0, 0],
        [2, 2],
        [2, 0],
        [0, 2],
        [0, 0],
      ],
      true,
    ],
    [
      "a ring touching itself at one vertex",
      [
        [0, 0],
        [4, 0],
        [4, 4],
        [2, 0],
        [0, 4],
        [0, 0],
      ],
      false,
    ],
    [
      "a figure eight with a long detour",
      [
        [0, 0],
        [10, 0],
        [10, 10],
        [5, 10],
        [5, -5],
        [3, -5],
        [3, 5],
        [0, 5],
        [0, 0],
      ],
      true,
    ],
  ])("%s", (_name, ring, crosses) => {
    expect(findSelfIntersection(ring) !== null).toBe(crosses);
  });

  it("agrees with the brute-force check on random rings", () => {
    const point = fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 }));
    fc.assert(
      fc.property(fc.array(point, { minLength: 3, maxLength: 9 }), (pts) => {
        const ring: Point[] = [...pts, pts[0]!];
        expect(findSelfIntersection(ring) !== null).toBe(bruteForce(ring));
      }),
      { numRuns: 500 },
    );
  });

  it("never finds a crossing in a star-shaped ring", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1, max: 10, noNaN: true }), { minLength: 3, maxLength: 200 }),
        (radii) => {
          expect(findSelfIntersection(star(radii))).toBeNull();
        },
      ),
    );
  });

  it("checks a ring with 100,000 vertices (speed: see bench/)", () => {
    const radii = Array.from(
      { length: 100_000 },
      (_, i) => 5 + Math.sin(i / 7) + ((i * 7919) % 13) / 20,
    );
    const ring = star(radii);
    expect(findSelfIntersection(ring)).toBeNull();
  });
});
