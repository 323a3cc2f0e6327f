import { formulaText } from "../../core/indicators/formula-text.ts";
import { isVisibleTo, type Audience } from "../../core/publication/publication.ts";
import { listIndicators, type IndicatorRow } from "../../storage/indicators.repo.ts";
import { listPeriods } from "../../storage/periods.repo.ts";
import { listVariables } from "../../storage/variables.repo.ts";
import { notFound } from "../app-error.ts";
import type { ServiceContext } from "../context.ts";
import type { Workspace } from "../workspaces.ts";
import { usesVariable } from "../../core/indicators/indicator.ts";
export { formulaText };
import { listWorkspaceIndicatorVersions } from "../../storage/indicator-versions.repo.ts";
import { versionView } from "./indicator-versions.ts";
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

/** The variables of a workspace by code, as the formula warnings read them. */
export type VariablesByCode = ReadonlyMap<string, FormulaVariable>;

export async function variablesByCode(
  ctx: ServiceContext,
  ws: Workspace,
): Promise<VariablesByCode> {
  return new Map((await listVariables(ctx.db.orm, ws.id)).map((v) => [v.code, v]));
}

/** The history lines of the sheets, per indicator id, newest first. */
export type HistoryById = ReadonlyMap<number, readonly HistoryLine[]>;

export interface HistoryLine {
  readonly at: string;
  readonly actor: string | null;
  readonly formulaBefore: string;
  readonly formulaAfter: string;
  readonly changed: string[];
}

/**
 * The formula history of every indicator of a workspace. Who made a change is named only for
 * those who edit sheets (`withActors`); other readers see when and what.
 */
export async function historyById(
  ctx: ServiceContext,
  ws: Workspace,
  withActors: boolean,
): Promise<HistoryById> {
  const out = new Map<number, HistoryLine[]>();
  for (const v of await listWorkspaceIndicatorVersions(ctx.db.orm, ws.id)) {
    const view = versionView(v);
    const line = {
      at: view.at,
      actor: withActors ? view.actor : null,
      formulaBefore: view.formulaBefore,
      formulaAfter: view.formulaAfter,
      changed: view.changed,
    };
    out.set(v.indicatorId, [line, ...(out.get(v.indicatorId) ?? [])]);
  }
  return out;
}

export function indicatorView(
  row: IndicatorRow,
  variables: VariablesByCode,
  history: HistoryById = new Map(),
) {
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
      history: [...(history.get(row.id) ?? [])],
    },
    publication: row.publication,
  };
}

export async function getIndicators(
  ctx: ServiceContext,
  ws: Workspace,
  audience: Audience,
  options: { withActors?: boolean } = {},
) {
  const [rows, variables, history] = await Promise.all([
    listIndicators(ctx.db.orm, ws.id),
    variablesByCode(ctx, ws),
    historyById(ctx, ws, options.withActors === true),
  ]);
  return rows
    .filter((i) => isVisibleTo(i.publication, audience))
    .map((row) => indicatorView(row, variables, history));
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
  options: { withActors?: boolean } = {},
) {
  const [row, variables, history] = await Promise.all([
    findIndicatorRow(ctx, ws, code, audience),
    variablesByCode(ctx, ws),
    historyById(ctx, ws, options.withActors === true),
  ]);
  return indicatorView(row, variables, history);
}
