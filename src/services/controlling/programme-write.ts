/**
 * Writing the strategic cycle: themes, goals and their indicators (the planning staff),
 * measures (the planning staff create them and name who reports), their progress, performance
 * values and stories (the planning staff and the measure's own editors). Every change is
 * checked whole before anything is stored, German messages name each bad field, and every
 * change is audited in the same transaction.
 */
import type {
  GoalBody,
  GoalIndicatorBody,
  MeasureBody,
  MeasureProgressBody,
  PerformanceMeasureBody,
  PerformanceValuesBody,
  StoryBody,
  ThemeBody,
} from "../../contracts/controlling.ts";
import {
  checkGoalTarget,
  checkPerformancePeriod,
  checkSchedule,
  type FieldProblem,
} from "../../core/controlling/goal-rules.ts";
import type { Role } from "../../core/access/roles.ts";
import { listAreas } from "../../storage/areas.repo.ts";
import {
  closeGoalIndicator,
  insertGoal,
  insertGoalIndicator,
  insertMeasure,
  insertStory,
  listGoalIndicators,
  listGoals,
  listMeasures,
  listPerformanceMeasures,
  listThemes,
  replaceMeasureEditors,
  replaceMeasureGoals,
  updateGoal,
  updateMeasure,
  upsertPerformanceMeasure,
  upsertPerformanceValues,
  upsertTheme,
  type MeasureWithLinks,
} from "../../storage/controlling.repo.ts";
import { listIndicators } from "../../storage/indicators.repo.ts";
import { findUserByEmail, listMembers } from "../../storage/users.repo.ts";
import { AppError, notFound } from "../app-error.ts";
import { audit, type Actor } from "../audit.ts";
import type { ServiceContext } from "../context.ts";
import type { Workspace } from "../workspaces.ts";

function refuse(message: string, issues: readonly FieldProblem[]): AppError {
  return new AppError("invalid_input", `${message} ${issues.map((i) => i.message).join(" ")}`, {
    issues,
  });
}

/** Who is writing: the audit actor and the role in the workspace. */
export interface Writer {
  readonly actor: Actor;
  readonly role: Role;
}

async function checkAreaCodes(
  ctx: ServiceContext,
  ws: Workspace,
  codes: readonly string[],
  path: string,
  problems: FieldProblem[],
): Promise<void> {
  if (codes.length === 0) return;
  const known = new Set((await listAreas(ctx.db.orm, ws.id)).map((a) => a.code));
  codes.forEach((c, i) => {
    if (!known.has(c))
      problems.push({ path: `${path}.${i}`, message: `Gebiete: „${c}“ gibt es nicht.` });
  });
}

/** Creates a theme or changes the one with its code. */
export async function saveTheme(
  ctx: ServiceContext,
  ws: Workspace,
  body: ThemeBody,
  w: Writer,
  options: { exampleData?: boolean } = {},
): Promise<void> {
  const problems: FieldProblem[] = [];
  await checkAreaCodes(ctx, ws, body.areas, "areas", problems);
  if (problems.length > 0) throw refuse("Das Thema lässt sich so nicht speichern.", problems);
  const before = (await listThemes(ctx.db.orm, ws.id)).find((t) => t.code === body.code);
  await ctx.db.transaction(async (tx) => {
    await upsertTheme(tx.orm, {
      workspaceId: ws.id,
      code: body.code,
      name: body.name,
      description: body.description ?? null,
      owner: body.owner ?? null,
      areaCodes: body.areas,
      sortOrder: body.sortOrder,
      exampleData: options.exampleData ?? false,
    });
    await audit(tx.orm, ctx, w.actor, [
      {
        workspaceId: ws.id,
        action: before ? "update" : "create",
        entity: "theme",
        entityKey: body.code,
        before,
        after: body,
      },
    ]);
  });
}

/** Creates a goal or changes the one with its code; its parent must be a goal of a higher level. */
export async function saveGoal(
  ctx: ServiceContext,
  ws: Workspace,
  body: GoalBody,
  w: Writer,
): Promise<void> {
  const orm = ctx.db.orm;
  const [themes, goals] = await Promise.all([listThemes(orm, ws.id), listGoals(orm, ws.id)]);
  const problems: FieldProblem[] = [];
  const theme = themes.find((t) => t.code === body.theme);
  if (!theme) problems.push({ path: "theme", message: `Thema: „${body.theme}“ gibt es nicht.` });
  const existing = goals.find((g) => g.code === body.code);
  let parentId: number | null = null;
  if (body.parent) {
    const parent = goals.find((g) => g.code === body.parent);
    const order = ["leitziel", "handlungsziel", "wirkungsziel", "leistungsziel"];
    if (!parent) {
      problems.push({
        path: "parent",
        message: `Übergeordnetes Ziel: „${body.parent}“ gibt es nicht.`,
      });
    } else if (parent.code === body.code || (existing && isBelow(goals, parent.id, existing.id))) {
      problems.push({
        path: "parent",
        message: "Übergeordnetes Ziel: ein Ziel kann nicht unter sich selbst stehen.",
      });
    } else if (
      order.indexOf(parent.level) >= order.indexOf(body.goalLevel) &&
      !(parent.level === "wirkungsziel" && body.goalLevel === "leistungsziel")
    ) {
      problems.push({
        path: "parent",
        message: `Übergeordnetes Ziel: „${parent.code}“ ist ein ${LEVEL_NAME[parent.level]}, darunter steht kein ${LEVEL_NAME[body.goalLevel]}.`,
      });
    } else if (theme && parent.themeId !== theme.id) {
      problems.push({
        path: "parent",
        message: `Übergeordnetes Ziel: „${parent.code}“ gehört zu einem anderen Thema.`,
      });
    } else parentId = parent.id;
  } else if (body.goalLevel !== "leitziel") {
    problems.push({
      path: "parent",
      message: `Übergeordnetes Ziel: Angabe fehlt – ein ${LEVEL_NAME[body.goalLevel]} steht unter einem anderen Ziel.`,
    });
  }
  if (body.periodFrom != null && body.periodTo != null && body.periodTo < body.periodFrom) {
    problems.push({
      path: "periodTo",
      message: `Laufzeit bis: ${body.periodTo} liegt vor ${body.periodFrom}.`,
    });
  }
  if (problems.length > 0) throw refuse("Das Ziel lässt sich so nicht speichern.", problems);
  const values = {
    workspaceId: ws.id,
    code: body.code,
    themeId: theme!.id,
    parentId,
    level: body.goalLevel,
    title: body.title,
    description: body.description ?? null,
    owner: body.owner ?? null,
    periodFrom: body.periodFrom ?? null,
    periodTo: body.periodTo ?? null,
    decision: body.decision ?? null,
    release: body.release,
    sortOrder: body.sortOrder,
    updatedAt: ctx.now(),
  };
  await ctx.db.transaction(async (tx) => {
    if (existing) await updateGoal(tx.orm, existing.id, values);
    else await insertGoal(tx.orm, values);
    await audit(tx.orm, ctx, w.actor, [
      {
        workspaceId: ws.id,
        action: existing ? "update" : "create",
        entity: "goal",
        entityKey: body.code,
        before: existing,
        after: body,
      },
    ]);
  });
}

export const LEVEL_NAME: Record<string, string> = {
  leitziel: "Leitziel",
  handlungsziel: "Handlungsziel",
  wirkungsziel: "Wirkungsziel",
  leistungsziel: "Leistungsziel",
};

function isBelow(
  goals: readonly { id: number; parentId: number | null }[],
  id: number,
  ancestor: number,
): boolean {
  const byId = new Map(goals.map((g) => [g.id, g]));
  let at = byId.get(id);
  for (let guard = 0; at && guard < 100; guard++) {
    if (at.id === ancestor) return true;
    at = at.parentId === null ? undefined : byId.get(at.parentId);
  }
  return false;
}

/**
 * Adds an indicator to a goal: a catalogue indicator in one area, or a measure's performance
 * measure, with baseline and target. A target that replaces another keeps the old one, valid
 * up to the year before the new baseline, so a changed target stays visible.
 */
export async function addGoalIndicator(
  ctx: ServiceContext,
  ws: Workspace,
  goalCode: string,
  body: GoalIndicatorBody,
  w: Writer,
): Promise<number> {
  const orm = ctx.db.orm;
  const goal = (await listGoals(orm, ws.id)).find((g) => g.code === goalCode);
  if (!goal) throw notFound("Ziel", goalCode);
  const problems: FieldProblem[] = [];
  let indicatorId: number | null = null;
  let areaId: number | null = null;
  let performanceMeasureId: number | null = null;
  let polarity: "higher_is_better" | "lower_is_better" | "neutral" = "neutral";
  let name = "";
  if (body.performanceMeasure) {
    if (body.indicator || body.area) {
      problems.push({
        path: "indicator",
        message:
          "Indikator: entweder ein Indikator mit Gebiet oder eine Kennzahl einer Maßnahme, nicht beides.",
      });
    }
    const pm = (await listPerformanceMeasures(orm, ws.id)).find(
      (p) => p.code === body.performanceMeasure,
    );
    if (!pm)
      problems.push({
        path: "performanceMeasure",
        message: `Kennzahl: „${body.performanceMeasure}“ gibt es nicht.`,
      });
    else {
      performanceMeasureId = pm.id;
      polarity = pm.polarity;
      name = pm.name;
    }
  } else {
    if (!body.indicator)
      problems.push({
        path: "indicator",
        message: "Indikator: Angabe fehlt (oder eine Kennzahl einer Maßnahme).",
      });
    if (!body.area)
      problems.push({
        path: "area",
        message:
          "Gebiet: Angabe fehlt – für welches Gebiet gilt das Ziel (die Stadt oder ein Sozialraum)?",
      });
    const ind = (await listIndicators(orm, ws.id)).find((i) => i.code === body.indicator);
    if (body.indicator && !ind)
      problems.push({
        path: "indicator",
        message: `Indikator: „${body.indicator}“ gibt es nicht im Katalog.`,
      });
    if (ind) {
      indicatorId = ind.id;
      polarity = ind.polarity;
      name = ind.name;
    }
    const area = (await listAreas(orm, ws.id)).find((a) => a.code === body.area);
    if (body.area && !area)
      problems.push({ path: "area", message: `Gebiet: „${body.area}“ gibt es nicht.` });
    if (area) areaId = area.id;
  }
  const { target, problems: targetProblems } = checkGoalTarget(
    body,
    polarity,
    name || "der Indikator",
  );
  problems.push(...targetProblems);
  const existing = await listGoalIndicators(orm, ws.id);
  const replaced = body.replaces
    ? existing.find((g) => g.id === body.replaces && g.goalId === goal.id)
    : undefined;
  if (body.replaces && !replaced) {
    problems.push({
      path: "replaces",
      message: `Ersetzt: Zielindikator ${body.replaces} gehört nicht zu diesem Ziel.`,
    });
  } else if (replaced && replaced.validTo !== null) {
    problems.push({
      path: "replaces",
      message: `Ersetzt: Zielindikator ${body.replaces} ist schon ersetzt.`,
    });
  }
  if (problems.length > 0 || !target)
    throw refuse("Der Zielindikator lässt sich so nicht speichern.", problems);
  return ctx.db.transaction(async (tx) => {
    if (replaced) await closeGoalIndicator(tx.orm, replaced.id, body.baselineYear - 1);
    const row = await insertGoalIndicator(tx.orm, {
      workspaceId: ws.id,
      goalId: goal.id,
      indicatorId,
      areaId,
      performanceMeasureId,
      baselineYear: body.baselineYear,
      baselineValue: body.baselineValue,
      targetKind: target.kind,
      direction: target.direction,
      targetValue: body.targetValue ?? null,
      targetLow: body.targetLow ?? null,
      targetHigh: body.targetHigh ?? null,
      targetYear: body.targetYear ?? null,
      sortOrder: existing.filter((g) => g.goalId === goal.id).length,
    });
    await audit(tx.orm, ctx, w.actor, [
      {
        workspaceId: ws.id,
        action: "create",
        entity: "goal_indicator",
        entityKey: `${goalCode}/${row.id}`,
        before: replaced,
        after: body,
      },
    ]);
    return row.id;
  });
}

/** Creates a measure or changes the one with its code (the planning staff). */
export async function saveMeasure(
  ctx: ServiceContext,
  ws: Workspace,
  body: MeasureBody,
  w: Writer,
): Promise<void> {
  const orm = ctx.db.orm;
  const endDate = body.endDate ?? null;
  const problems = checkSchedule(body.startDate, endDate, body.milestones);
  await checkAreaCodes(ctx, ws, body.areas, "areas", problems);
  const goals = await listGoals(orm, ws.id);
  const links: { goalId: number; contribution: string | null }[] = [];
  body.goals.forEach((g, i) => {
    const found = goals.find((x) => x.code === g.goal);
    if (!found)
      problems.push({ path: `goals.${i}.goal`, message: `Ziele: „${g.goal}“ gibt es nicht.` });
    else links.push({ goalId: found.id, contribution: g.contribution ?? null });
  });
  const members = await listMembers(orm, ws.id);
  const editorIds: number[] = [];
  for (const [i, email] of body.editors.entries()) {
    const m = members.find((x) => x.email === email);
    if (!m) {
      problems.push({
        path: `editors.${i}`,
        message: `Berichtende: „${email}“ gehört nicht zum Arbeitsbereich.`,
      });
      continue;
    }
    if (m.role === "viewer" || m.role === "occupancy") {
      problems.push({
        path: `editors.${i}`,
        message: `Berichtende: „${email}“ hat nur Lesezugriff und kann nicht berichten.`,
      });
      continue;
    }
    editorIds.push((await findUserByEmail(orm, email))!.id);
  }
  if (problems.length > 0) throw refuse("Die Maßnahme lässt sich so nicht speichern.", problems);
  const existing = (await listMeasures(orm, ws.id)).find((m) => m.code === body.code);
  const values = {
    workspaceId: ws.id,
    code: body.code,
    title: body.title,
    description: body.description ?? null,
    owner: body.owner,
    areaCodes: body.areas,
    targetGroups: body.targetGroups,
    startDate: body.startDate,
    endDate,
    status: body.state,
    milestones: body.milestones,
    updatedAt: ctx.now(),
  };
  await ctx.db.transaction(async (tx) => {
    let id = existing?.id;
    if (id !== undefined) await updateMeasure(tx.orm, id, values);
    else id = (await insertMeasure(tx.orm, values)).id;
    await replaceMeasureGoals(tx.orm, id, links);
    await replaceMeasureEditors(tx.orm, id, editorIds);
    await audit(tx.orm, ctx, w.actor, [
      {
        workspaceId: ws.id,
        action: existing ? "update" : "create",
        entity: "measure",
        entityKey: body.code,
        before: existing ? measureSnapshot(existing) : undefined,
        after: body,
      },
    ]);
  });
}

function measureSnapshot(m: MeasureWithLinks) {
  return {
    title: m.title,
    description: m.description,
    owner: m.owner,
    areas: m.areaCodes,
    targetGroups: m.targetGroups,
    startDate: m.startDate,
    endDate: m.endDate,
    status: m.status,
    milestones: m.milestones,
    editors: m.editorEmails,
  };
}

/** Finds a measure the writer may report on: the planning staff any, others only their own. */
async function reportableMeasure(
  ctx: ServiceContext,
  ws: Workspace,
  code: string,
  w: Writer,
): Promise<MeasureWithLinks> {
  const m = (await listMeasures(ctx.db.orm, ws.id)).find((x) => x.code === code);
  if (!m) throw notFound("Maßnahme", code);
  if (!mayReport(m, w)) {
    throw new AppError(
      "forbidden",
      `Über die Maßnahme „${code}“ berichten nur die Sozialplanung und die bei ihr eingetragenen Berichtenden.`,
    );
  }
  return m;
}

export function mayReport(
  m: { editorIds: readonly number[] },
  w: { actor: Actor; role: Role },
): boolean {
  return w.role === "planner" || (w.actor.userId !== null && m.editorIds.includes(w.actor.userId));
}

/** An owner's report on a measure: status, milestones, description. */
export async function saveMeasureProgress(
  ctx: ServiceContext,
  ws: Workspace,
  code: string,
  body: MeasureProgressBody,
  w: Writer,
): Promise<void> {
  const m = await reportableMeasure(ctx, ws, code, w);
  const problems = checkSchedule(m.startDate, m.endDate, body.milestones);
  if (problems.length > 0) throw refuse("Der Bericht lässt sich so nicht speichern.", problems);
  await ctx.db.transaction(async (tx) => {
    await updateMeasure(tx.orm, m.id, {
      status: body.state,
      milestones: body.milestones,
      description: body.description === undefined ? m.description : body.description,
      updatedAt: ctx.now(),
    });
    await audit(tx.orm, ctx, w.actor, [
      {
        workspaceId: ws.id,
        action: "update",
        entity: "measure",
        entityKey: code,
        before: { status: m.status, milestones: m.milestones, description: m.description },
        after: body,
      },
    ]);
  });
}

/** Creates or changes a performance measure of a measure (planning staff or the measure's editors). */
export async function savePerformanceMeasure(
  ctx: ServiceContext,
  ws: Workspace,
  measureCode: string,
  body: PerformanceMeasureBody,
  w: Writer,
): Promise<void> {
  const m = await reportableMeasure(ctx, ws, measureCode, w);
  const existing = (await listPerformanceMeasures(ctx.db.orm, ws.id)).find(
    (p) => p.code === body.code,
  );
  if (existing && existing.measureId !== m.id) {
    throw refuse("Die Kennzahl lässt sich so nicht speichern.", [
      {
        path: "code",
        message: `Code: „${body.code}“ ist schon eine Kennzahl einer anderen Maßnahme.`,
      },
    ]);
  }
  await ctx.db.transaction(async (tx) => {
    await upsertPerformanceMeasure(tx.orm, { workspaceId: ws.id, measureId: m.id, ...body });
    await audit(tx.orm, ctx, w.actor, [
      {
        workspaceId: ws.id,
        action: existing ? "update" : "create",
        entity: "performance_measure",
        entityKey: `${measureCode}/${body.code}`,
        before: existing,
        after: body,
      },
    ]);
  });
}

/**
 * Stores performance values, all or none: every period must be readable for the measure's
 * frequency and within its schedule; a share's count may not exceed its base.
 */
export async function savePerformanceValues(
  ctx: ServiceContext,
  ws: Workspace,
  measureCode: string,
  pmCode: string,
  body: PerformanceValuesBody,
  w: Writer,
): Promise<void> {
  const m = await reportableMeasure(ctx, ws, measureCode, w);
  const pm = (await listPerformanceMeasures(ctx.db.orm, ws.id)).find(
    (p) => p.code === pmCode && p.measureId === m.id,
  );
  if (!pm) throw notFound("Kennzahl", pmCode);
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  body.values.forEach((v, i) => {
    const p = checkPerformancePeriod(v.period, pm.frequency, m, `values.${i}.period`);
    if (p) problems.push({ ...p, message: `Wert ${i + 1}, ${p.message}` });
    if (seen.has(v.period)) {
      problems.push({
        path: `values.${i}.period`,
        message: `Wert ${i + 1}, Zeitraum: ${v.period} steht zweimal.`,
      });
    }
    seen.add(v.period);
    if (v.numerator != null && v.denominator != null && v.numerator > v.denominator) {
      problems.push({
        path: `values.${i}.numerator`,
        message: `Wert ${i + 1}, Anzahl: ${v.numerator} ist größer als die Basis ${v.denominator}.`,
      });
    }
    if ((v.numerator == null) !== (v.denominator == null)) {
      problems.push({
        path: `values.${i}.denominator`,
        message: `Wert ${i + 1}, Anzahl und Basis: beide oder keine angeben.`,
      });
    }
  });
  if (problems.length > 0) throw refuse("Die Werte lassen sich so nicht speichern.", problems);
  const at = ctx.now();
  await ctx.db.transaction(async (tx) => {
    await upsertPerformanceValues(
      tx.orm,
      body.values.map((v) => ({
        performanceMeasureId: pm.id,
        period: v.period,
        value: v.value,
        numerator: v.numerator ?? null,
        denominator: v.denominator ?? null,
        note: v.note ?? null,
        enteredBy: w.actor.label,
        enteredAt: at,
      })),
    );
    await audit(tx.orm, ctx, w.actor, [
      {
        workspaceId: ws.id,
        action: "update",
        entity: "performance_measure",
        entityKey: `${measureCode}/${pmCode}`,
        after: body,
      },
    ]);
  });
}

/**
 * Writes the story behind the curve for a goal indicator and period. The planning staff may
 * write any; a measure's editors those of goals their measure serves. Earlier versions stay.
 */
export async function addStory(
  ctx: ServiceContext,
  ws: Workspace,
  goalCode: string,
  goalIndicatorId: number,
  body: StoryBody,
  w: Writer,
): Promise<void> {
  const orm = ctx.db.orm;
  const goal = (await listGoals(orm, ws.id)).find((g) => g.code === goalCode);
  if (!goal) throw notFound("Ziel", goalCode);
  const gi = (await listGoalIndicators(orm, ws.id)).find(
    (g) => g.id === goalIndicatorId && g.goalId === goal.id,
  );
  if (!gi) throw notFound("Zielindikator", String(goalIndicatorId));
  if (w.role !== "planner") {
    const own = (await listMeasures(orm, ws.id)).some(
      (m) => m.goalIds.includes(goal.id) && mayReport(m, w),
    );
    if (!own) {
      throw new AppError(
        "forbidden",
        "Die Geschichte hinter der Kurve schreiben die Sozialplanung und die Berichtenden der Maßnahmen dieses Ziels.",
      );
    }
  }
  if (!/^\d{4}(-(Q[1-4]|0[1-9]|1[0-2]))?$/.test(body.period)) {
    throw refuse("Die Geschichte lässt sich so nicht speichern.", [
      {
        path: "period",
        message: `Zeitraum: „${body.period}“ ist kein Zeitraum (Beispiel: 2025, 2025-Q2, 2025-03).`,
      },
    ]);
  }
  await ctx.db.transaction(async (tx) => {
    await insertStory(tx.orm, {
      workspaceId: ws.id,
      goalIndicatorId: gi.id,
      period: body.period,
      text: body.story,
      author: w.actor.label,
      writtenAt: ctx.now(),
    });
    await audit(tx.orm, ctx, w.actor, [
      {
        workspaceId: ws.id,
        action: "create",
        entity: "curve_story",
        entityKey: `${goalCode}/${gi.id}/${body.period}`,
        after: body,
      },
    ]);
  });
}
