/**
 * Children against their parent: for a summable variable, the figures of an area's children
 * should add up to the area's own; more is a warning, less (all children having a figure) a
 * note of an unassigned remainder. File figures are merged over stored ones.
 */
import { issue, type ImportIssue } from "../../core/data/import-issue.ts";
import type { ObservationRecord } from "../mapping/mapping.ts";
import { reviewTarget } from "./plausibility.ts";
import { type AreaInfo, type ValidationContext } from "./validation-context.ts";
import { type FigureIndex, fmt, q } from "./message-parts.ts";

/** The share of the parent's figure from which children that do not add up hold it for review. */
export const MATERIAL_GAP = 0.01;

/** Lists the children of every area that has any, from the catalogue's parent codes. */
function childrenByParent(areas: ReadonlyMap<string, AreaInfo>): Map<string, string[]> {
  const children = new Map<string, string[]>();
  for (const [code, a] of areas) {
    if (a.parentCode === null) continue;
    let list = children.get(a.parentCode);
    if (!list) children.set(a.parentCode, (list = []));
    list.push(code);
  }
  return children;
}

/**
 * Compares, for summable variables, each parent area with the sum of its children, for every
 * variable × period × parent the file touches (the parent or one of its children has a figure
 * in the file). File figures take precedence over stored ones.
 */
export function checkHierarchy(
  records: readonly ObservationRecord[],
  figures: FigureIndex,
  ctx: ValidationContext,
  areaName: (code: string) => string,
  variableName: (code: string) => string,
): ImportIssue[] {
  const issues: ImportIssue[] = [];
  let children: Map<string, string[]> | null = null;
  for (const [variableCode, byPeriod] of figures) {
    if (ctx.variables.get(variableCode)?.aggregation !== "sum") continue;
    children ??= childrenByParent(ctx.areas);
    for (const [periodCode, byArea] of byPeriod) {
      const group = { variableCode, periodCode, records, fileFigures: byArea };
      issues.push(...checkGroup(group, children, ctx, areaName, variableName));
    }
  }
  return issues;
}

/** One variable and period of the file, with the index of its first record per area. */
interface FigureGroup {
  readonly variableCode: string;
  readonly periodCode: string;
  readonly records: readonly ObservationRecord[];
  readonly fileFigures: ReadonlyMap<string, number>;
}

/** Compares the parents touched by one variable and period with the sums of their children. */
function checkGroup(
  group: FigureGroup,
  children: ReadonlyMap<string, readonly string[]>,
  ctx: ValidationContext,
  areaName: (code: string) => string,
  variableName: (code: string) => string,
): ImportIssue[] {
  const { variableCode, periodCode, records, fileFigures } = group;
  const issues: ImportIssue[] = [];
  /** Names a level for messages ("Stadtteile"), with a neutral word when none is configured. */
  const levelName = (level: number | undefined, plural: boolean): string => {
    const n = level === undefined ? undefined : ctx.levelNames?.get(level);
    if (n) return plural ? n.plural : n.singular;
    return plural ? "Teilgebiete" : "Gesamtgebiet";
  };
  /** The figure of an area: from the file if it has one, else the stored one. */
  const value = (area: string): number | null | undefined => {
    const index = fileFigures.get(area);
    if (index !== undefined) return records[index]!.value;
    return ctx.existing(variableCode, area, periodCode)?.value;
  };
  const parents = new Set<string>();
  for (const area of fileFigures.keys()) {
    if (children.has(area)) parents.add(area);
    const parent = ctx.areas.get(area)?.parentCode;
    if (parent !== null && parent !== undefined && ctx.areas.has(parent)) parents.add(parent);
  }
  for (const parent of parents) {
    const parentValue = value(parent);
    if (parentValue === null || parentValue === undefined) continue;
    const kids = children.get(parent) ?? [];
    let sum = 0;
    let complete = true;
    for (const kid of kids) {
      const v = value(kid);
      if (v === null || v === undefined) complete = false;
      else sum += v;
    }
    const tolerance = 1e-9 * Math.max(1, Math.abs(parentValue), Math.abs(sum));
    const exceeds = sum > parentValue + tolerance;
    const remainder = complete && kids.length > 0 && sum < parentValue - tolerance;
    if (!exceeds && !remainder) continue;
    const childLevel = kids.length > 0 ? ctx.areas.get(kids[0]!)?.level : undefined;
    const head = `${areaName(parent)} ${periodCode}: Summe der ${levelName(childLevel, true)} ${fmt(sum)}, ${levelName(ctx.areas.get(parent)?.level, false)} ${fmt(parentValue)}`;
    const tail = `Merkmal ${q(variableName(variableCode))}`;
    const parentIndex = fileFigures.get(parent);
    const parentRecord = parentIndex === undefined ? undefined : records[parentIndex];
    const where = {
      row: parentRecord?.line ?? null,
      column: parentRecord?.column ?? null,
      details: {
        variableCode,
        periodCode,
        areaCode: parent,
        parentValue,
        childrenSum: sum,
        complete,
        // A gap of more than 1 % holds the parent's figure for review; smaller ones (persons
        // without an address in a district, rounding at the source) stay a warning.
        ...(Math.abs(sum - parentValue) > MATERIAL_GAP * Math.abs(parentValue)
          ? reviewTarget(variableCode, parent, periodCode)
          : {}),
      },
    };
    if (exceeds) {
      const missingNote = complete ? "" : ", obwohl nicht alle Teilgebiete einen Wert haben";
      issues.push(
        issue(
          "warning",
          "children_exceed_parent",
          `${head} – ${fmt(sum - parentValue)} mehr als das Gebiet selbst${missingNote} (${tail}).`,
          where,
        ),
      );
    } else {
      issues.push(
        issue(
          "warning",
          "unassigned_remainder",
          `${head} – ${fmt(parentValue - sum)} nicht zugeordnet (${tail}).`,
          where,
        ),
      );
    }
  }
  return issues;
}
