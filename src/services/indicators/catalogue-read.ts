import { formatNumber } from "../../core/format/number.ts";
import { isVisibleTo, type Audience } from "../../core/publication/publication.ts";
import { listIndicators, type IndicatorRow } from "../../storage/indicators.repo.ts";
import { listPeriods } from "../../storage/periods.repo.ts";
import { listVariables } from "../../storage/variables.repo.ts";
import { notFound } from "../app-error.ts";
import type { ServiceContext } from "../context.ts";
import type { Workspace } from "../workspaces.ts";
import { usesVariable } from "../../core/indicators/indicator.ts";
import { formulaWarnings, type FormulaVariable } from "../../core/indicators/formula-warnings.ts";

export async function getVariables(ctx: ServiceContext, ws: Workspace, audience: Audience) {
  const [rows, indicators] = await Promise.all([
    listVariables(ctx.db.orm, ws.id),
    listIndicators(ctx.db.orm, ws.id),
  ]);
  const visible = indicators.filter((i) => isVisibleTo(i.publication, audience));
  return rows
    .filter((v) => isVisibleTo(v.publication, audience))
    .map((v) => ({
      code: v.code,
      name: v.name,
      description: v.description,
      unit: v.unit,
      measure: v.measure,
      aggregation: v.aggregation,
      source: v.source,
      licence: v.licence,
      attribution: v.attribution,
      publication: v.publication,
      indicators: visible.filter((i) => usesVariable(i, v.code)).map((i) => i.code),
    }));
}

export async function getPeriods(ctx: ServiceContext, ws: Workspace) {
  return (await listPeriods(ctx.db.orm, ws.id)).map((p) => ({
    code: p.code,
    kind: p.kind,
    start: p.startDate,
    end: p.endDate,
    referenceDate: p.referenceDate,
  }));
}

/** The formula of an indicator in words, as its sheet prints it. */
export function formulaText(
  row: Pick<IndicatorRow, "numerator" | "denominator" | "factor">,
): string {
  const sum = (codes: readonly string[]) =>
    codes.length === 1 ? codes[0]! : `(${codes.join(" + ")})`;
  const num = sum(row.numerator);
  if (!row.denominator || row.denominator.length === 0) {
    return row.factor === 1 ? num : `${num} × ${row.factor}`;
  }
  const factor = row.factor === 1 ? "" : ` × ${formatNumber(row.factor, { max: 3 })}`;
  return `${num} / ${sum(row.denominator)}${factor}`;
}

/** The variables of a workspace by code, as the formula warnings read them. */
export type VariablesByCode = ReadonlyMap<string, FormulaVariable>;

export async function variablesByCode(
  ctx: ServiceContext,
  ws: Workspace,
): Promise<VariablesByCode> {
  return new Map((await listVariables(ctx.db.orm, ws.id)).map((v) => [v.code, v]));
}

export function indicatorView(row: IndicatorRow, variables: VariablesByCode) {
  return {
    code: row.code,
    name: row.name,
    theme: row.theme,
    numerator: row.numerator,
    denominator: row.denominator,
    factor: row.factor,
    unit: row.unit,
    decimals: row.decimals,
    polarity: row.polarity,
    sheet: {
      definition: row.definition,
      interpretation: row.interpretation,
      limits: row.limits,
      source: row.source,
      formula: formulaText(row),
      warnings: formulaWarnings(row, variables),
    },
    publication: row.publication,
  };
}

export async function getIndicators(ctx: ServiceContext, ws: Workspace, audience: Audience) {
  const [rows, variables] = await Promise.all([
    listIndicators(ctx.db.orm, ws.id),
    variablesByCode(ctx, ws),
  ]);
  return rows
    .filter((i) => isVisibleTo(i.publication, audience))
    .map((row) => indicatorView(row, variables));
}

/** The indicator `code` among `rows` when `audience` may see it; one it may not see does not exist for it. */
export function pickIndicatorRow(
  rows: readonly IndicatorRow[],
  code: string,
  audience: Audience,
): IndicatorRow {
  const row = rows.find((i) => i.code === code);
  if (!row || !isVisibleTo(row.publication, audience)) throw notFound("Indikator", code);
  return row;
}

/** An indicator the audience may see; one it may not see does not exist for it. */
export async function findIndicatorRow(
  ctx: ServiceContext,
  ws: Workspace,
  code: string,
  audience: Audience,
): Promise<IndicatorRow> {
  return pickIndicatorRow(await listIndicators(ctx.db.orm, ws.id), code, audience);
}

export async function getIndicator(
  ctx: ServiceContext,
  ws: Workspace,
  code: string,
  audience: Audience,
) {
  const [row, variables] = await Promise.all([
    findIndicatorRow(ctx, ws, code, audience),
    variablesByCode(ctx, ws),
  ]);
  return indicatorView(row, variables);
}
