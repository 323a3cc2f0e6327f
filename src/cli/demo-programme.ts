/**
 * The demo city's strategic programme ("Beispieldaten"): themes, goals on the city's real
 * indicator series, measures with owners, performance values and budget lines, read from
 * demo/flensburg/programme.json and written through the same services a planner uses. The
 * goals, measures, values and amounts are invented; the indicator series they rest on are the
 * real published tables. A goal indicator without `baselineValue` takes the value of its
 * baseline year from the data.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import {
  goalBody,
  goalIndicatorBody,
  measureBody,
  performanceMeasureBody,
  performanceValuesBody,
  themeBody,
} from "../contracts/controlling.ts";
import type { Actor } from "../services/audit.ts";
import type { ServiceContext } from "../services/context.ts";
import { valueInYear } from "../services/controlling/goal-series.ts";
import {
  addGoalIndicator,
  addStory,
  saveGoal,
  saveMeasure,
  savePerformanceMeasure,
  savePerformanceValues,
  saveTheme,
  type Writer,
} from "../services/controlling/programme-write.ts";
import { runImport } from "../services/data/run-import.ts";
import { resolveWorkspace, type Workspace } from "../services/workspaces.ts";

const programmeSchema = z.object({
  note: z.string(),
  themes: z.array(themeBody),
  goals: z.array(goalBody),
  goalIndicators: z.array(
    z.object({
      goal: z.string(),
      indicator: goalIndicatorBody.omit({ baselineValue: true }).extend({
        baselineValue: z.number().optional(),
      }),
      story: z.object({ period: z.string(), story: z.string() }).optional(),
    }),
  ),
  measures: z.array(measureBody),
  performanceMeasures: z.array(
    z.object({
      measure: z.string(),
      definition: performanceMeasureBody,
      values: performanceValuesBody.shape.values.optional(),
      /** Invented monthly values: `base + amplitude·sin(month)` from `from`, `months` long. */
      monthly: z
        .object({
          from: z.string(),
          months: z.int(),
          base: z.number(),
          amplitude: z.number(),
          /** From this month on (0-based) the values are higher by `by`: a shift to show. */
          step: z.object({ at: z.int(), by: z.number() }).optional(),
        })
        .optional(),
    }),
  ),
  budget: z.object({ file: z.string() }),
});

/** Writes the programme of `file` into the workspace; `editors` must be members already. */
export async function seedProgramme(
  ctx: ServiceContext,
  ws: Workspace,
  dir: string,
  file: string,
  actor: Actor,
): Promise<void> {
  const p = programmeSchema.parse(JSON.parse(await readFile(join(dir, file), "utf8")));
  const w: Writer = { actor, role: "planner" };
  for (const t of p.themes) await saveTheme(ctx, ws, t, w, { exampleData: true });
  for (const g of p.goals) await saveGoal(ctx, ws, g, w);
  for (const m of p.measures) await saveMeasure(ctx, ws, m, w);
  for (const pm of p.performanceMeasures) {
    await savePerformanceMeasure(ctx, ws, pm.measure, pm.definition, w);
    const values = pm.values ?? (pm.monthly ? inventedMonths(pm.monthly) : []);
    if (values.length > 0) {
      await savePerformanceValues(ctx, ws, pm.measure, pm.definition.code, { values }, w);
    }
  }
  for (const gi of p.goalIndicators) {
    const { indicator: code, area, baselineYear } = gi.indicator;
    const baselineValue =
      gi.indicator.baselineValue ??
      (code && area ? await valueInYear(ctx, ws, code, area, baselineYear) : null);
    if (baselineValue === null) throw new Error(`${gi.goal}: kein Ausgangswert ${baselineYear}`);
    const id = await addGoalIndicator(ctx, ws, gi.goal, { ...gi.indicator, baselineValue }, w);
    if (gi.story) await addStory(ctx, ws, gi.goal, id, gi.story, w);
  }
  const bytes = new Uint8Array(await readFile(join(dir, p.budget.file)));
  const report = await runImport(ctx, {
    workspace: await resolveWorkspace(ctx, ws.slug),
    fileName: p.budget.file.split("/").at(-1)!,
    bytes,
    mapping: { kind: "budget", format: "csv", label: "Haushalt (Beispieldaten)" },
    dryRun: false,
    actor,
  });
  if (report.status !== "committed") {
    throw new Error(`Haushalt: ${report.issues.map((i) => i.message).join("; ")}`);
  }
}

/** Deterministic invented monthly values around `base`, rounded to whole numbers. */
function inventedMonths(o: {
  from: string;
  months: number;
  base: number;
  amplitude: number;
  step?: { at: number; by: number } | undefined;
}) {
  const [y0, m0] = o.from.split("-").map(Number) as [number, number];
  return Array.from({ length: o.months }, (_, i) => {
    const m = m0 - 1 + i;
    const period = `${y0 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}`;
    const step = o.step && i >= o.step.at ? o.step.by : 0;
    return {
      period,
      value: Math.round(o.base + step + o.amplitude * Math.sin(i * 1.3) + (i % 5) - 2),
    };
  });
}
