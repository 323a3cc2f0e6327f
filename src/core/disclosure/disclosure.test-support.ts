import fc from "fast-check";
import { buildAreaTree, type AreaTree } from "../areas/area-tree.ts";
import { areaListArbitrary } from "../areas/tree-arbitrary.test-support.ts";
import { CELL_FLAG, type SuppressionGroup } from "./secondary-suppression.ts";
import type { SuppressionRule } from "./suppression-rule.ts";

/** A random tree with one count per area, built the way the cube builds it (test support). */
export interface CountScenario {
  readonly tree: AreaTree;
  /** Count per area; parents are the sum of their children, sometimes plus a remainder. */
  readonly counts: Float64Array;
  readonly rule: SuppressionRule;
}

/**
 * Random trees with small counts (so that primary suppression bites), parents that are the
 * sum of their children or an observed total with an unassigned remainder, and some areas
 * without a count (a missing leaf makes its ancestors incomplete, as in the cube).
 */
export function countScenarioArbitrary(
  maxAreas: number,
  withMissing = true,
): fc.Arbitrary<CountScenario> {
  return areaListArbitrary({ maxAreas, allowForest: true }).chain((areas) =>
    fc
      .record({
        leafCounts: fc.array(fc.integer({ min: 0, max: 12 }), {
          minLength: areas.length,
          maxLength: areas.length,
        }),
        remainders: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3 })), {
          minLength: areas.length,
          maxLength: areas.length,
        }),
        gaps: fc.array(fc.integer({ min: 0, max: 9 }), {
          minLength: areas.length,
          maxLength: areas.length,
        }),
        minCount: fc.integer({ min: 1, max: 5 }),
        suppressZero: fc.boolean(),
      })
      .map(({ leafCounts, remainders, gaps, minCount, suppressZero }) => {
        const built = buildAreaTree(areas);
        if (!built.ok) throw new Error(built.error);
        const tree = built.value;
        const counts = new Float64Array(tree.size);
        for (const area of tree.bottomUp) {
          const kids = tree.children[area]!;
          const gap = withMissing && gaps[area] === 0;
          if (kids.length === 0) {
            counts[area] = gap ? Number.NaN : leafCounts[area]!;
          } else {
            // A NaN child makes the sum NaN: an incomplete parent, unless observed (remainder > 0).
            const sum = kids.reduce((s, k) => s + counts[k]!, 0);
            const remainder = remainders[area]!;
            counts[area] =
              remainder > 0 && Number.isNaN(sum) ? leafCounts[area]! + 10 : sum + remainder;
          }
        }
        return { tree, counts, rule: { minCount, suppressZero } };
      }),
  );
}

/**
 * What a reader can work out by repeated single-equation subtraction, starting from every
 * cell in `known` (a superset of the published cells). Returns the grown known set.
 */
export function subtractionClosure(
  known: readonly boolean[],
  groups: readonly SuppressionGroup[],
): boolean[] {
  const out = [...known];
  let changed = true;
  while (changed) {
    changed = false;
    for (const g of groups) {
      const cells = [g.total, ...g.parts];
      const unknown = cells.filter((c) => !out[c]);
      if (unknown.length === 1) {
        out[unknown[0]!] = true;
        changed = true;
      }
    }
  }
  return out;
}

function rank(rows: number[][]): number {
  const m = rows.map((r) => [...r]);
  const cols = m[0]?.length ?? 0;
  let r = 0;
  for (let c = 0; c < cols && r < m.length; c++) {
    let pivot = r;
    for (let i = r + 1; i < m.length; i++)
      if (Math.abs(m[i]![c]!) > Math.abs(m[pivot]![c]!)) pivot = i;
    if (Math.abs(m[pivot]![c]!) < 1e-9) continue;
    [m[r], m[pivot]] = [m[pivot]!, m[r]!];
    for (let i = 0; i < m.length; i++) {
      if (i === r) continue;
      const f = m[i]![c]! / m[r]![c]!;
      for (let k = c; k < cols; k++) m[i]![k]! -= f * m[r]![k]!;
    }
    r++;
  }
  return r;
}

/**
 * The hidden cells that the whole system of group equations determines exactly (linear
 * algebra over the reals, every unhidden cell taken as known): cell j is determined when
 * the unit vector e_j lies in the row space of the equations restricted to hidden cells.
 */
export function linearlyDeterminedCells(
  flags: ArrayLike<number>,
  groups: readonly SuppressionGroup[],
): number[] {
  const hidden: number[] = [];
  for (let i = 0; i < flags.length; i++) if (flags[i] !== CELL_FLAG.PUBLISHED) hidden.push(i);
  const column = new Map(hidden.map((cell, j) => [cell, j]));
  const rows = groups.map((g) => {
    const row = new Array<number>(hidden.length).fill(0);
    const j = column.get(g.total);
    if (j !== undefined) row[j] = 1;
    for (const part of g.parts) {
      const k = column.get(part);
      if (k !== undefined) row[k] = -1;
    }
    return row;
  });
  const base = rank(rows);
  return hidden.filter((_, j) => {
    const unit = new Array<number>(hidden.length).fill(0);
    unit[j] = 1;
    return rank([...rows, unit]) === base;
  });
}
