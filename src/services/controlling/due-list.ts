/**
 * What is due in the strategic cycle: performance values missing for periods that have ended
 * (a month's grace), milestones passed and not done, and stories not written for a goal
 * indicator whose current light is cloudy, stormy or uncertain. The planning staff see all;
 * a measure's editors the items of their measures.
 */
import { periodDays } from "../../core/controlling/goal-rules.ts";
import type { ProgrammeDto } from "../../contracts/controlling.ts";
import type { ServiceContext } from "../context.ts";
import type { Workspace } from "../workspaces.ts";
import { getProgramme, type Reader } from "./programme-read.ts";

export interface DueItem {
  readonly kind: "performance_value" | "milestone" | "story";
  readonly measure: string | null;
  readonly goal: string | null;
  readonly what: string;
  readonly due: string | null;
}

/** Days after a period's end before its value counts as missing. */
export const GRACE_DAYS = 30;
/** Periods looked back per performance measure. */
const LOOK_BACK = 4;

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The periods of a frequency that ended before `today`, newest first. */
export function endedPeriods(
  frequency: "year" | "quarter" | "month",
  today: string,
  n: number,
): string[] {
  const out: string[] = [];
  let y = Number(today.slice(0, 4));
  let k =
    frequency === "year"
      ? 0
      : frequency === "quarter"
        ? Math.ceil(Number(today.slice(5, 7)) / 3)
        : Number(today.slice(5, 7));
  while (out.length < n) {
    // step back one period
    if (frequency === "year") y -= 1;
    else {
      k -= 1;
      if (k === 0) {
        y -= 1;
        k = frequency === "quarter" ? 4 : 12;
      }
    }
    out.push(
      frequency === "year"
        ? String(y)
        : frequency === "quarter"
          ? `${y}-Q${k}`
          : `${y}-${String(k).padStart(2, "0")}`,
    );
  }
  return out;
}

export function dueItems(
  p: ProgrammeDto,
  today: string,
  onlyMeasures?: ReadonlySet<string>,
): DueItem[] {
  const items: DueItem[] = [];
  for (const m of p.measures) {
    if (onlyMeasures && !onlyMeasures.has(m.code)) continue;
    if (m.state === "laufend") {
      for (const pm of m.performanceMeasures) {
        const have = new Set(pm.values.map((v) => v.period));
        for (const period of endedPeriods(pm.frequency, today, LOOK_BACK)) {
          const days = periodDays(period, pm.frequency)!;
          if (days.last < m.startDate || (m.endDate !== null && days.first > m.endDate)) continue;
          const due = addDays(days.last, GRACE_DAYS);
          if (due > today || have.has(period)) continue;
          items.push({
            kind: "performance_value",
            measure: m.code,
            goal: null,
            what: `${pm.name}: Wert für ${period} fehlt`,
            due,
          });
        }
      }
    }
    if (m.state === "geplant" || m.state === "laufend") {
      for (const ms of m.milestones) {
        if (!ms.done && ms.due < today) {
          items.push({
            kind: "milestone",
            measure: m.code,
            goal: null,
            what: `Meilenstein „${ms.title}“ überfällig`,
            due: ms.due,
          });
        }
      }
    }
  }
  for (const g of p.goals) {
    if (onlyMeasures && !g.measures.some((c) => onlyMeasures.has(c))) continue;
    for (const gi of g.indicators) {
      const light = gi.lights[0];
      if (!light || gi.validTo !== null) continue;
      const worrying = light.uncertain || light.symbol === "wolke" || light.symbol === "blitz";
      if (!worrying || gi.stories.some((s) => s.period.startsWith(String(light.year)))) continue;
      items.push({
        kind: "story",
        measure: null,
        goal: g.code,
        what: `${gi.name}${gi.areaName ? ` (${gi.areaName})` : ""}: Geschichte hinter der Kurve für ${light.year} fehlt`,
        due: null,
      });
    }
  }
  return items.sort(
    (a, b) => (a.due ?? "9999").localeCompare(b.due ?? "9999") || a.what.localeCompare(b.what),
  );
}

export async function getDueList(
  ctx: ServiceContext,
  ws: Workspace,
  reader: Reader,
): Promise<{ items: DueItem[] }> {
  const programme = await getProgramme(ctx, ws, reader);
  const today = ctx.now().toISOString().slice(0, 10);
  const own =
    reader.role === "planner"
      ? undefined
      : new Set(programme.measures.filter((m) => m.mayEdit).map((m) => m.code));
  return { items: dueItems(programme, today, own) };
}
