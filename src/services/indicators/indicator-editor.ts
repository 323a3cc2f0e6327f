/**
 * The indicator and variable editor: create and change an indicator's sheet, preview the
 * values a formula would give before it is saved, read its formula history, and change a
 * variable's metadata. Every write is checked as a whole (each problem named at its field,
 * nothing written when one remains), audited, and — for a changed sheet — versioned through
 * the same function as the catalogue file and the starter catalogue.
 */
import type {
  IndicatorCreateBody,
  IndicatorHistoryDto,
  IndicatorPreviewBody,
  IndicatorPreviewDto,
  IndicatorUpdateBody,
  VariableUpdateBody,
} from "../../contracts/indicators-editor.ts";
import { formulaWarnings } from "../../core/indicators/formula-warnings.ts";
import { formulaText } from "../../core/indicators/formula-text.ts";
import type { IndicatorDefinition } from "../../core/indicators/indicator.ts";
import { checkFormula, type SheetProblem } from "../../core/indicators/sheet-check.ts";
import {
  isVisibleTo,
  type Audience,
  type PublicationState,
} from "../../core/publication/publication.ts";
import { listIndicatorVersions } from "../../storage/indicator-versions.repo.ts";
import {
  listIndicators,
  upsertIndicator,
  type IndicatorRow,
} from "../../storage/indicators.repo.ts";
import { countVariableObservations } from "../../storage/observations.repo.ts";
import { listVariables, upsertVariable, type VariableRow } from "../../storage/variables.repo.ts";
import { bumpDataVersion } from "../../storage/workspaces.repo.ts";
import { AppError, notFound } from "../app-error.ts";
import { audit, type Actor } from "../audit.ts";
import type { ServiceContext } from "../context.ts";
import type { Workspace } from "../workspaces.ts";
import { findIndicatorRow, getIndicator, getVariables } from "./catalogue-read.ts";
import { computeValueSetOf } from "./indicator-values.ts";
import { auditCatalogueChanges, sheetOf, versionView } from "./indicator-versions.ts";

/** Who edits: for the audit log, what they may see, and whether they set publication states. */
export interface Editor {
  readonly actor: Actor;
  readonly audience: Audience;
  /** Publication states are the planners' decision (README, "Who may do what"). */
  readonly mayPublish: boolean;
}

/** The publication state a new indicator gets when the form names none. */
export const DEFAULT_PUBLICATION: PublicationState = "internal";

function refuse(problems: readonly SheetProblem[]): never {
  const list = problems.map((p) => p.message);
  throw new AppError(
    "invalid_input",
    list.length === 1
      ? `Bitte prüfen: ${list[0]}.`
      : `Bitte ${list.length} Angaben prüfen: ${list.join("; ")}.`,
    { issues: problems.map((p) => ({ where: "body", ...p })) },
  );
}

function checkPublication(editor: Editor, now: PublicationState, next: PublicationState): void {
  if (next !== now && !editor.mayPublish) {
    throw new AppError(
      "forbidden",
      "Den Veröffentlichungsstand (Entwurf, intern, öffentlich) legt die Sozialplanung fest.",
      { field: "publication" },
    );
  }
}

/** The variable codes the editor may use: those the caller can see. */
async function knownVariables(ctx: ServiceContext, ws: Workspace, audience: Audience) {
  const rows = await listVariables(ctx.db.orm, ws.id);
  return rows.filter((v) => isVisibleTo(v.publication, audience));
}

const denominatorOf = (d: readonly string[] | null | undefined) =>
  d === null || d === undefined || d.length === 0 ? null : [...d];

type SheetBody = IndicatorUpdateBody & { readonly code: string };

function rowValues(ws: Workspace, body: SheetBody, publication: PublicationState, sort: number) {
  return {
    workspaceId: ws.id,
    code: body.code,
    name: body.name,
    theme: body.theme,
    numerator: [...body.numerator],
    denominator: denominatorOf(body.denominator),
    factor: body.factor,
    unit: body.unit,
    decimals: body.decimals,
    polarity: body.polarity,
    definition: body.sheet.definition,
    interpretation: body.sheet.interpretation,
    limits: body.sheet.limits,
    source: body.sheet.source,
    sortOrder: sort,
    publication,
  };
}

async function saved(ctx: ServiceContext, ws: Workspace, code: string, editor: Editor) {
  const indicator = await getIndicator(ctx, ws, code, editor.audience, { withActors: true });
  return { indicator, warnings: indicator.sheet.warnings };
}

export async function createIndicator(
  ctx: ServiceContext,
  ws: Workspace,
  body: IndicatorCreateBody,
  editor: Editor,
) {
  const variables = await knownVariables(ctx, ws, editor.audience);
  const formula = { numerator: body.numerator, denominator: denominatorOf(body.denominator) };
  const problems = checkFormula(formula, new Set(variables.map((v) => v.code)));
  const publication = body.publication ?? DEFAULT_PUBLICATION;
  checkPublication(editor, DEFAULT_PUBLICATION, publication);
  await ctx.db.transaction(async (tx) => {
    // Raising the data version first locks the workspace row: two saves of one code queue.
    await bumpDataVersion(tx.orm, ws.id);
    const indicators = await listIndicators(tx.orm, ws.id);
    if (indicators.some((i) => i.code === body.code)) {
      problems.unshift({
        path: "code",
        field: "Kürzel",
        message: `Kürzel: „${body.code}“ hat schon ein Indikator dieses Arbeitsbereichs`,
      });
    }
    if (problems.length > 0) refuse(problems);
    const sort = Math.max(-1, ...indicators.map((i) => i.sortOrder)) + 1;
    const row = await upsertIndicator(tx.orm, rowValues(ws, body, publication, sort));
    await auditCatalogueChanges(tx.orm, ctx, editor.actor, [
      {
        workspaceId: ws.id,
        action: "create",
        entity: "indicator",
        entityKey: row.code,
        before: null,
        after: sheetOf(row),
      },
    ]);
  });
  ctx.dataChanged.emit(ws.id);
  return saved(ctx, ws, body.code, editor);
}

export async function updateIndicator(
  ctx: ServiceContext,
  ws: Workspace,
  code: string,
  body: IndicatorUpdateBody,
  editor: Editor,
) {
  const current = await findIndicatorRow(ctx, ws, code, editor.audience);
  const variables = await knownVariables(ctx, ws, editor.audience);
  const formula = { numerator: body.numerator, denominator: denominatorOf(body.denominator) };
  const problems = checkFormula(formula, new Set(variables.map((v) => v.code)));
  if (problems.length > 0) refuse(problems);
  const publication = body.publication ?? current.publication;
  checkPublication(editor, current.publication, publication);
  const changed = await ctx.db.transaction(async (tx) => {
    await bumpDataVersion(tx.orm, ws.id);
    const before = (await listIndicators(tx.orm, ws.id)).find((i) => i.id === current.id);
    if (!before) throw notFound("Indikator", code);
    const values = rowValues(ws, { ...body, code }, publication, before.sortOrder);
    const after = await upsertIndicator(tx.orm, values);
    if (JSON.stringify(sheetOf(before)) === JSON.stringify(sheetOf(after))) return false;
    await auditCatalogueChanges(tx.orm, ctx, editor.actor, [
      {
        workspaceId: ws.id,
        action: "update",
        entity: "indicator",
        entityKey: code,
        before: sheetOf(before),
        after: sheetOf(after),
      },
    ]);
    return true;
  });
  if (changed) ctx.dataChanged.emit(ws.id);
  return saved(ctx, ws, code, editor);
}

export interface PreviewRequest {
  readonly period?: string | undefined;
  readonly level?: string | undefined;
}

/**
 * The values a sheet would give, not saved: for one level and the latest period with data
 * (or the one asked for), after the same disclosure control as the atlas — always on, also
 * for planners, so the preview never shows more than the published map would.
 */
export async function previewIndicator(
  ctx: ServiceContext,
  ws: Workspace,
  body: IndicatorPreviewBody,
  req: PreviewRequest,
  audience: Audience,
): Promise<IndicatorPreviewDto> {
  const variables = await knownVariables(ctx, ws, audience);
  const formula = { numerator: body.numerator, denominator: denominatorOf(body.denominator) };
  const problems = checkFormula(formula, new Set(variables.map((v) => v.code)));
  if (problems.length > 0) refuse(problems);
  const def: IndicatorDefinition = {
    code: body.code !== undefined && body.code !== "" ? body.code : "vorschau",
    numerator: formula.numerator,
    denominator: formula.denominator,
    factor: body.factor,
    decimals: body.decimals,
    unit: body.unit,
    polarity: body.polarity,
  };
  const warnings = formulaWarnings(
    { ...formula, factor: body.factor, unit: body.unit },
    new Map(variables.map((v) => [v.code, v])),
  );
  const base = { formula: formulaText({ ...formula, factor: body.factor }), warnings };
  try {
    const values = await computeValueSetOf(ctx, ws, def, {
      period: req.period,
      level: req.level,
      disclosure: true,
      audience,
    });
    return { ...base, values, note: null };
  } catch (e) {
    if (e instanceof AppError && e.code === "not_found") {
      return { ...base, values: null, note: e.message };
    }
    throw e;
  }
}

/** Every change of an indicator's sheet, newest first, with who made it. */
export async function getIndicatorHistory(
  ctx: ServiceContext,
  ws: Workspace,
  code: string,
  audience: Audience,
): Promise<IndicatorHistoryDto> {
  const row: IndicatorRow = await findIndicatorRow(ctx, ws, code, audience);
  const versions = await listIndicatorVersions(ctx.db.orm, row.id);
  return { indicator: code, versions: versions.map(versionView).reverse() };
}

const MEASURE = { stock: "Bestand an einem Stichtag", flow: "Ereignisse im Zeitraum" } as const;
const AGGREGATION = {
  sum: "Teilgebiete summieren sich",
  none: "nur wo geliefert, keine Summe",
} as const;

const variableFields = ({ id: _id, workspaceId: _w, createdAt: _c, ...rest }: VariableRow) => rest;

/**
 * Changes a variable's metadata. A change of measure or aggregation of a variable that
 * already has values is made, but said: the stored figures were delivered under the old
 * meaning, and sums over areas or formula warnings change with it.
 */
export async function updateVariable(
  ctx: ServiceContext,
  ws: Workspace,
  code: string,
  body: VariableUpdateBody,
  editor: Editor,
) {
  const current = (await knownVariables(ctx, ws, editor.audience)).find((v) => v.code === code);
  if (!current) throw notFound("Merkmal", code);
  const publication = body.publication ?? current.publication;
  checkPublication(editor, current.publication, publication);
  const observations = await countVariableObservations(ctx.db.orm, current.id);
  const warnings: string[] = [];
  const n = observations.toLocaleString("de-DE");
  if (observations > 0 && body.measure !== current.measure) {
    warnings.push(
      `Art der Zahl geändert von „${MEASURE[current.measure]}“ zu „${MEASURE[body.measure]}“, obwohl das Merkmal schon ${n} Werte hat: die Werte wurden unter der alten Bedeutung geliefert. Bitte die Indikatoren prüfen, die es verwenden.`,
    );
  }
  if (observations > 0 && body.aggregation !== current.aggregation) {
    warnings.push(
      `Summierung geändert von „${AGGREGATION[current.aggregation]}“ zu „${AGGREGATION[body.aggregation]}“, obwohl das Merkmal schon ${n} Werte hat: Werte übergeordneter Gebiete und die Geheimhaltung der Indikatoren, die es verwenden, ändern sich damit.`,
    );
  }
  const changed = await ctx.db.transaction(async (tx) => {
    const after = await upsertVariable(tx.orm, {
      workspaceId: ws.id,
      code,
      name: body.name,
      description: body.description,
      unit: body.unit,
      measure: body.measure,
      aggregation: body.aggregation,
      nonNegative: current.nonNegative,
      source: body.source,
      licence: body.licence,
      attribution: body.attribution,
      publication,
    });
    const before = variableFields(current);
    if (JSON.stringify(before) === JSON.stringify(variableFields(after))) return false;
    await bumpDataVersion(tx.orm, ws.id);
    await audit(tx.orm, ctx, editor.actor, [
      {
        workspaceId: ws.id,
        action: "update",
        entity: "variable",
        entityKey: code,
        before,
        after: { ...variableFields(after), ...(warnings.length > 0 ? { warnings } : {}) },
      },
    ]);
    return true;
  });
  if (changed) ctx.dataChanged.emit(ws.id);
  const variable = (await getVariables(ctx, ws, editor.audience)).find((v) => v.code === code)!;
  return { variable, warnings };
}
