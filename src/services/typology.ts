/**
 * The typology of the areas of one level: the chosen indicators read as the map reads them,
 * z-standardised across the areas with all values, clustered by k-means (seeded) or Ward,
 * each type described by its mean values against the city's. The silhouette width of every k
 * from 2 to 8 is returned to help choose k. Method: docs/methods/typology.md. Writes nothing.
 */
import { mayBypassDisclosure, type Audience } from "../core/publication/publication.ts";
import { kMeans, silhouette, wardClusters } from "../core/statistics/kmeans.ts";
import { AppError } from "./app-error.ts";
import type { ServiceContext } from "./context.ts";
import { computeIndicatorValueSet, type IndicatorValueSet } from "./indicator-values.ts";
import type { Workspace } from "./workspaces.ts";

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

export interface TypologyResult {
  readonly level: string;
  readonly period: string;
  readonly method: "kmeans" | "ward";
  readonly k: number;
  /** Mean silhouette width for k = 2 … 8 (as far as there are areas). */
  readonly silhouettes: readonly { readonly k: number; readonly width: number }[];
  readonly types: readonly {
    readonly type: number;
    readonly areas: number;
    /** Mean value of each indicator in the type, the city's value, and the mean z-value. */
    readonly profile: readonly {
      readonly indicator: string;
      readonly mean: number;
      readonly city: number | null;
      readonly z: number;
    }[];
  }[];
  /** Every area: its type (1-based), or null with the reason it was left out. */
  readonly areas: readonly {
    readonly code: string;
    readonly name: string;
    readonly type: number | null;
    readonly reason: string | null;
  }[];
}

const MAX_K = 8;

export async function computeTypology(
  ctx: ServiceContext,
  ws: Workspace,
  req: TypologyRequest,
): Promise<TypologyResult> {
  if (req.indicators.length < 2) {
    throw new AppError("invalid_input", "Eine Typisierung braucht mindestens zwei Indikatoren.");
  }
  if (new Set(req.indicators).size !== req.indicators.length) {
    throw new AppError("invalid_input", "Ein Indikator steht zweimal in der Auswahl.");
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

  const usable = first.values.filter((v) => columns.every((c) => c.get(v.area) != null));
  if (usable.length < 3) {
    throw new AppError(
      "invalid_input",
      `Nur ${usable.length} Gebiete haben alle Werte; eine Typisierung braucht mindestens drei.`,
    );
  }
  // z-standardise each indicator over the usable areas (population SD).
  const raw = usable.map((v) => columns.map((c) => c.get(v.area)!));
  const moments = req.indicators.map((_, k) => {
    const xs = raw.map((r) => r[k]!);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    return { mean, sd };
  });
  const flat = moments.findIndex((m) => !(m.sd > 0));
  if (flat >= 0) {
    throw new AppError(
      "invalid_input",
      `„${req.indicators[flat]}“ hat in allen Gebieten denselben Wert und trennt keine Typen.`,
    );
  }
  const points = raw.map((r) => r.map((x, k) => (x - moments[k]!.mean) / moments[k]!.sd));
  // Each k is clustered once: the silhouettes and the chosen solution share the labels.
  const solutions = new Map<number, readonly number[]>();
  const cluster = (k: number): readonly number[] => {
    let labels = solutions.get(k);
    if (!labels) {
      labels =
        req.method === "ward"
          ? wardClusters(points, k)
          : kMeans(points, k, { seed: req.seed }).assignments;
      solutions.set(k, labels);
    }
    return labels;
  };

  const silhouettes: { k: number; width: number }[] = [];
  for (let k = 2; k <= Math.min(MAX_K, points.length - 1); k++) {
    silhouettes.push({ k, width: silhouette(points, cluster(k), k) });
  }
  const k =
    req.k ??
    silhouettes.reduce(
      (best, s) => (s.width > best.width ? s : best),
      silhouettes[0] ?? { k: 2, width: 0 },
    ).k;
  if (!Number.isInteger(k) || k < 1 || k > points.length) {
    throw new AppError("invalid_input", `k muss zwischen 1 und ${points.length} liegen.`);
  }
  const labels = cluster(k);
  const typeOf = new Map(usable.map((v, i) => [v.area, labels[i]!]));
  const types = Array.from({ length: k }, (_, t) => {
    const members = labels.flatMap((l, i) => (l === t ? [i] : []));
    return {
      type: t + 1,
      areas: members.length,
      profile: req.indicators.map((indicator, j) => ({
        indicator,
        mean: members.reduce((a, i) => a + raw[i]![j]!, 0) / Math.max(1, members.length),
        city: sets[j]!.reference?.value ?? null,
        z: members.reduce((a, i) => a + points[i]![j]!, 0) / Math.max(1, members.length),
      })),
    };
  });
  return {
    level: first.level,
    period: first.period,
    method: req.method,
    k,
    silhouettes,
    types,
    areas: first.values.map((v) => {
      const t = typeOf.get(v.area);
      const lacking = req.indicators.filter((_, j) => columns[j]!.get(v.area) == null);
      return {
        code: v.area,
        name: v.name,
        type: t === undefined ? null : t + 1,
        reason: t === undefined ? `ohne Wert: ${lacking.join(", ")}` : null,
      };
    }),
  };
}
