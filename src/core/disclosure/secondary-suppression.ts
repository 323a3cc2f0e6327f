import type { AreaTree } from "../areas/area-tree.ts";
import { err, ok, type Result } from "../result.ts";
import { isPrimarySuppressed, type SuppressionRule } from "./suppression-rule.ts";

/** Whether a cell is published or hidden, and why. One byte per cell. */
export const CELL_FLAG = {
  /** Shown. */
  PUBLISHED: 0,
  /** Hidden by primary suppression (reason `small_count`). */
  PRIMARY: 1,
  /** Hidden by secondary suppression (reason `secondary`). */
  SECONDARY: 2,
} as const;

export type CellFlag = (typeof CELL_FLAG)[keyof typeof CELL_FLAG];

/**
 * An additive relation between cells, given as cell indices: the count of `total` is the
 * sum of the counts of `parts` (a parent area and its children). Whoever knows all but one
 * of these cells can work out the last one by subtraction.
 */
export interface SuppressionGroup {
  readonly total: number;
  readonly parts: readonly number[];
}

/**
 * Groups checked once for a table of `cellCount` cells, with the groups of every cell
 * (cell `c` belongs to `groupIds[offsets[c]] .. groupIds[offsets[c + 1] - 1]`). Build it
 * with `indexGroups` to reuse it for many tables of the same shape (periods, indicators).
 */
export interface GroupIndex {
  readonly groups: readonly SuppressionGroup[];
  readonly cellCount: number;
  readonly offsets: Int32Array;
  readonly groupIds: Int32Array;
}

/** The cells of a table as parallel arrays: counts (`NaN` = no count) and flags. */
export interface SuppressionCells {
  readonly values: ArrayLike<number>;
  readonly flags: ArrayLike<number>;
}

/** The outcome of secondary suppression. */
export interface SecondarySuppression {
  /** Flag per cell (`CELL_FLAG`): the input flags plus the cells hidden here. */
  readonly flags: Uint8Array;
  /** Number of cells hidden by this step. */
  readonly secondaryCount: number;
  /** The groups that were protected, returned so an audit can re-check them. */
  readonly groups: readonly SuppressionGroup[];
}

/**
 * Checks groups against a table of `cellCount` cells and indexes them by cell. Fails with a
 * German message when a group has no parts, names a cell twice (also as total and part), or
 * points outside the table.
 */
export function indexGroups(
  groups: readonly SuppressionGroup[],
  cellCount: number,
): Result<GroupIndex, string> {
  const inRange = (i: number): boolean => Number.isInteger(i) && i >= 0 && i < cellCount;
  const stamp = new Int32Array(cellCount).fill(-1);
  const offsets = new Int32Array(cellCount + 1);
  for (const [g, group] of groups.entries()) {
    if (group.parts.length === 0) return err(`Gruppe ${g} hat keine Teile.`);
    for (const cell of [group.total, ...group.parts]) {
      if (!inRange(cell)) return err(`Gruppe ${g} verweist auf eine Zelle außerhalb der Tabelle.`);
      if (stamp[cell] === g) return err(`Gruppe ${g} nennt eine Zelle mehrfach.`);
      stamp[cell] = g;
      offsets[cell + 1]!++;
    }
  }
  for (let c = 0; c < cellCount; c++) offsets[c + 1]! += offsets[c]!;
  const groupIds = new Int32Array(offsets[cellCount]!);
  const fill = offsets.slice(0, cellCount);
  for (const [g, group] of groups.entries()) {
    groupIds[fill[group.total]!++] = g;
    for (const part of group.parts) groupIds[fill[part]!++] = g;
  }
  return ok({ groups, cellCount, offsets, groupIds });
}

function isGroupIndex(x: readonly SuppressionGroup[] | GroupIndex): x is GroupIndex {
  return !Array.isArray(x);
}

function toColumns(cells: SuppressionCells | readonly { value: number; flag: CellFlag }[]): {
  values: ArrayLike<number>;
  flags: ArrayLike<number>;
} {
  if (Array.isArray(cells)) {
    const list = cells as readonly { value: number; flag: CellFlag }[];
    return { values: list.map((c) => c.value), flags: list.map((c) => c.flag) };
  }
  return cells as SuppressionCells;
}

/**
 * The groups in which exactly one cell is hidden: a reader who knows the other cells of such
 * a group can subtract the hidden one out. Every cell that is not hidden counts as known to
 * the reader — also a cell without a count (`NaN`), because a reader may work it out from
 * another group. Returns the indices of the exposed groups, empty when the table is safe
 * against single-equation subtraction.
 */
export function findExposedGroups(
  cells: SuppressionCells,
  groups: readonly SuppressionGroup[],
): number[] {
  const exposed: number[] = [];
  for (const [g, group] of groups.entries()) {
    if (isExposed(cells.flags, group)) exposed.push(g);
  }
  return exposed;
}

function isExposed(flags: ArrayLike<number>, group: SuppressionGroup): boolean {
  let hidden = flags[group.total] === CELL_FLAG.PUBLISHED ? 0 : 1;
  for (const part of group.parts) {
    if (flags[part] !== CELL_FLAG.PUBLISHED) hidden++;
    if (hidden > 1) return false;
  }
  return hidden === 1;
}

/**
 * Preference of a published part as the complement to hide: lower is better. A part
 * without a count comes first (hiding it withholds nothing), then positive counts, then
 * zeros (a hidden zero is the weakest complement: zeros are often known, e.g. an area
 * without residents, and it leaves the other hidden cell's range at [0, its own value]).
 */
function candidateClass(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return value > 0 ? 1 : 2;
}

/** Whether part `a` is a better complement than part `b`. */
function isBetterComplement(values: ArrayLike<number>, a: number, b: number): boolean {
  const va = values[a]!;
  const vb = values[b]!;
  const ca = candidateClass(va);
  const cb = candidateClass(vb);
  if (ca !== cb) return ca < cb;
  if (ca === 1 && va !== vb) return va < vb;
  return a < b;
}

/**
 * Secondary cell suppression for additive groups (a parent's count is the sum of its
 * children's). No group may end with exactly one hidden cell among its total and parts, or
 * a reader could subtract it out. While some group is exposed, one more cell of it is
 * hidden (flag `SECONDARY`): a published part — one without a count first, since hiding it
 * withholds nothing; else the smallest positive count; else a zero; ties go to the lowest
 * cell index — or the total when no published part is left. Hiding a cell can expose
 * another group the cell belongs to (it is the total of one group and a part of another),
 * so groups are re-checked until none is exposed; the result is a fixed point and fully
 * deterministic.
 *
 * `cells` are the counts with their flags after primary suppression, either as objects or
 * as parallel arrays; they are not changed. `groups` is a list or a prepared `GroupIndex`.
 * A cell without a count (`NaN`) is assumed to be known to a reader unless it is hidden,
 * which may hide a little more than needed but never less. Fails with a German message
 * when arrays differ in length, a flag is unknown, or a group is invalid (see
 * `indexGroups`).
 *
 * Limits: this blocks subtraction within one equation, and repeated subtraction across
 * equations. For a strict hierarchy (each cell the total of at most one group and a part of
 * at most one) it blocks every exact linear attack. It does not check the ranges a reader
 * can narrow a hidden count to from several equations and non-negative counts (no
 * linear-programming audit of protection intervals).
 */
export function applySecondarySuppression(
  cells: SuppressionCells | readonly { value: number; flag: CellFlag }[],
  groups: readonly SuppressionGroup[] | GroupIndex,
): Result<SecondarySuppression, string> {
  const { values, flags: inputFlags } = toColumns(cells);
  const n = values.length;
  if (inputFlags.length !== n)
    return err(`Es gibt ${n} Werte, aber ${inputFlags.length} Kennzeichen.`);
  for (let i = 0; i < n; i++) {
    const f = inputFlags[i]!;
    if (f !== CELL_FLAG.PUBLISHED && f !== CELL_FLAG.PRIMARY && f !== CELL_FLAG.SECONDARY) {
      return err(`Zelle ${i} hat das unbekannte Kennzeichen ${f}.`);
    }
  }
  let index: GroupIndex;
  if (isGroupIndex(groups)) {
    if (groups.cellCount !== n) {
      return err(`Die Gruppen gelten für ${groups.cellCount} Zellen, die Tabelle hat ${n}.`);
    }
    index = groups;
  } else {
    const indexed = indexGroups(groups, n);
    if (!indexed.ok) return indexed;
    index = indexed.value;
  }

  const flags = Uint8Array.from(inputFlags);
  const secondaryCount = protectGroups(values, flags, index);
  return ok({ flags, secondaryCount, groups: index.groups });
}

/** The fixed-point loop of `applySecondarySuppression`; writes into `flags`, returns the count. */
function protectGroups(values: ArrayLike<number>, flags: Uint8Array, index: GroupIndex): number {
  const { groups, offsets, groupIds } = index;
  const queue: number[] = groups.map((_, g) => g);
  const queued = new Uint8Array(groups.length).fill(1);
  let secondaryCount = 0;
  for (let head = 0; head < queue.length; head++) {
    const g = queue[head]!;
    queued[g] = 0;
    const group = groups[g]!;
    if (!isExposed(flags, group)) continue;

    let choice = -1;
    for (const part of group.parts) {
      if (flags[part] !== CELL_FLAG.PUBLISHED) continue;
      if (choice < 0 || isBetterComplement(values, part, choice)) choice = part;
    }
    // No published part left means the hidden cell is the only part: hide the total.
    if (choice < 0) choice = group.total;

    flags[choice] = CELL_FLAG.SECONDARY;
    secondaryCount++;
    for (let k = offsets[choice]!; k < offsets[choice + 1]!; k++) {
      const other = groupIds[k]!;
      if (queued[other] === 0) {
        queued[other] = 1;
        queue.push(other);
      }
    }
  }
  return secondaryCount;
}

/**
 * Primary suppression of a column of counts: `PRIMARY` where `isPrimarySuppressed` holds,
 * `PUBLISHED` elsewhere (also for missing counts, which have nothing to hide).
 */
export function applyPrimarySuppression(
  counts: ArrayLike<number>,
  rule: SuppressionRule,
): Uint8Array {
  const flags = new Uint8Array(counts.length);
  for (let i = 0; i < counts.length; i++) {
    if (isPrimarySuppressed(counts[i]!, rule)) flags[i] = CELL_FLAG.PRIMARY;
  }
  return flags;
}

/**
 * The additive groups of an area tree with one cell per area: for every area with children,
 * its count is taken as the sum of its children's. This holds exactly for aggregated
 * parents; an observed parent that includes persons not assigned to any child differs from
 * the sum by a remainder, and is grouped all the same, because a reader who also knows the
 * remainder (often published as "ohne Zuordnung") could subtract just as well.
 */
export function hierarchyGroups(tree: AreaTree): SuppressionGroup[] {
  const groups: SuppressionGroup[] = [];
  for (let area = 0; area < tree.size; area++) {
    const parts = tree.children[area]!;
    if (parts.length > 0) groups.push({ total: area, parts });
  }
  return groups;
}
