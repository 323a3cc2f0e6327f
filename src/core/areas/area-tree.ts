import { err, ok, type Result } from "../result.ts";

/**
 * One area as the tree builder needs it: its code, the code of its parent (or `null` for a
 * root such as the whole city) and its level, where a larger number is a finer level
 * (for example 0 = city, 1 = district, 2 = social area, 3 = statistical district).
 */
export interface AreaInput {
  readonly code: string;
  readonly parentCode: string | null;
  readonly level: number;
}

/**
 * An area hierarchy with dense indices `0..size-1` in input order, so that per-area figures
 * can live in typed arrays. The typed arrays must not be written to; they are shared by
 * every cube and result built on this tree.
 */
export interface AreaTree {
  /** Number of areas. */
  readonly size: number;
  /** Area code per index. */
  readonly codes: readonly string[];
  /** Level per index (larger = finer). */
  readonly levels: Int32Array;
  /** Parent index per index, `-1` for a root. */
  readonly parent: Int32Array;
  /** Child indices per index, in input order. */
  readonly children: readonly (readonly number[])[];
  /**
   * The same children in compressed form for hot loops: the children of area `i` are
   * `childIndices[childOffsets[i]] .. childIndices[childOffsets[i + 1] - 1]`.
   */
  readonly childOffsets: Int32Array;
  readonly childIndices: Int32Array;
  /** The distinct levels in ascending order (coarsest first). */
  readonly levelValues: readonly number[];
  /** Area indices per level, each list in input order. */
  readonly indicesByLevel: ReadonlyMap<number, readonly number[]>;
  /** Every index once, children always before their parent (a post-order walk). */
  readonly bottomUp: Int32Array;
  /** Indices of the areas without a parent, in input order. */
  readonly roots: readonly number[];
  /** Index per area code. */
  readonly indexByCode: ReadonlyMap<string, number>;
}

/** At most this many problems are listed in one error message; the rest are counted. */
const MAX_LISTED_PROBLEMS = 10;

function joinProblems(problems: readonly string[]): string {
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS);
  const rest = problems.length - listed.length;
  return rest > 0 ? `${listed.join("\n")}\n… und ${rest} weitere Fehler.` : listed.join("\n");
}

/**
 * Builds an area tree from a flat list of areas. Area `i` of the input gets index `i`.
 * Fails with a German message listing every problem found (up to ten, then a count) when a
 * code is empty or appears twice, a level is not an integer, a parent code is unknown, the
 * parent links form a cycle, or a child's level is not larger (finer) than its parent's.
 * An empty list gives an empty tree. Several roots are allowed (a forest), for example when
 * a city is loaded without its total.
 */
export function buildAreaTree(areas: readonly AreaInput[]): Result<AreaTree, string> {
  const n = areas.length;
  const problems: string[] = [];
  const indexByCode = new Map<string, number>();

  areas.forEach((area, i) => {
    if (area.code.trim() === "") {
      problems.push(`Gebiet an Position ${i + 1} hat keinen Code.`);
      return;
    }
    if (indexByCode.has(area.code)) {
      problems.push(`Gebietscode „${area.code}“ kommt mehrfach vor.`);
      return;
    }
    indexByCode.set(area.code, i);
  });
  areas.forEach((area) => {
    if (!Number.isInteger(area.level)) {
      problems.push(`Gebiet „${area.code}“ hat keine ganzzahlige Ebene (${area.level}).`);
    }
  });

  const parent = new Int32Array(n).fill(-1);
  areas.forEach((area, i) => {
    if (area.parentCode === null) return;
    const p = indexByCode.get(area.parentCode);
    if (p === undefined) {
      problems.push(
        `Gebiet „${area.code}“ verweist auf unbekanntes Obergebiet „${area.parentCode}“.`,
      );
    } else {
      parent[i] = p;
    }
  });
  if (problems.length > 0) return err(joinProblems(problems));

  // Every node reachable from a root by child links is acyclic; the rest lie on or below a cycle.
  const childLists: number[][] = Array.from({ length: n }, () => []);
  const roots: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = parent[i]!;
    if (p < 0) roots.push(i);
    else childLists[p]!.push(i);
  }

  const bottomUp = new Int32Array(n);
  const visited = new Uint8Array(n);
  let written = 0;
  // Iterative post-order so deep trees cannot overflow the call stack.
  const stack: number[] = [];
  const nextChild: number[] = new Array<number>(n).fill(0);
  for (const root of roots) {
    stack.push(root);
    visited[root] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const kids = childLists[top]!;
      const k = nextChild[top]!;
      if (k < kids.length) {
        nextChild[top] = k + 1;
        const child = kids[k]!;
        visited[child] = 1;
        stack.push(child);
      } else {
        stack.pop();
        bottomUp[written++] = top;
      }
    }
  }
  if (written < n) {
    const inCycle: string[] = [];
    for (let i = 0; i < n; i++) if (visited[i] === 0) inCycle.push(`„${areas[i]!.code}“`);
    return err(
      `Die Obergebiet-Verweise bilden einen Kreis; betroffen sind die Gebiete ${inCycle.join(", ")}.`,
    );
  }

  const levels = new Int32Array(n);
  areas.forEach((area, i) => {
    levels[i] = area.level;
  });
  for (let i = 0; i < n; i++) {
    const p = parent[i]!;
    if (p >= 0 && levels[i]! <= levels[p]!) {
      problems.push(
        `Gebiet „${areas[i]!.code}“ (Ebene ${levels[i]}) liegt nicht unter seinem Obergebiet ` +
          `„${areas[p]!.code}“ (Ebene ${levels[p]}); ein Untergebiet braucht eine feinere Ebene.`,
      );
    }
  }
  if (problems.length > 0) return err(joinProblems(problems));

  const childOffsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) childOffsets[i + 1] = childOffsets[i]! + childLists[i]!.length;
  const childIndices = new Int32Array(childOffsets[n]!);
  for (let i = 0; i < n; i++) childIndices.set(childLists[i]!, childOffsets[i]);

  const indicesByLevel = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const level = levels[i]!;
    const list = indicesByLevel.get(level);
    if (list) list.push(i);
    else indicesByLevel.set(level, [i]);
  }
  const levelValues = [...indicesByLevel.keys()].sort((a, b) => a - b);

  return ok({
    size: n,
    codes: areas.map((a) => a.code),
    levels,
    parent,
    children: childLists,
    childOffsets,
    childIndices,
    levelValues,
    indicesByLevel,
    bottomUp,
    roots,
    indexByCode,
  });
}

/** The dense index of the area with this code, or `null` when the tree has no such area. */
export function findAreaIndex(tree: AreaTree, code: string): number | null {
  return tree.indexByCode.get(code) ?? null;
}

/** Whether the area at `index` has no children. Indices outside the tree are not leaves. */
export function isLeaf(tree: AreaTree, index: number): boolean {
  if (!Number.isInteger(index) || index < 0 || index >= tree.size) return false;
  return tree.childOffsets[index + 1] === tree.childOffsets[index];
}

/**
 * The indices of all leaves at or below the area at `index`, left to right in input order
 * (the area itself when it is a leaf). Returns an empty list for an index outside the tree.
 */
export function leavesUnder(tree: AreaTree, index: number): number[] {
  if (!Number.isInteger(index) || index < 0 || index >= tree.size) return [];
  const out: number[] = [];
  const stack = [index];
  while (stack.length > 0) {
    const i = stack.pop()!;
    const kids = tree.children[i]!;
    if (kids.length === 0) out.push(i);
    for (let k = kids.length - 1; k >= 0; k--) stack.push(kids[k]!);
  }
  return out;
}
