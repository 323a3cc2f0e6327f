/**
 * "Indikator anlegen" from a variable that no indicator uses yet: a plain count (the variable
 * itself, no denominator), so figures imported for a new variable appear in the atlas, the
 * indicator list and the reports at once, under the same disclosure control as every other
 * indicator. The planner refines the sheet later in the catalogue.
 */
import {
  listIndicators,
  upsertIndicator,
  type IndicatorRow,
} from "../../storage/indicators.repo.ts";
import { listVariables } from "../../storage/variables.repo.ts";
import { bumpDataVersion } from "../../storage/workspaces.repo.ts";
import { AppError, notFound } from "../app-error.ts";
import { audit, type Actor } from "../audit.ts";
import type { ServiceContext } from "../context.ts";
import type { Workspace } from "../workspaces.ts";

/** The theme a count made this way is listed under until the planner gives it one. */
export const COUNT_THEME = "Weitere Merkmale";

export async function createCountIndicator(
  ctx: ServiceContext,
  ws: Workspace,
  variableCode: string,
  actor: Actor,
): Promise<IndicatorRow> {
  const orm = ctx.db.orm;
  const v = (await listVariables(orm, ws.id)).find((x) => x.code === variableCode);
  if (!v) throw notFound("Merkmal", variableCode);
  const indicators = await listIndicators(orm, ws.id);
  const count = indicators.find(
    (i) => i.denominator === null && i.numerator.length === 1 && i.numerator[0] === v.code,
  );
  if (count) {
    throw new AppError(
      "conflict",
      `Für das Merkmal „${v.name}“ gibt es schon den Indikator „${count.name}“ (${count.code}).`,
      { field: "variable", indicator: count.code },
    );
  }
  const taken = new Set(indicators.map((i) => i.code));
  let code = v.code;
  for (let n = 2; taken.has(code); n++) code = `${v.code}_${n}`;
  const created = await ctx.db.transaction(async (tx) => {
    const row = await upsertIndicator(tx.orm, {
      workspaceId: ws.id,
      code,
      name: v.name,
      theme: COUNT_THEME,
      numerator: [v.code],
      denominator: null,
      factor: 1,
      unit: v.unit,
      decimals: 0,
      polarity: "neutral",
      definition: `Anzahl: ${v.name} (${v.unit}), wie geliefert, ohne Bezugsgröße.`,
      source: v.source,
      sortOrder: Math.max(0, ...indicators.map((i) => i.sortOrder)) + 1,
      publication: v.publication === "public" ? "internal" : v.publication,
    });
    await bumpDataVersion(tx.orm, ws.id);
    await audit(tx.orm, ctx, actor, [
      {
        workspaceId: ws.id,
        action: "create",
        entity: "indicator",
        entityKey: code,
        before: null,
        after: { code, name: v.name, numerator: [v.code], denominator: null, from: "variable" },
      },
    ]);
    return row;
  });
  ctx.dataChanged.emit(ws.id);
  return created;
}
