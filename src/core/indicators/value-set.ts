/**
 * The view of one indicator at one period on one level, as the map and tables show it: every
 * area's value with its marks, rank and change since the previous period, and the city beside
 * them. Pure: the service loads the cube and computes the indicator, this assembles what the
 * reader sees, and the choice of period and level when the request names none.
 */
import type { AreaTree } from "../areas/area-tree.ts";
import {
  combineFlags,
  markValue,
  type Letter,
  type Marked,
  type MarkOptions,
  type Sign,
} from "../marks/value-mark.ts";
import { previousPeriod, type Period } from "../periods/period.ts";
import { known, missing, type Value } from "../value.ts";
import { changeOverPeriods, rankWithinLevel } from "./compare.ts";
import { indicatorCell, type IndicatorDefinition, type IndicatorResult } from "./indicator.ts";

/** The marks of a shown number (core/marks): the sign, parentheses, letters, under review. */
export interface MarkView {
  readonly sign: Sign | null;
  readonly limited: boolean;
  readonly letters: Letter[];
  readonly review: boolean;
}

export interface IndicatorValueView {
  readonly area: string;
  readonly name: string;
  readonly status: "known" | "missing" | "suppressed";
  readonly value: number | null;
  readonly reason: string | null;
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly rank: number | null;
  readonly change: number | null;
  /** The marks of the value; a rank carries them too. */
  readonly mark: MarkView;
  /** The marks of the change: those of both periods' values. */
  readonly changeMark: MarkView | null;
}

export interface IndicatorValueSet {
  readonly indicator: string;
  readonly unit: string;
  readonly decimals: number;
  readonly period: string;
  readonly previousPeriod: string | null;
  readonly level: string;
  readonly reference: {
    area: string;
    name: string;
    value: number | null;
    status: "known" | "missing" | "suppressed";
    mark: MarkView;
  } | null;
  readonly disclosure: { minCount: number; applied: boolean };
  readonly dataVersion: number;
  readonly values: IndicatorValueView[];
}

/** An area level of the model: its code and its depth in the tree. */
export interface LevelOfTree {
  readonly code: string;
  readonly depth: number;
}

/** What the view reads besides the computed indicator: the tree, names, periods, levels. */
export interface ValueSetModel {
  readonly tree: AreaTree;
  /** Per area index, in tree order. */
  readonly areas: readonly { readonly name: string }[];
  readonly periods: readonly Period[];
  /** Coarsest first. */
  readonly levels: readonly LevelOfTree[];
}

/** A value's status, number and reason as three fields. */
export function valueParts(v: Value<number>): {
  status: IndicatorValueView["status"];
  value: number | null;
  reason: string | null;
} {
  return v.kind === "known"
    ? { status: "known", value: v.value, reason: null }
    : { status: v.kind, value: null, reason: v.reason };
}

/** The number of a known value; null for a missing or withheld one (or none). */
export const knownOrNull = (v: Value<number> | null): number | null =>
  v && v.kind === "known" ? v.value : null;

/** The marks of a shown number as plain data. */
export function markView(m: Marked): MarkView {
  return { sign: m.sign, limited: m.limited, letters: [...m.letters], review: m.review };
}

/**
 * A value with its marks for the reader: a value the reader may not have (held for review in
 * public, not reliable enough) becomes missing with that reason, like a withheld one.
 */
export function markedValue(
  v: Value<number>,
  flags: number,
  o: MarkOptions,
): { value: Value<number>; mark: MarkView } {
  const m = markValue(v, flags, o);
  const shown: Value<number> =
    v.kind === "known" && m.value === null
      ? missing(m.sign === "/" ? "not_reliable" : "under_review")
      : v;
  return { value: shown, mark: markView(m) };
}

const hasKnown = (result: IndicatorResult, slot: number, areas: readonly number[]): boolean =>
  areas.some((a) => indicatorCell(result, slot, a).value.kind === "known");

/**
 * The period shown when a request names none: the latest with a known value in any area; the
 * first period when none has one; −1 when there are no periods.
 */
export function latestSlotWithData(result: IndicatorResult, model: ValueSetModel): number {
  const all = [...Array(model.tree.size).keys()];
  let slot = model.periods.length - 1;
  while (slot > 0 && !hasKnown(result, slot, all)) slot--;
  return slot;
}

/**
 * The level shown when a request names none: the deepest with a known value at `slot`; the
 * deepest of all when none has one; undefined when the model has no levels.
 */
export function deepestLevelWithData<L extends LevelOfTree>(
  result: IndicatorResult,
  slot: number,
  model: Pick<ValueSetModel, "tree"> & { readonly levels: readonly L[] },
): L | undefined {
  const deepestFirst = [...model.levels].reverse();
  return (
    deepestFirst.find((l) =>
      hasKnown(result, slot, model.tree.indicesByLevel.get(l.depth) ?? []),
    ) ?? deepestFirst[0]
  );
}

/** What `assembleValueSet` shows, beyond the model and the computed indicator. */
export interface ValueSetChoice {
  readonly definition: Pick<IndicatorDefinition, "code" | "unit" | "decimals">;
  /** The period's index in `model.periods`. */
  readonly slot: number;
  readonly level: LevelOfTree;
  /** How the reader reads marks (audience, review in public, decimals). */
  readonly marks: MarkOptions;
  /** Passed through into the view. */
  readonly disclosure: { minCount: number; applied: boolean };
  readonly dataVersion: number;
}

/**
 * The value set of one indicator at one period on one level: each area's value with its
 * marks, its rank within the level and its change since the previous period (marked with
 * both periods' flags), and the city (the root of level 0) as the reference. A value the
 * reader may not have carries neither count.
 */
export function assembleValueSet(
  model: ValueSetModel,
  result: IndicatorResult,
  choice: ValueSetChoice,
): IndicatorValueSet {
  const { definition: def, slot, level, marks } = choice;
  const period = model.periods[slot]!;
  const areaIndices = model.tree.indicesByLevel.get(level.depth) ?? [];

  const prev = previousPeriod(period);
  const prevSlot = prev ? model.periods.findIndex((p) => p.code === prev.code) : -1;

  const marked = (slotIndex: number, a: number) => {
    const cell = indicatorCell(result, slotIndex, a);
    return { cell, ...markedValue(cell.value, cell.flags.value, marks) };
  };
  const cells = areaIndices.map((a) => marked(slot, a));
  const ranking = rankWithinLevel(cells.map((c) => c.value));
  const root = model.tree.roots.find((r) => model.tree.levels[r] === 0) ?? model.tree.roots[0];

  const values: IndicatorValueView[] = areaIndices.map((a, i) => {
    const { cell, value, mark } = cells[i]!;
    const rank = ranking.ranks[i]!;
    const before = prevSlot >= 0 ? marked(prevSlot, a) : null;
    const change = before ? changeOverPeriods(value, before.value, def.unit) : null;
    // A withheld value carries neither count (and a held one neither).
    const shown = value.kind === "known";
    return {
      area: model.tree.codes[a]!,
      name: model.areas[a]!.name,
      ...valueParts(value),
      numerator: shown ? knownOrNull(cell.numerator) : null,
      denominator: shown ? knownOrNull(cell.denominator) : null,
      rank: rank.kind === "known" ? rank.value : null,
      change: change && change.kind === "known" ? change.value.difference : null,
      mark,
      changeMark:
        change && change.kind === "known" && before
          ? markView(
              markValue(
                known(change.value.difference),
                combineFlags(cell.flags.value, before.cell.flags.value),
                marks,
              ),
            )
          : null,
    };
  });
  const reference =
    root === undefined
      ? null
      : (() => {
          const { value, mark } = marked(slot, root);
          const p = valueParts(value);
          return {
            area: model.tree.codes[root]!,
            name: model.areas[root]!.name,
            status: p.status,
            value: p.value,
            mark,
          };
        })();
  return {
    indicator: def.code,
    unit: def.unit,
    decimals: def.decimals,
    period: period.code,
    previousPeriod: prevSlot >= 0 ? model.periods[prevSlot]!.code : null,
    level: level.code,
    reference,
    disclosure: choice.disclosure,
    dataVersion: choice.dataVersion,
    values,
  };
}
