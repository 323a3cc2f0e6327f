import type { AreaTree } from "../areas/area-tree.ts";
import type { Period } from "../periods/period.ts";
import { err, ok, type Result } from "../result.ts";
import { known, missing, type Value } from "../value.ts";

/**
 * Where a cell's number comes from. Stored as one byte per cell beside the value.
 * Only `OBSERVED` and `AGGREGATED` cells carry a number; every other cell holds `NaN`.
 */
export const PROVENANCE = {
  /** No observation exists and none could be derived (a leaf without data). */
  NO_DATA: 0,
  /** An observation with a number, as delivered. */
  OBSERVED: 1,
  /** An observation exists, but the source delivered no number (e.g. "." or "*"). */
  WITHHELD_AT_SOURCE: 2,
  /** The sum of the area's children, computed by `aggregateCube`. */
  AGGREGATED: 3,
  /** Not observed, and at least one child lacks a number, so no sum is formed. */
  INCOMPLETE: 4,
  /** Not observed, and the variable cannot be summed (a published rate, a mean). */
  NOT_AGGREGABLE: 5,
} as const;

export type Provenance = (typeof PROVENANCE)[keyof typeof PROVENANCE];

/** How a variable aggregates from child areas to their parent. */
export type AggregationRule = "sum" | "none";

/** Cubes larger than this many cells are refused (8 bytes each: 400 MB). */
export const MAX_CUBE_CELLS = 50_000_000;

/**
 * A dense observation cube: variables × periods × areas of one area tree. Cell
 * `(v, p, a)` lives at offset `(v * periods.length + p) * tree.size + a`, so the areas of one
 * variable and period are contiguous. `values` holds the number (`NaN` = none) and
 * `provenance` a `PROVENANCE` code. The arrays are written only by `setObservation` (while
 * a cube is being filled) and by `aggregateCube` (which returns a new cube).
 */
export interface Cube {
  readonly tree: AreaTree;
  readonly variableCodes: readonly string[];
  readonly periods: readonly Period[];
  readonly variableIndexByCode: ReadonlyMap<string, number>;
  readonly periodIndexByCode: ReadonlyMap<string, number>;
  readonly values: Float64Array;
  readonly provenance: Uint8Array;
  /**
   * The flags of each cell (`FLAG` of core/marks: provisional, revised, estimated, limited,
   * unreliable, under review), or `null` when no cell has any: an aggregated cell carries
   * the union of its children's.
   */
  readonly flags: Uint8Array | null;
  /** The rule per variable used by the last `aggregateCube`, or `null` before aggregation. */
  readonly aggregation: readonly AggregationRule[] | null;
}

function indexCodes(codes: readonly string[], what: string): Result<Map<string, number>, string> {
  const map = new Map<string, number>();
  for (const [i, code] of codes.entries()) {
    if (map.has(code)) return err(`${what} „${code}“ kommt im Datenwürfel mehrfach vor.`);
    map.set(code, i);
  }
  return ok(map);
}

/**
 * Creates an empty cube (every cell `NO_DATA`, value `NaN`) for the given tree, variable
 * codes and periods; their order fixes the variable and period indices. Fails with a German
 * message when a variable code or a period code appears twice, or when the cube would have
 * more than `MAX_CUBE_CELLS` cells. Zero variables, periods or areas give an empty cube.
 */
export function createCube(
  tree: AreaTree,
  variableCodes: readonly string[],
  periods: readonly Period[],
): Result<Cube, string> {
  const variables = indexCodes(variableCodes, "Merkmal");
  if (!variables.ok) return variables;
  const periodIndex = indexCodes(
    periods.map((p) => p.code),
    "Zeitraum",
  );
  if (!periodIndex.ok) return periodIndex;
  const cells = variableCodes.length * periods.length * tree.size;
  if (cells > MAX_CUBE_CELLS) {
    return err(
      `Der Datenwürfel hätte ${cells} Zellen; erlaubt sind höchstens ${MAX_CUBE_CELLS}. ` +
        "Bitte weniger Merkmale oder Zeiträume auf einmal berechnen.",
    );
  }
  return ok({
    tree,
    variableCodes: [...variableCodes],
    periods: [...periods],
    variableIndexByCode: variables.value,
    periodIndexByCode: periodIndex.value,
    values: new Float64Array(cells).fill(Number.NaN),
    provenance: new Uint8Array(cells),
    flags: null,
    aggregation: null,
  });
}

/**
 * A copy of `cube` (sharing its values) whose observed cells carry flags: `cells` lists the
 * flagged ones as variable, period and area indices with their flag bits. Cells outside the
 * cube are skipped. Aggregate afterwards so that parents carry their children's flags.
 */
export function withFlags(
  cube: Cube,
  cells: readonly {
    readonly v: number;
    readonly p: number;
    readonly a: number;
    readonly flags: number;
  }[],
): Cube {
  if (cells.length === 0) return cube;
  const flags = cube.flags ? cube.flags.slice() : new Uint8Array(cube.values.length);
  for (const c of cells) {
    const offset = cellOffset(cube, c.v, c.p, c.a);
    if (offset >= 0) flags[offset] = c.flags;
  }
  return { ...cube, flags };
}

/** The variable index of `code` in the cube, or `null` when the cube has no such variable. */
export function findVariableIndex(cube: Cube, code: string): number | null {
  return cube.variableIndexByCode.get(code) ?? null;
}

/** The period index of the period with `code` in the cube, or `null` when it has none. */
export function findPeriodIndex(cube: Cube, code: string): number | null {
  return cube.periodIndexByCode.get(code) ?? null;
}

function isIndex(i: number, size: number): boolean {
  return Number.isInteger(i) && i >= 0 && i < size;
}

/**
 * The offset of cell `(v, p, a)` in `cube.values` and `cube.provenance`, or `-1` when an
 * index lies outside the cube.
 */
export function cellOffset(cube: Cube, v: number, p: number, a: number): number {
  const periodCount = cube.periods.length;
  const areaCount = cube.tree.size;
  if (
    !isIndex(v, cube.variableCodes.length) ||
    !isIndex(p, periodCount) ||
    !isIndex(a, areaCount)
  ) {
    return -1;
  }
  return (v * periodCount + p) * areaCount + a;
}

const STORED: Result<undefined, string> = Object.freeze(ok(undefined));

/**
 * Records one observation in place: a finite number (a count, or any other value in the
 * variable's unit) becomes `OBSERVED`; `null` means the observation exists but the source
 * withheld its number, and becomes `WITHHELD_AT_SOURCE`. A later call overwrites an earlier
 * one. Fails, changing nothing, when an index lies outside the cube or the number is not
 * finite. After observations change, run `aggregateCube` again.
 */
export function setObservation(
  cube: Cube,
  variableIndex: number,
  periodIndex: number,
  areaIndex: number,
  value: number | null,
): Result<undefined, string> {
  const offset = cellOffset(cube, variableIndex, periodIndex, areaIndex);
  if (offset < 0) {
    return err(
      `Zelle (${variableIndex}, ${periodIndex}, ${areaIndex}) liegt außerhalb des Datenwürfels.`,
    );
  }
  if (value === null) {
    cube.values[offset] = Number.NaN;
    cube.provenance[offset] = PROVENANCE.WITHHELD_AT_SOURCE;
    return STORED;
  }
  if (!Number.isFinite(value)) return err(`Der Wert ${value} ist keine endliche Zahl.`);
  cube.values[offset] = value;
  cube.provenance[offset] = PROVENANCE.OBSERVED;
  return STORED;
}

/**
 * Aggregates one variable and period (the areas starting at `base`) bottom-up: an
 * unobserved parent gets the sum of its children when all have numbers, else `INCOMPLETE`.
 * A small function of its own so the engine optimises it after a few calls.
 */
function sumSlice(
  values: Float64Array,
  provenance: Uint8Array,
  base: number,
  parents: Int32Array,
  childOffsets: Int32Array,
  childIndices: Int32Array,
): void {
  const { OBSERVED, WITHHELD_AT_SOURCE, AGGREGATED, INCOMPLETE } = PROVENANCE;
  for (let k = 0; k < parents.length; k++) {
    const area = parents[k]!;
    const cell = base + area;
    const own = provenance[cell]!;
    if (own === OBSERVED || own === WITHHELD_AT_SOURCE) continue;
    let sum = 0;
    let complete = true;
    const end = childOffsets[area + 1]!;
    for (let c = childOffsets[area]!; c < end; c++) {
      const childCell = base + childIndices[c]!;
      const childProvenance = provenance[childCell]!;
      if (childProvenance !== OBSERVED && childProvenance !== AGGREGATED) {
        complete = false;
        break;
      }
      sum += values[childCell]!;
    }
    provenance[cell] = complete ? AGGREGATED : INCOMPLETE;
    values[cell] = complete ? sum : Number.NaN;
  }
}

/**
 * The flags of one variable and period bottom-up: an aggregated parent carries every flag of
 * its children (a sum of a provisional count is provisional); an observed parent keeps its own.
 */
function orSlice(
  flags: Uint8Array,
  provenance: Uint8Array,
  base: number,
  parents: Int32Array,
  childOffsets: Int32Array,
  childIndices: Int32Array,
): void {
  for (let k = 0; k < parents.length; k++) {
    const area = parents[k]!;
    const cell = base + area;
    if (provenance[cell] !== PROVENANCE.AGGREGATED) {
      if (provenance[cell] !== PROVENANCE.OBSERVED) flags[cell] = 0;
      continue;
    }
    let f = 0;
    const end = childOffsets[area + 1]!;
    for (let c = childOffsets[area]!; c < end; c++) f |= flags[base + childIndices[c]!]!;
    flags[cell] = f;
  }
}

/** Marks every unobserved parent of one variable and period as `NOT_AGGREGABLE`. */
function markNotAggregable(
  values: Float64Array,
  provenance: Uint8Array,
  base: number,
  parents: Int32Array,
): void {
  for (let k = 0; k < parents.length; k++) {
    const cell = base + parents[k]!;
    const own = provenance[cell]!;
    if (own === PROVENANCE.OBSERVED || own === PROVENANCE.WITHHELD_AT_SOURCE) continue;
    provenance[cell] = PROVENANCE.NOT_AGGREGABLE;
    values[cell] = Number.NaN;
  }
}

/**
 * Fills every parent area of a copy of `cube` from its children, bottom-up over the tree,
 * with one rule per variable (`aggregation[v]`), and returns the copy; the input is not
 * changed. Per variable, period and area:
 *
 * - an observation at the area always wins, including a withheld one: official totals
 *   include persons not assigned to any child area, and a total withheld at source stays
 *   withheld rather than being re-created from the children;
 * - otherwise, for a `"sum"` variable, an area with children gets the sum of its children
 *   (`AGGREGATED`) only when every child has a number (observed or aggregated); else it is
 *   `INCOMPLETE` — a partial sum would look like a real total but be too small;
 * - otherwise, for a `"none"` variable, an area with children is `NOT_AGGREGABLE`;
 * - a leaf without an observation stays `NO_DATA`.
 *
 * Cells derived by an earlier run are recomputed, so aggregating twice gives the same cube.
 * Fails when `aggregation` does not have exactly one rule per variable.
 */
export function aggregateCube(
  cube: Cube,
  aggregation: readonly AggregationRule[],
): Result<Cube, string> {
  const variableCount = cube.variableCodes.length;
  if (aggregation.length !== variableCount) {
    return err(
      `Für ${variableCount} Merkmale wurden ${aggregation.length} Aggregationsregeln angegeben.`,
    );
  }
  const values = cube.values.slice();
  const provenance = cube.provenance.slice();
  const flags = cube.flags ? cube.flags.slice() : null;
  const { bottomUp, childOffsets, childIndices, size: areaCount } = cube.tree;
  const periodCount = cube.periods.length;
  // Only areas with children are ever derived; a leaf keeps what setObservation wrote.
  const parents = bottomUp.filter((area) => childOffsets[area + 1]! > childOffsets[area]!);
  for (let v = 0; v < variableCount; v++) {
    const isSum = aggregation[v] === "sum";
    for (let p = 0; p < periodCount; p++) {
      const base = (v * periodCount + p) * areaCount;
      if (isSum) {
        sumSlice(values, provenance, base, parents, childOffsets, childIndices);
        if (flags) orSlice(flags, provenance, base, parents, childOffsets, childIndices);
      } else markNotAggregable(values, provenance, base, parents);
    }
  }
  return ok({ ...cube, values, provenance, flags, aggregation: [...aggregation] });
}

/**
 * The cell `(v, p, a)` as a value: observed and aggregated numbers are known; otherwise the
 * provenance becomes the missing reason (`no_data`, `withheld_at_source`,
 * `incomplete_coverage`, `not_aggregable`). An index outside the cube gives `no_data`.
 */
export function cellValue(cube: Cube, v: number, p: number, a: number): Value<number> {
  const offset = cellOffset(cube, v, p, a);
  if (offset < 0) return missing("no_data");
  return provenanceValue(cube.provenance[offset] as Provenance, cube.values[offset]!);
}

/**
 * Turns a provenance code and the stored number into a value (see `cellValue`). An unknown
 * code is treated as `no_data`.
 */
export function provenanceValue(provenance: Provenance, value: number): Value<number> {
  switch (provenance) {
    case PROVENANCE.OBSERVED:
    case PROVENANCE.AGGREGATED:
      return known(value);
    case PROVENANCE.WITHHELD_AT_SOURCE:
      return missing("withheld_at_source");
    case PROVENANCE.INCOMPLETE:
      return missing("incomplete_coverage");
    case PROVENANCE.NOT_AGGREGABLE:
      return missing("not_aggregable");
    case PROVENANCE.NO_DATA:
      return missing("no_data");
  }
  // Reachable only when a byte outside PROVENANCE was written into the array by hand.
  return missing("no_data");
}
