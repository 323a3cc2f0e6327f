import { describe, expect, it } from "vitest";
import { kMeans, seededRandom, silhouette, wardClusters } from "./kmeans.ts";

/** Three tight groups around (0,0), (10,0) and (0,10). */
function groups(): number[][] {
  const random = seededRandom(42);
  const centres = [
    [0, 0],
    [10, 0],
    [0, 10],
  ];
  return centres.flatMap(([x, y]) =>
    Array.from({ length: 20 }, () => [x! + random() - 0.5, y! + random() - 0.5]),
  );
}

describe("kMeans", () => {
  it("finds well separated groups", () => {
    const points = groups();
    const r = kMeans(points, 3, { seed: 7 });
    for (let g = 0; g < 3; g++) {
      const labels = new Set(r.assignments.slice(g * 20, g * 20 + 20));
      expect(labels.size).toBe(1);
    }
    expect(new Set(r.assignments).size).toBe(3);
  });

  it("gives the same clusters for the same seed", () => {
    const points = groups();
    expect(kMeans(points, 4, { seed: 3 }).assignments).toEqual(
      kMeans(points, 4, { seed: 3 }).assignments,
    );
  });

  it("matches a hand computation on one dimension", () => {
    // 1, 2, 3 | 10, 11, 12: centres 2 and 11, inertia 4 × 1 = 4
    const r = kMeans([[1], [2], [3], [10], [11], [12]], 2, { seed: 1 });
    expect(r.inertia).toBeCloseTo(4, 12);
    expect([...r.centroids].map((c) => c[0]).sort((a, b) => a! - b!)).toEqual([2, 11]);
  });

  it("refuses an impossible k", () => {
    expect(() => kMeans([[1], [2]], 3)).toThrow(RangeError);
  });
});

describe("silhouette", () => {
  it("matches a hand computation", () => {
    // Points 0, 1 | 5 on a line. Point 0: a = 1, b = 5 → 0.8; point 1: a = 1, b = 4 → 0.75;
    // point 5 is alone in its cluster → 0. Mean (0.8 + 0.75 + 0) / 3.
    expect(silhouette([[0], [1], [5]], [0, 0, 1], 2)).toBeCloseTo(1.55 / 3, 12);
  });

  it("is highest at the true number of groups", () => {
    const points = groups();
    const widths = [2, 3, 4, 5].map((k) => silhouette(points, kMeans(points, k).assignments, k));
    expect(Math.max(...widths)).toBe(widths[1]);
    expect(widths[1]).toBeGreaterThan(0.9);
  });
});

describe("wardClusters", () => {
  it("joins the nearest pairs first", () => {
    expect(wardClusters([[0], [1], [5], [6]], 2)).toEqual([0, 0, 1, 1]);
    expect(wardClusters([[0], [1], [5], [6], [20]], 3)).toEqual([0, 0, 1, 1, 2]);
    expect(wardClusters([[0], [1], [5]], 1)).toEqual([0, 0, 0]);
  });

  it("finds well separated groups", () => {
    const labels = wardClusters(groups(), 3);
    for (let g = 0; g < 3; g++) {
      expect(new Set(labels.slice(g * 20, g * 20 + 20)).size).toBe(1);
    }
    expect(new Set(labels).size).toBe(3);
  });
});

/** Greedy Ward from the definition: merge the pair whose union adds the least sum of squares. */
function naiveWard(points: number[][], k: number): number[][] {
  let clusters = points.map((p, i) => ({ members: [i], centre: p, size: 1 }));
  while (clusters.length > k) {
    let best = { i: 0, j: 1, cost: Infinity };
    for (let i = 0; i < clusters.length; i++) {
      for (let j = i + 1; j < clusters.length; j++) {
        const a = clusters[i]!;
        const b = clusters[j]!;
        const d2 = a.centre.reduce((s, v, x) => s + (v - b.centre[x]!) ** 2, 0);
        const cost = ((a.size * b.size) / (a.size + b.size)) * d2;
        if (cost < best.cost) best = { i, j, cost };
      }
    }
    const a = clusters[best.i]!;
    const b = clusters[best.j]!;
    const size = a.size + b.size;
    const merged = {
      members: [...a.members, ...b.members],
      centre: a.centre.map((v, x) => (v * a.size + b.centre[x]! * b.size) / size),
      size,
    };
    clusters = clusters.filter((_, x) => x !== best.i && x !== best.j).concat([merged]);
  }
  return clusters.map((c) => c.members.sort((x, y) => x - y)).sort((x, y) => x[0]! - y[0]!);
}

describe("wardClusters against the definition", () => {
  it("gives the partition of greedy Ward on random point sets", () => {
    const random = seededRandom(11);
    for (let trial = 0; trial < 30; trial++) {
      const n = 5 + Math.floor(random() * 25);
      const points = Array.from({ length: n }, () => [random() * 10, random() * 10, random()]);
      const k = 1 + Math.floor(random() * 5);
      const labels = wardClusters(points, k);
      const ours = [...new Set(labels)]
        .map((c) => labels.flatMap((l, i) => (l === c ? [i] : [])))
        .sort((x, y) => x[0]! - y[0]!);
      expect(ours).toEqual(naiveWard(points, k));
    }
  });
});
