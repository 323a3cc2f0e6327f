/**
 * The strategic cycle's tables: themes, goals, goal indicators, measures with their editors and
 * goals, performance measures and values, stories behind the curve, budget lines. The service
 * (services/controlling) checks every change before it comes here, in one transaction.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Orm } from "./db.ts";
import {
  appUser,
  budgetLine,
  curveStory,
  goal,
  goalIndicator,
  goalMeasure,
  measure,
  measureEditor,
  performanceMeasure,
  performanceValue,
  theme,
} from "./schema.ts";

export type ThemeRow = typeof theme.$inferSelect;
export type GoalRow = typeof goal.$inferSelect;
export type GoalIndicatorRow = typeof goalIndicator.$inferSelect;
export type MeasureRow = typeof measure.$inferSelect;
export type PerformanceMeasureRow = typeof performanceMeasure.$inferSelect;
export type PerformanceValueRow = typeof performanceValue.$inferSelect;
export type CurveStoryRow = typeof curveStory.$inferSelect;
export type BudgetLineRow = typeof budgetLine.$inferSelect;

export async function listThemes(orm: Orm, workspaceId: number): Promise<ThemeRow[]> {
  return orm
    .select()
    .from(theme)
    .where(eq(theme.workspaceId, workspaceId))
    .orderBy(asc(theme.sortOrder), asc(theme.code));
}

/** Inserts a theme or changes the one with the same code. */
export async function upsertTheme(orm: Orm, values: typeof theme.$inferInsert): Promise<ThemeRow> {
  const [row] = await orm
    .insert(theme)
    .values(values)
    .onConflictDoUpdate({
      target: [theme.workspaceId, theme.code],
      set: {
        name: values.name,
        description: values.description ?? null,
        owner: values.owner ?? null,
        areaCodes: values.areaCodes ?? [],
        sortOrder: values.sortOrder ?? 0,
        exampleData: values.exampleData ?? false,
      },
    })
    .returning();
  return row!;
}

export async function listGoals(orm: Orm, workspaceId: number): Promise<GoalRow[]> {
  return orm
    .select()
    .from(goal)
    .where(eq(goal.workspaceId, workspaceId))
    .orderBy(asc(goal.sortOrder), asc(goal.code));
}

export async function insertGoal(orm: Orm, values: typeof goal.$inferInsert): Promise<GoalRow> {
  const [row] = await orm.insert(goal).values(values).returning();
  return row!;
}

export async function updateGoal(
  orm: Orm,
  id: number,
  values: Partial<typeof goal.$inferInsert>,
): Promise<void> {
  await orm.update(goal).set(values).where(eq(goal.id, id));
}

export async function listGoalIndicators(
  orm: Orm,
  workspaceId: number,
): Promise<GoalIndicatorRow[]> {
  return orm
    .select()
    .from(goalIndicator)
    .where(eq(goalIndicator.workspaceId, workspaceId))
    .orderBy(asc(goalIndicator.goalId), asc(goalIndicator.sortOrder), asc(goalIndicator.id));
}

export async function insertGoalIndicator(
  orm: Orm,
  values: typeof goalIndicator.$inferInsert,
): Promise<GoalIndicatorRow> {
  const [row] = await orm.insert(goalIndicator).values(values).returning();
  return row!;
}

/** Ends a goal indicator's target: it stays, greyed, valid up to `validTo`. */
export async function closeGoalIndicator(orm: Orm, id: number, validTo: number): Promise<void> {
  await orm.update(goalIndicator).set({ validTo }).where(eq(goalIndicator.id, id));
}

/** A measure with the goals it serves and the e-mail addresses of its editors. */
export interface MeasureWithLinks extends MeasureRow {
  readonly goalIds: number[];
  readonly contributions: Record<number, string | null>;
  readonly editorIds: number[];
  readonly editorEmails: string[];
}

export async function listMeasures(orm: Orm, workspaceId: number): Promise<MeasureWithLinks[]> {
  const rows = await orm
    .select()
    .from(measure)
    .where(eq(measure.workspaceId, workspaceId))
    .orderBy(asc(measure.code));
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return [];
  const [links, editors] = await Promise.all([
    orm.select().from(goalMeasure).where(inArray(goalMeasure.measureId, ids)),
    orm
      .select({ measureId: measureEditor.measureId, userId: appUser.id, email: appUser.email })
      .from(measureEditor)
      .innerJoin(appUser, eq(appUser.id, measureEditor.userId))
      .where(inArray(measureEditor.measureId, ids))
      .orderBy(asc(appUser.email)),
  ]);
  return rows.map((r) => {
    const own = links.filter((l) => l.measureId === r.id);
    const eds = editors.filter((e) => e.measureId === r.id);
    return {
      ...r,
      goalIds: own.map((l) => l.goalId),
      contributions: Object.fromEntries(own.map((l) => [l.goalId, l.contribution])),
      editorIds: eds.map((e) => e.userId),
      editorEmails: eds.map((e) => e.email),
    };
  });
}

export async function insertMeasure(
  orm: Orm,
  values: typeof measure.$inferInsert,
): Promise<MeasureRow> {
  const [row] = await orm.insert(measure).values(values).returning();
  return row!;
}

export async function updateMeasure(
  orm: Orm,
  id: number,
  values: Partial<typeof measure.$inferInsert>,
): Promise<void> {
  await orm.update(measure).set(values).where(eq(measure.id, id));
}

/** Replaces the goals a measure serves. */
export async function replaceMeasureGoals(
  orm: Orm,
  measureId: number,
  links: readonly { goalId: number; contribution: string | null }[],
): Promise<void> {
  await orm.delete(goalMeasure).where(eq(goalMeasure.measureId, measureId));
  if (links.length > 0) {
    await orm.insert(goalMeasure).values(links.map((l) => ({ ...l, measureId })));
  }
}

/** Replaces who reports on a measure. */
export async function replaceMeasureEditors(
  orm: Orm,
  measureId: number,
  userIds: readonly number[],
): Promise<void> {
  await orm.delete(measureEditor).where(eq(measureEditor.measureId, measureId));
  if (userIds.length > 0) {
    await orm.insert(measureEditor).values(userIds.map((userId) => ({ measureId, userId })));
  }
}

export async function listPerformanceMeasures(
  orm: Orm,
  workspaceId: number,
): Promise<PerformanceMeasureRow[]> {
  return orm
    .select()
    .from(performanceMeasure)
    .where(eq(performanceMeasure.workspaceId, workspaceId))
    .orderBy(asc(performanceMeasure.measureId), asc(performanceMeasure.code));
}

export async function upsertPerformanceMeasure(
  orm: Orm,
  values: typeof performanceMeasure.$inferInsert,
): Promise<PerformanceMeasureRow> {
  const [row] = await orm
    .insert(performanceMeasure)
    .values(values)
    .onConflictDoUpdate({
      target: [performanceMeasure.workspaceId, performanceMeasure.code],
      set: {
        question: values.question,
        name: values.name,
        unit: values.unit,
        frequency: values.frequency,
        polarity: values.polarity,
      },
    })
    .returning();
  return row!;
}

export async function listPerformanceValues(
  orm: Orm,
  workspaceId: number,
): Promise<PerformanceValueRow[]> {
  return orm
    .select({ v: performanceValue })
    .from(performanceValue)
    .innerJoin(performanceMeasure, eq(performanceMeasure.id, performanceValue.performanceMeasureId))
    .where(eq(performanceMeasure.workspaceId, workspaceId))
    .orderBy(asc(performanceValue.performanceMeasureId), asc(performanceValue.period))
    .then((rows) => rows.map((r) => r.v));
}

/** Writes values per period; a period already reported is overwritten. */
export async function upsertPerformanceValues(
  orm: Orm,
  rows: readonly (typeof performanceValue.$inferInsert)[],
): Promise<void> {
  if (rows.length === 0) return;
  await orm
    .insert(performanceValue)
    .values([...rows])
    .onConflictDoUpdate({
      target: [performanceValue.performanceMeasureId, performanceValue.period],
      set: {
        value: sql`excluded.value`,
        numerator: sql`excluded.numerator`,
        denominator: sql`excluded.denominator`,
        note: sql`excluded.note`,
        enteredBy: sql`excluded.entered_by`,
        enteredAt: sql`excluded.entered_at`,
      },
    });
}

export async function listStories(orm: Orm, workspaceId: number): Promise<CurveStoryRow[]> {
  return orm
    .select()
    .from(curveStory)
    .where(eq(curveStory.workspaceId, workspaceId))
    .orderBy(asc(curveStory.goalIndicatorId), asc(curveStory.period), asc(curveStory.id));
}

export async function insertStory(
  orm: Orm,
  values: typeof curveStory.$inferInsert,
): Promise<CurveStoryRow> {
  const [row] = await orm.insert(curveStory).values(values).returning();
  return row!;
}

export async function listBudgetLines(orm: Orm, workspaceId: number): Promise<BudgetLineRow[]> {
  return orm
    .select()
    .from(budgetLine)
    .where(eq(budgetLine.workspaceId, workspaceId))
    .orderBy(asc(budgetLine.year), asc(budgetLine.productCode), asc(budgetLine.id));
}

/**
 * Replaces the budget lines of the years a finance export holds: an export is the whole of its
 * years, so lines of those years it no longer holds go.
 */
export async function replaceBudgetYears(
  orm: Orm,
  workspaceId: number,
  years: readonly number[],
  rows: readonly (typeof budgetLine.$inferInsert)[],
): Promise<void> {
  if (years.length > 0) {
    await orm
      .delete(budgetLine)
      .where(and(eq(budgetLine.workspaceId, workspaceId), inArray(budgetLine.year, [...years])));
  }
  const chunk = 1_000;
  for (let i = 0; i < rows.length; i += chunk) {
    await orm.insert(budgetLine).values(rows.slice(i, i + chunk));
  }
}
