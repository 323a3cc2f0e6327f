/**
 * The strategic programme as one reader sees it: themes, the goal tree with its lights, every
 * goal indicator's series with intervals, its lights for the last assessment years and its
 * stories, the measures with performance measures and budget, and the resources per theme,
 * goal and area. The planning staff, the specialist departments and the administration see
 * every goal; the council (and the accommodation staff) only released goals, the measures
 * serving them and their budget. Values of catalogue indicators pass disclosure control for
 * everyone but the planning staff, so a light rests only on values its reader may see.
 */
import type {
  GoalDto,
  GoalIndicatorDto,
  MeasureDto,
  ProgrammeDto,
} from "../../contracts/controlling.ts";
import type { Role } from "../../core/access/roles.ts";
import { lookupProduct } from "../../core/controlling/product-framework.ts";
import { rateGoalIndicator, worstLight, type Light } from "../../core/controlling/goal-light.ts";
import type { TargetDefinition } from "../../core/controlling/weather.ts";
import type { Audience } from "../../core/publication/publication.ts";
import { listAreas } from "../../storage/areas.repo.ts";
import {
  listBudgetLines,
  listGoalIndicators,
  listGoals,
  listMeasures,
  listPerformanceMeasures,
  listPerformanceValues,
  listStories,
  listThemes,
  type BudgetLineRow,
  type GoalIndicatorRow,
  type GoalRow,
} from "../../storage/controlling.repo.ts";
import { listIndicators } from "../../storage/indicators.repo.ts";
import type { ServiceContext } from "../context.ts";
import type { Workspace } from "../workspaces.ts";
import { catalogueSeries, performanceSeries, type GoalPoint } from "./goal-series.ts";
import { mayReport } from "./programme-write.ts";
import { spcChartView } from "./spc-view.ts";
import type { PerformanceMeasureRow, PerformanceValueRow } from "../../storage/controlling.repo.ts";

/** Who reads: the role decides what is visible, the audience whether disclosure applies. */
export interface Reader {
  readonly role: Role;
  readonly userId: number | null;
}

/** Those who see every goal, drafts included. */
export function seesDrafts(role: Role): boolean {
  return role === "planner" || role === "contributor" || role === "admin";
}

export function audienceOfRole(role: Role): Audience {
  return role === "planner" ? "planning" : "internal";
}

/** How many assessment years of lights a goal indicator shows (the DNS overview shows seven). */
export const LIGHT_HISTORY = 7;

export function targetOf(g: GoalIndicatorRow): TargetDefinition {
  switch (g.targetKind) {
    case "value_by_year":
      return {
        kind: "value_by_year",
        direction: g.direction,
        value: g.targetValue!,
        targetYear: g.targetYear!,
      };
    case "corridor":
      return {
        kind: "corridor",
        direction: g.direction,
        low: g.targetLow!,
        high: g.targetHigh!,
        targetYear: g.targetYear!,
      };
    case "limit":
      return { kind: "limit", direction: g.direction, value: g.targetValue! };
    case "direction":
      return { kind: "direction", direction: g.direction };
  }
}

/** The lights of the last assessment years, newest first: years with a value, from the baseline on. */
export function lightsOf(points: readonly GoalPoint[], g: GoalIndicatorRow): Light[] {
  const target = targetOf(g);
  const years = points
    .filter(
      (p) =>
        p.value !== null && p.year >= g.baselineYear && (g.validTo === null || p.year <= g.validTo),
    )
    .map((p) => p.year)
    .reverse()
    .slice(0, LIGHT_HISTORY);
  // The newest light always (a "keine Bewertung" says why); earlier years only where rated.
  return years
    .map((y) => rateGoalIndicator(points, target, y))
    .filter((l, i) => i === 0 || l.symbol !== null);
}

export async function getProgramme(
  ctx: ServiceContext,
  ws: Workspace,
  reader: Reader,
): Promise<ProgrammeDto> {
  const orm = ctx.db.orm;
  const [themes, goals, goalIndicators, measures, pms, pvs, stories, budget, indicators, areas] =
    await Promise.all([
      listThemes(orm, ws.id),
      listGoals(orm, ws.id),
      listGoalIndicators(orm, ws.id),
      listMeasures(orm, ws.id),
      listPerformanceMeasures(orm, ws.id),
      listPerformanceValues(orm, ws.id),
      listStories(orm, ws.id),
      listBudgetLines(orm, ws.id),
      listIndicators(orm, ws.id),
      listAreas(orm, ws.id),
    ]);
  const drafts = seesDrafts(reader.role);
  const audience = audienceOfRole(reader.role);
  const visibleGoals = goals.filter((g) => drafts || g.release === "released");
  const visibleGoalIds = new Set(visibleGoals.map((g) => g.id));
  const visibleMeasures = measures.filter(
    (m) => drafts || m.goalIds.some((id) => visibleGoalIds.has(id)),
  );
  const visibleMeasureIds = new Set(visibleMeasures.map((m) => m.id));
  const themeById = new Map(themes.map((t) => [t.id, t]));
  const goalById = new Map(goals.map((g) => [g.id, g]));
  const areaById = new Map(areas.map((a) => [a.id, a]));
  const indicatorById = new Map(indicators.map((i) => [i.id, i]));
  const pmById = new Map(pms.map((p) => [p.id, p]));
  const measureById = new Map(measures.map((m) => [m.id, m]));

  // Series: one cube per indicator and area system, for every area its goals name.
  const series = new Map<number, GoalPoint[]>();
  const wanted = new Map<string, { indicatorId: number; system: string; areas: Set<string> }>();
  const shown = goalIndicators.filter((g) => visibleGoalIds.has(g.goalId));
  for (const g of shown) {
    if (g.indicatorId === null || g.areaId === null) continue;
    const area = areaById.get(g.areaId)!;
    const key = `${g.indicatorId}|${area.systemCode}`;
    const w = wanted.get(key) ?? {
      indicatorId: g.indicatorId,
      system: area.systemCode,
      areas: new Set<string>(),
    };
    w.areas.add(area.code);
    wanted.set(key, w);
  }
  const computed = new Map<string, Map<string, GoalPoint[]>>();
  for (const [key, w] of wanted) {
    computed.set(
      key,
      await catalogueSeries(
        ctx,
        ws,
        indicatorById.get(w.indicatorId)!,
        w.system,
        [...w.areas],
        audience,
      ),
    );
  }
  for (const g of shown) {
    if (g.performanceMeasureId !== null) {
      series.set(g.id, performanceSeries(pmById.get(g.performanceMeasureId)!, pvs));
    } else {
      const area = areaById.get(g.areaId!)!;
      series.set(g.id, computed.get(`${g.indicatorId}|${area.systemCode}`)?.get(area.code) ?? []);
    }
  }

  const indicatorDto = (g: GoalIndicatorRow): GoalIndicatorDto => {
    const points = series.get(g.id) ?? [];
    const ind = g.indicatorId === null ? null : indicatorById.get(g.indicatorId)!;
    const pm = g.performanceMeasureId === null ? null : pmById.get(g.performanceMeasureId)!;
    const area = g.areaId === null ? null : areaById.get(g.areaId)!;
    return {
      id: g.id,
      goal: goalById.get(g.goalId)!.code,
      source: pm ? "performance" : "indicator",
      indicator: ind?.code ?? null,
      area: area?.code ?? null,
      performanceMeasure: pm?.code ?? null,
      name: ind?.name ?? pm?.name ?? "",
      areaName: area?.name ?? (pm ? (measureById.get(pm.measureId)?.title ?? null) : null),
      unit: ind?.unit ?? pm?.unit ?? "",
      polarity: ind?.polarity ?? pm?.polarity ?? "neutral",
      baselineYear: g.baselineYear,
      // The baseline is a value of the series: a reader who may not see that year's value
      // does not get it here either.
      baselineValue:
        audience === "planning" ||
        pm ||
        points.some((p) => p.year === g.baselineYear && p.value !== null)
          ? g.baselineValue
          : null,
      targetKind: g.targetKind,
      direction: g.direction,
      targetValue: g.targetValue,
      targetLow: g.targetLow,
      targetHigh: g.targetHigh,
      targetYear: g.targetYear,
      validTo: g.validTo,
      series: points.map((p) => ({
        period: p.period,
        value: p.value,
        low: p.low,
        high: p.high,
        note: p.note,
      })),
      lights: lightsOf(points, g),
      stories: stories
        .filter((s) => s.goalIndicatorId === g.id)
        .map((s) => ({
          period: s.period,
          text: s.text,
          author: s.author,
          writtenAt: s.writtenAt.toISOString(),
        })),
    };
  };

  const goalDtos: GoalDto[] = visibleGoals.map((goal) => {
    const inds = shown.filter((g) => g.goalId === goal.id).map(indicatorDto);
    const current = inds
      .filter((i) => i.validTo === null)
      .map((i) => i.lights[0])
      .filter((l) => l !== undefined);
    return {
      code: goal.code,
      theme: themeById.get(goal.themeId)!.code,
      parent: goal.parentId === null ? null : goalById.get(goal.parentId)!.code,
      goalLevel: goal.level,
      title: goal.title,
      description: goal.description,
      owner: goal.owner,
      periodFrom: goal.periodFrom,
      periodTo: goal.periodTo,
      decision: goal.decision,
      release: goal.release,
      light: current.length > 0 ? worstLight(current) : null,
      indicators: inds,
      measures: visibleMeasures.filter((m) => m.goalIds.includes(goal.id)).map((m) => m.code),
    };
  });

  const visibleBudget = budget.filter(
    (b) => drafts || (b.measureId !== null && visibleMeasureIds.has(b.measureId)),
  );
  const budgetDto = (b: BudgetLineRow) => ({
    measure: b.measureId === null ? null : measureById.get(b.measureId)!.code,
    year: b.year,
    product: b.productCode,
    productName: lookupProduct(b.productCode)?.name ?? null,
    costCentre: b.costCentre,
    account: b.account,
    planned: b.planned,
    committed: b.committed,
    spent: b.spent,
  });

  const measureDtos: MeasureDto[] = visibleMeasures.map((m) => ({
    code: m.code,
    title: m.title,
    description: m.description,
    owner: m.owner,
    areas: m.areaCodes,
    targetGroups: m.targetGroups,
    startDate: m.startDate,
    endDate: m.endDate,
    state: m.status,
    milestones: m.milestones as MeasureDto["milestones"],
    goals: m.goalIds
      .filter((id) => visibleGoalIds.has(id))
      .map((id) => ({ goal: goalById.get(id)!.code, contribution: m.contributions[id] ?? null })),
    editors: drafts ? m.editorEmails : [],
    mayEdit: mayReport(m, { actor: { userId: reader.userId, label: "" }, role: reader.role }),
    performanceMeasures: pms
      .filter((p) => p.measureId === m.id)
      .map((p) => ({
        code: p.code,
        question: p.question,
        name: p.name,
        unit: p.unit,
        frequency: p.frequency,
        polarity: p.polarity,
        values: pvs
          .filter((v) => v.performanceMeasureId === p.id)
          .map((v) => ({
            period: v.period,
            value: v.value,
            numerator: v.numerator,
            denominator: v.denominator,
            note: v.note,
            enteredBy: drafts ? v.enteredBy : "",
            enteredAt: v.enteredAt.toISOString(),
          })),
        chart: p.frequency === "year" ? null : performanceChart(p, pvs),
      })),
    budget: visibleBudget.filter((b) => b.measureId === m.id).map(budgetDto),
  }));

  return {
    exampleData: themes.some((t) => t.exampleData),
    themes: themes
      .filter((t) => drafts || visibleGoals.some((g) => g.themeId === t.id))
      .map((t) => ({
        code: t.code,
        name: t.name,
        description: t.description,
        owner: t.owner,
        areas: t.areaCodes,
      })),
    goals: goalDtos,
    measures: measureDtos,
    resources: resources(visibleGoals, visibleMeasures, visibleBudget, themeById, areas, budgetDto),
  };
}

type Money = { planned: number; committed: number; spent: number };
const add = (m: Money, b: BudgetLineRow): Money => ({
  planned: m.planned + b.planned,
  committed: m.committed + (b.committed ?? 0),
  spent: m.spent + (b.spent ?? 0),
});
const zero = (): Money => ({ planned: 0, committed: 0, spent: 0 });

/**
 * Resources per theme, goal and area. A goal counts the lines of the measures serving it and
 * its sub-goals, each line once; a measure serving two goals counts in both. An area counts the
 * lines of the measures naming it; a measure naming no area counts for the whole city (the
 * workspace's top area).
 */
function resources(
  goals: readonly GoalRow[],
  measures: readonly { id: number; goalIds: number[]; areaCodes: string[] }[],
  lines: readonly BudgetLineRow[],
  themeById: ReadonlyMap<number, { code: string }>,
  areas: readonly { code: string; parentCode: string | null }[],
  dto: (b: BudgetLineRow) => ProgrammeDto["resources"]["linesWithoutGoal"][number],
): ProgrammeDto["resources"] {
  const children = new Map<number, number[]>();
  for (const g of goals)
    if (g.parentId !== null) children.set(g.parentId, [...(children.get(g.parentId) ?? []), g.id]);
  const below = (id: number): Set<number> => {
    const out = new Set([id]);
    for (const c of children.get(id) ?? []) for (const x of below(c)) out.add(x);
    return out;
  };
  const linesOf = (measureIds: ReadonlySet<number>) =>
    lines.filter((l) => l.measureId !== null && measureIds.has(l.measureId));
  const measuresOfGoals = (ids: ReadonlySet<number>) =>
    new Set(measures.filter((m) => m.goalIds.some((g) => ids.has(g))).map((m) => m.id));
  const byGoal = goals.map((g) => ({
    goal: g.code,
    ...linesOf(measuresOfGoals(below(g.id))).reduce(add, zero()),
  }));
  const themeIds = [...new Set(goals.map((g) => g.themeId))];
  const byTheme = themeIds.map((t) => ({
    theme: themeById.get(t)!.code,
    ...linesOf(
      measuresOfGoals(new Set(goals.filter((g) => g.themeId === t).map((g) => g.id))),
    ).reduce(add, zero()),
  }));
  const top = areas.find((a) => a.parentCode === null)?.code ?? "";
  const areaTotals = new Map<string, Money>();
  for (const m of measures) {
    const own = lines.filter((l) => l.measureId === m.id).reduce(add, zero());
    for (const code of m.areaCodes.length > 0 ? m.areaCodes : [top]) {
      const t = areaTotals.get(code) ?? zero();
      areaTotals.set(code, {
        planned: t.planned + own.planned,
        committed: t.committed + own.committed,
        spent: t.spent + own.spent,
      });
    }
  }
  const served = new Set(measures.filter((m) => m.goalIds.length > 0).map((m) => m.id));
  return {
    byTheme,
    byGoal,
    byArea: [...areaTotals.entries()]
      .filter(([, m]) => m.planned > 0 || m.spent > 0)
      .map(([area, m]) => ({ area, ...m })),
    goalsWithoutResources: byGoal
      .filter((g) => g.planned === 0 && g.spent === 0)
      .map((g) => g.goal),
    linesWithoutGoal: lines
      .filter((l) => l.measureId === null || !served.has(l.measureId))
      .map(dto),
  };
}

/** The XmR chart of a monthly or quarterly performance measure, over its values in time order. */
function performanceChart(pm: PerformanceMeasureRow, values: readonly PerformanceValueRow[]) {
  const own = values
    .filter((v) => v.performanceMeasureId === pm.id)
    .sort((a, b) => a.period.localeCompare(b.period));
  return spcChartView(
    own.map((v) => ({ period: v.period, value: v.value })),
    {
      polarity:
        pm.polarity === "higher_is_better"
          ? "up"
          : pm.polarity === "lower_is_better"
            ? "down"
            : "neutral",
    },
  );
}
