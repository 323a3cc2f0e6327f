/**
 * Cell suppression for tables linked by any linear relations between their counts: totals
 * and their parts, cross tables with margins, several tables sharing a total, flows and
 * stocks of consecutive months. Where `secondary-suppression.ts` blocks subtraction within
 * one equation (enough for a strict hierarchy), this blocks every exact linear attack: after
 * it, no withheld cell follows from the published cells through the whole system of
 * relations, however the reader combines them. Method: docs/methods/disclosure-control.md,
 * section 8.
 */
import { CELL_FLAG } from "./secondary-suppression.ts";

/**
 * A relation a reader knows: Σ coefficients[k] × value(cells[k]) is a known constant (the
 * constant itself does not matter here, only which cells the relation ties together).
 * `additive` marks the form total = Σ parts, with the total first (coefficient +1) and the
 * parts after it (coefficient −1): there, the withheld parts together are a group of persons
 * whose size a reader can work out, so it must not be a small count either.
 */
export interface LinearRelation {
  readonly cells: readonly number[];
  readonly coefficients: readonly number[];
  readonly additive: boolean;
}

/** An additive relation: `total` = Σ `parts`. */
export function sumRelation(total: number, parts: readonly number[]): LinearRelation {
  return {
    cells: [total, ...parts],
    coefficients: [1, ...parts.map(() => -1)],
    additive: true,
  };
}

export interface LinearSuppressionInput {
  /** The counts (≥ 0, whole numbers). */
  readonly values: ArrayLike<number>;
  /** Whether the minimum-count rule applies to a cell (a count of persons or households). */
  readonly sensitive: ArrayLike<boolean>;
  readonly relations: readonly LinearRelation[];
  /** Counts from 1 to `minCount − 1` of sensitive cells are withheld. */
  readonly minCount: number;
  /**
   * Which cell to withhold first when one more must go, lower first (for example later
   * months before earlier ones, so that a new month rarely changes what was published for
   * an old one); ties go to the smaller positive count, then to the lower index. Default 0.
   */
  readonly rank?: ArrayLike<number>;
}

export interface LinearSuppressionResult {
  /** `CELL_FLAG` per cell: PRIMARY (small count), SECONDARY (withheld to protect one), PUBLISHED. */
  readonly flags: Uint8Array;
  readonly primaryCount: number;
  readonly secondaryCount: number;
  /** Rounds of the linear-algebra audit until no withheld cell was determined. */
  readonly auditRounds: number;
}

const EPS = 1e-9;

/**
 * Withholds the small counts (primary suppression) and then as many further cells as it
 * takes until, for every relation and for the whole system of relations:
 *
 * 1. no relation holds exactly one withheld cell (a reader would subtract it out);
 * 2. in an additive relation with a published total, the withheld parts do not add up to a
 *    small count (1 to `minCount − 1`): together they would describe a small group;
 * 3. no withheld cell is determined by the system of all relations (the unit vector of the
 *    cell does not lie in the row space of the relations restricted to withheld cells —
 *    checked by Gauss–Jordan elimination per connected group of withheld cells), except a
 *    cell that the relations fix by themselves, which every reader knows anyway.
 *
 * Zeros are published (they describe nobody) and are chosen as complements only when no
 * positive cell is left in a relation. Deterministic: the same counts give the same
 * pattern. Throws on inconsistent input (arrays of different lengths, cells outside the
 * table), which is a programming error, not a data condition.
 */
export function suppressLinked(input: LinearSuppressionInput): LinearSuppressionResult {
  const { values, sensitive, relations, minCount } = input;
  const n = values.length;
  if (sensitive.length !== n) throw new Error("suppressLinked: values and sensitive differ");
  const rank = input.rank ?? new Float64Array(n);
  if (rank.length !== n) throw new Error("suppressLinked: values and rank differ");
  const byCell = relationsByCell(relations, n);

  const flags = new Uint8Array(n);
  let primaryCount = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (sensitive[i] && v > 0 && v < minCount) {
      flags[i] = CELL_FLAG.PRIMARY;
      primaryCount++;
    }
  }
  let secondaryCount = 0;
  /** Cells withheld since the last audit: only their groups can have changed. */
  let fresh = new Set<number>();
  for (let i = 0; i < n; i++) if (flags[i] !== CELL_FLAG.PUBLISHED) fresh.add(i);
  const withhold = (cell: number) => {
    flags[cell] = CELL_FLAG.SECONDARY;
    secondaryCount++;
    fresh.add(cell);
  };

  /** The best published cell of a relation to withhold next, or −1 when none is left. */
  const complementIn = (r: LinearRelation, sameSignAs?: number): number => {
    let best = -1;
    for (let k = 0; k < r.cells.length; k++) {
      const c = r.cells[k]!;
      if (flags[c] !== CELL_FLAG.PUBLISHED) continue;
      if (sameSignAs !== undefined && Math.sign(r.coefficients[k]!) !== sameSignAs) continue;
      if (best < 0 || isBetter(c, best)) best = c;
    }
    return best;
  };
  const isBetter = (a: number, b: number): boolean => {
    if (rank[a] !== rank[b]) return rank[a]! < rank[b]!;
    const pa = values[a]! > 0;
    const pb = values[b]! > 0;
    if (pa !== pb) return pa;
    if (values[a] !== values[b]) return values[a]! < values[b]!;
    return a < b;
  };

  let auditRounds = 0;
  for (;;) {
    // Rules 1 and 2, cheap, to a fixed point.
    const queue = relations.map((_, i) => i);
    const queued = new Uint8Array(relations.length).fill(1);
    for (let head = 0; head < queue.length; head++) {
      const ri = queue[head]!;
      queued[ri] = 0;
      const r = relations[ri]!;
      const choice = exposedComplement(r);
      if (choice === null) continue;
      withhold(choice);
      for (const other of byCell[choice]!) {
        if (queued[other] === 0) {
          queued[other] = 1;
          queue.push(other);
        }
      }
    }
    // Rule 3: the whole system.
    auditRounds++;
    const determined = determinedCells(flags, relations, fresh);
    fresh = new Set();
    if (determined.length === 0) break;
    let progress = false;
    const touched = new Set<number>();
    for (const cell of determined) {
      if (byCell[cell]!.some((ri) => touched.has(ri))) continue;
      const ri = relationToOpen(cell);
      if (ri < 0) continue;
      withhold(complementIn(relations[ri]!));
      for (const other of byCell[cell]!) touched.add(other);
      touched.add(ri);
      progress = true;
    }
    // No published cell in reach of any determined cell: every relation around them holds
    // withheld cells only, so they are fixed by the relations alone (a zero that two relations
    // force, say) and known to every reader whatever is published. Withholding more cannot
    // change that.
    if (!progress) break;
  }
  return { flags, primaryCount, secondaryCount, auditRounds };

  /**
   * The relation in which to withhold one more cell for a determined cell: among the
   * relations reached from it through withheld cells (its own first, then those of the
   * withheld cells they share, and so on), the nearest with a published cell, and of those
   * the one with the fewest withheld cells. −1 when none is in reach.
   */
  function relationToOpen(start: number): number {
    const seenCells = new Set([start]);
    const seenRelations = new Set<number>();
    let frontier = [start];
    while (frontier.length > 0) {
      let best = -1;
      let bestHidden = Infinity;
      const next: number[] = [];
      for (const c of frontier) {
        for (const ri of byCell[c]!) {
          if (seenRelations.has(ri)) continue;
          seenRelations.add(ri);
          const r = relations[ri]!;
          let hidden = 0;
          for (const x of r.cells) {
            if (flags[x] === CELL_FLAG.PUBLISHED) continue;
            hidden++;
            if (!seenCells.has(x)) {
              seenCells.add(x);
              next.push(x);
            }
          }
          if (hidden < r.cells.length && hidden < bestHidden) {
            bestHidden = hidden;
            best = ri;
          }
        }
      }
      if (best >= 0) return best;
      frontier = next;
    }
    return -1;
  }

  /** Rules 1 and 2 for one relation: the cell to withhold next, or null when it is safe. */
  function exposedComplement(r: LinearRelation): number | null {
    let hidden = 0;
    let hiddenParts = 0;
    let hiddenPartSum = 0;
    for (let k = 0; k < r.cells.length; k++) {
      const c = r.cells[k]!;
      if (flags[c] === CELL_FLAG.PUBLISHED) continue;
      hidden++;
      if (r.additive && k > 0) {
        hiddenParts++;
        hiddenPartSum += values[c]!;
      }
    }
    if (hidden === 1) {
      const c = complementIn(r);
      return c < 0 ? null : c;
    }
    if (
      r.additive &&
      flags[r.cells[0]!] === CELL_FLAG.PUBLISHED &&
      hiddenParts > 0 &&
      hiddenPartSum > 0 &&
      hiddenPartSum < minCount
    ) {
      // Another part widens the group; without one, the total goes.
      const part = complementIn(r, -1);
      return part >= 0 ? part : r.cells[0]!;
    }
    return null;
  }
}

/** For every cell, the relations it appears in. */
function relationsByCell(relations: readonly LinearRelation[], n: number): number[][] {
  const byCell: number[][] = Array.from({ length: n }, () => []);
  for (const [ri, r] of relations.entries()) {
    if (r.cells.length !== r.coefficients.length) {
      throw new Error(
        `suppressLinked: relation ${ri} has cells and coefficients of different length`,
      );
    }
    for (const c of r.cells) {
      if (!(Number.isInteger(c) && c >= 0 && c < n)) {
        throw new Error(`suppressLinked: relation ${ri} names cell ${c} outside the table`);
      }
      byCell[c]!.push(ri);
    }
  }
  return byCell;
}

/**
 * The withheld cells that the relations determine, given every published cell: those whose
 * unit vector lies in the row space of the relations restricted to the withheld cells. The
 * withheld cells fall into groups connected by shared relations; each group is reduced on
 * its own (Gauss–Jordan with partial pivoting), and a cell is determined exactly when its
 * pivot row has no other entry left. With `only`, just the groups holding one of those cells
 * are reduced (the others are known to be unchanged).
 */
export function determinedCells(
  flags: ArrayLike<number>,
  relations: readonly LinearRelation[],
  only?: ReadonlySet<number>,
): number[] {
  const n = flags.length;
  const hidden = (c: number) => flags[c] !== CELL_FLAG.PUBLISHED;
  // Union–find over withheld cells joined by a relation.
  const parent = new Int32Array(n).map((_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  for (const r of relations) {
    let first = -1;
    for (const c of r.cells) {
      if (!hidden(c)) continue;
      if (first < 0) first = c;
      else {
        const a = find(first);
        const b = find(c);
        if (a !== b) parent[a] = b;
      }
    }
  }
  const rowsOf = new Map<number, Map<number, number>[]>();
  for (const r of relations) {
    let row: Map<number, number> | null = null;
    for (let k = 0; k < r.cells.length; k++) {
      const c = r.cells[k]!;
      if (!hidden(c)) continue;
      row ??= new Map();
      row.set(c, (row.get(c) ?? 0) + r.coefficients[k]!);
    }
    if (row === null) continue;
    for (const [c, v] of row) if (Math.abs(v) < EPS) row.delete(c);
    if (row.size === 0) continue;
    const root = find(row.keys().next().value!);
    let rows = rowsOf.get(root);
    if (!rows) rowsOf.set(root, (rows = []));
    rows.push(row);
  }
  // Groups without a cell of `only` were audited before and have not changed.
  const wanted = only === undefined ? null : new Set([...only].map(find));
  const out: number[] = [];
  for (const [root, rows] of rowsOf) {
    if (wanted === null || wanted.has(root)) out.push(...reduceGroup(rows));
  }
  return out.sort((a, b) => a - b);
}

/**
 * Gauss–Jordan elimination of sparse rows; the columns whose pivot row is a unit vector.
 * Rows are found through an index of the rows holding each column, and the pivot is the
 * shortest row among those with a large enough entry (little fill-in, stable enough for
 * coefficients of ±1).
 */
function reduceGroup(rows: Map<number, number>[]): number[] {
  const holders = new Map<number, Set<number>>();
  const hold = (c: number, i: number) => {
    let s = holders.get(c);
    if (!s) holders.set(c, (s = new Set()));
    s.add(i);
  };
  rows.forEach((r, i) => {
    for (const c of r.keys()) hold(c, i);
  });
  const isPivot = new Uint8Array(rows.length);
  const pivotOf: { column: number; row: number }[] = [];
  const columns = [...holders.keys()].sort((a, b) => a - b);
  for (const column of columns) {
    const holding = holders.get(column)!;
    let largest = 0;
    for (const i of holding) {
      if (!isPivot[i]) largest = Math.max(largest, Math.abs(rows[i]!.get(column)!));
    }
    if (largest < EPS) continue;
    let best = -1;
    for (const i of holding) {
      if (isPivot[i] || Math.abs(rows[i]!.get(column)!) < largest / 10) continue;
      if (best < 0 || rows[i]!.size < rows[best]!.size) best = i;
    }
    const pivotRow = rows[best]!;
    isPivot[best] = 1;
    const scale = pivotRow.get(column)!;
    for (const [c, v] of pivotRow) pivotRow.set(c, v / scale);
    for (const i of [...holding]) {
      if (i === best) continue;
      const row = rows[i]!;
      const f = row.get(column)!;
      for (const [c, v] of pivotRow) {
        const next = (row.get(c) ?? 0) - f * v;
        if (Math.abs(next) < EPS) {
          row.delete(c);
          holders.get(c)!.delete(i);
        } else {
          if (!row.has(c)) hold(c, i);
          row.set(c, next);
        }
      }
    }
    pivotOf.push({ column, row: best });
  }
  return pivotOf.filter((p) => rows[p.row]!.size === 1).map((p) => p.column);
}
