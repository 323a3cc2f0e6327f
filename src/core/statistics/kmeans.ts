/**
 * k-means clustering for the typology of areas: k-means++ starts from a seeded random
 * generator (the same seed gives the same clusters, so a report can be reproduced), Lloyd's
 * iterations, the best of several starts by within-cluster sum of squares; and the mean
 * silhouette width to help choose k. Points are the areas' standardised indicator values.
 * Method and sources: docs/methods/typology.md.
 */

export interface KMeansResult {
  readonly k: number;
  /** Cluster index (0 … k−1) of every point. */
  readonly assignments: readonly number[];
  readonly centroids: readonly (readonly number[])[];
  /** Within-cluster sum of squared distances. */
  readonly inertia: number;
  readonly iterations: number;
}

/** mulberry32: a small, fast, seeded generator of numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function distance2(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    s += d * d;
  }
  return s;
}

/** k-means++: each next centre drawn with probability proportional to D(x)². */
function initialCentres(points: readonly (readonly number[])[], k: number, random: () => number) {
  const centres: number[][] = [[...points[Math.floor(random() * points.length)]!]];
  const nearest = points.map((p) => distance2(p, centres[0]!));
  while (centres.length < k) {
    const total = nearest.reduce((a, b) => a + b, 0);
    let pick = 0;
    if (total > 0) {
      let r = random() * total;
      while (pick < points.length - 1 && r >= nearest[pick]!) r -= nearest[pick++]!;
    } else {
      pick = Math.floor(random() * points.length);
    }
    const c = [...points[pick]!];
    centres.push(c);
    points.forEach((p, i) => {
      const d = distance2(p, c);
      if (d < nearest[i]!) nearest[i] = d;
    });
  }
  return centres;
}

function lloyd(
  points: readonly (readonly number[])[],
  centres: number[][],
  maxIterations: number,
): KMeansResult {
  const n = points.length;
  const dims = points[0]!.length;
  const k = centres.length;
  const assignments = new Array<number>(n).fill(-1);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    let changed = false;
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestD = Infinity;
      for (let c = 0; c < k; c++) {
        const d = distance2(points[i]!, centres[c]!);
        if (d < bestD) {
          bestD = d;
          best = c;
        }
      }
      if (assignments[i] !== best) {
        assignments[i] = best;
        changed = true;
      }
    }
    if (!changed) break;
    const sums = Array.from({ length: k }, () => new Array<number>(dims).fill(0));
    const counts = new Array<number>(k).fill(0);
    points.forEach((p, i) => {
      const c = assignments[i]!;
      counts[c]!++;
      p.forEach((v, d) => (sums[c]![d]! += v));
    });
    for (let c = 0; c < k; c++) {
      // An emptied cluster keeps its centre; the next pass may give it points again.
      if (counts[c]! > 0) centres[c] = sums[c]!.map((s) => s / counts[c]!);
    }
  }
  const inertia = points.reduce((s, p, i) => s + distance2(p, centres[assignments[i]!]!), 0);
  return { k, assignments, centroids: centres, inertia, iterations };
}

/**
 * The best of `starts` k-means runs (lowest inertia). Requires 1 ≤ k ≤ number of points and
 * points of equal dimension.
 */
export function kMeans(
  points: readonly (readonly number[])[],
  k: number,
  options: { seed?: number; starts?: number; maxIterations?: number } = {},
): KMeansResult {
  if (points.length === 0) throw new RangeError("kMeans: no points");
  if (!Number.isInteger(k) || k < 1 || k > points.length) {
    throw new RangeError(`kMeans: k must be 1 … ${points.length}, not ${k}`);
  }
  const random = seededRandom(options.seed ?? 1);
  let best: KMeansResult | null = null;
  for (let s = 0; s < (options.starts ?? 10); s++) {
    const run = lloyd(points, initialCentres(points, k, random), options.maxIterations ?? 100);
    if (best === null || run.inertia < best.inertia - 1e-12) best = run;
  }
  return best!;
}

/**
 * The mean silhouette width (Rousseeuw 1987): for each point, a = mean distance to its own
 * cluster, b = smallest mean distance to another cluster, s = (b − a) / max(a, b); a point
 * alone in its cluster has s = 0. From −1 to 1; higher means better separated clusters.
 */
export function silhouette(
  points: readonly (readonly number[])[],
  assignments: readonly number[],
  k: number,
): number {
  const n = points.length;
  if (k < 2 || n < 3) return 0;
  const sizes = new Array<number>(k).fill(0);
  for (const a of assignments) sizes[a]!++;
  let total = 0;
  const sums = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    sums.fill(0);
    for (let j = 0; j < n; j++) {
      if (i !== j) sums[assignments[j]!]! += Math.sqrt(distance2(points[i]!, points[j]!));
    }
    const own = assignments[i]!;
    if (sizes[own]! <= 1) continue;
    const a = sums[own]! / (sizes[own]! - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) {
      if (c !== own && sizes[c]! > 0) b = Math.min(b, sums[c]! / sizes[c]!);
    }
    const m = Math.max(a, b);
    total += m > 0 ? (b - a) / m : 0;
  }
  return total / n;
}

/**
 * Agglomerative clustering by Ward's criterion (merge the two clusters whose union least
 * increases the within-cluster sum of squares), cut at k clusters. Uses the nearest-neighbour
 * chain, O(n²) time and memory, with the Lance–Williams update on squared distances; Ward is
 * reducible, so sorting the merges by height gives the same tree as merging greedily.
 * Cluster numbers follow the first point of each cluster.
 */
export function wardClusters(points: readonly (readonly number[])[], k: number): number[] {
  const n = points.length;
  if (!Number.isInteger(k) || k < 1 || k > n) {
    throw new RangeError(`wardClusters: k must be 1 … ${n}, not ${k}`);
  }
  const d = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = distance2(points[i]!, points[j]!);
      d[i * n + j] = v;
      d[j * n + i] = v;
    }
  }
  const size = new Array<number>(n).fill(1);
  const active = new Array<boolean>(n).fill(true);
  const merges: { a: number; b: number; height: number }[] = [];
  const chain: number[] = [];
  for (let remaining = n; remaining > 1;) {
    if (chain.length === 0) chain.push(active.indexOf(true));
    const top = chain[chain.length - 1]!;
    const previous = chain.length > 1 ? chain[chain.length - 2]! : -1;
    let nearest = -1;
    let best = Infinity;
    for (let j = 0; j < n; j++) {
      if (!active[j] || j === top) continue;
      const v = d[top * n + j]!;
      // Ties go to the previous chain element, so the chain always ends in a mutual pair.
      if (v < best || (v === best && j === previous)) {
        best = v;
        nearest = j;
      }
    }
    if (nearest !== previous) {
      chain.push(nearest);
      continue;
    }
    chain.pop();
    chain.pop();
    const [a, b] = top < nearest ? [top, nearest] : [nearest, top];
    merges.push({ a, b, height: best });
    for (let m = 0; m < n; m++) {
      if (!active[m] || m === a || m === b) continue;
      const v =
        ((size[a]! + size[m]!) * d[a * n + m]! +
          (size[b]! + size[m]!) * d[b * n + m]! -
          size[m]! * best) /
        (size[a]! + size[b]! + size[m]!);
      d[a * n + m] = v;
      d[m * n + a] = v;
    }
    size[a]! += size[b]!;
    active[b] = false;
    remaining--;
  }
  // Apply the n − k lowest merges (by height) with union–find.
  merges.sort((x, y) => x.height - y.height);
  const parent = Array.from({ length: n }, (_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  for (const m of merges.slice(0, n - k)) parent[root(m.b)] = root(m.a);
  const numbers = new Map<number, number>();
  return points.map((_, i) => {
    const r = root(i);
    if (!numbers.has(r)) numbers.set(r, numbers.size);
    return numbers.get(r)!;
  });
}
