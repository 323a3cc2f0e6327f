/**
 * The typology of the areas of one level: the chosen indicators read as the map reads them,
 * z-standardised across the areas with all values, clustered by k-means (seeded) or Ward,
 * each type described by its mean values against the city's. The silhouette width of every k
 * from 2 to 8 is returned to help choose k. Method: docs/methods/typology.md. Writes nothing.
 */
import { mayBypassDisclosure, type Audience } from "../../core/publication/publication.ts";
import { typology, type Typology } from "../../core/statistics/typology.ts";
import { AppError } from "../app-error.ts";
import type { ServiceContext } from "../context.ts";
import {
  computeIndicatorValueSet,
  type IndicatorValueSet,
} from "../indicators/indicator-values.ts";
import type { Workspace } from "../workspaces.ts";

export interface TypologyRequest {
  readonly indicators: readonly string[];
  readonly method: "kmeans" | "ward";
  /** The number of types; by default the k from 2 to 8 with the highest silhouette width. */
  readonly k?: number | undefined;
  readonly seed: number;
  readonly level?: string | undefined;
  readonly period?: string | undefined;
  readonly audience: Audience;
}

export interface TypologyResult extends Typology {
  readonly level: string;
  readonly period: string;
}

export async function computeTypology(
  ctx: ServiceContext,
  ws: Workspace,
  req: TypologyRequest,
): Promise<TypologyResult> {
  if (req.indicators.length < 2) {
    throw new AppError("invalid_input", "Eine Typisierung braucht mindestens zwei Indikatoren.");
  }
  const read = (code: string, level?: string, period?: string): Promise<IndicatorValueSet> =>
    computeIndicatorValueSet(ctx, ws, code, {
      level,
      period,
      disclosure: !mayBypassDisclosure(req.audience),
      audience: req.audience,
    });
  const first = await read(req.indicators[0]!, req.level, req.period);
  const sets = [first];
  for (const code of req.indicators.slice(1))
    sets.push(await read(code, first.level, first.period));
  const columns = sets.map((s) => new Map(s.values.map((v) => [v.area, v.value] as const)));
  const r = typology(
    req.indicators,
    first.values.map((v) => ({
      code: v.area,
      name: v.name,
      values: columns.map((c) => c.get(v.area) ?? null),
    })),
    sets.map((s) => s.reference?.value ?? null),
    { method: req.method, k: req.k, seed: req.seed },
  );
  if (!r.ok) throw new AppError("invalid_input", r.error);
  return { level: first.level, period: first.period, ...r.value };
}
