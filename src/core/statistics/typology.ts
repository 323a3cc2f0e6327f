/**
 * A typology of areas from a table of indicator values: the areas with every value are
 * z-standardised per indicator, clustered by k-means (seeded) or Ward, and each type is
 * described by its mean values against the city's. The silhouette width of every k from 2 to
 * 8 helps choose k; without a k the best one is taken. Pure: the analysis service and the
 * report both read their values and call this. Method: docs/methods/typology.md.
 */
import { err, ok, type Result } from "../result.ts";
import { kMeans, silhouette, wardClusters } from "./kmeans.ts";

export interface TypologyOptions {
  readonly method: "kmeans" | "ward";
  /** The number of types; by default the k from 2 to 8 with the highest silhouette width. */
  readonly k?: number | undefined;
  readonly seed: number;
}

export interface TypologyArea {
  readonly code: string;
  readonly name: string;
  /** One value per indicator, in the order of `indicators`; null when missing or withheld. */
  readonly values: readonly (number | null)[];
}

export interface TypeProfile {
  readonly type: number;
  readonly areas: number;
  /** Mean value of each indicator in the type, the city's value, and the mean z-value. */
  readonly profile: readonly {
    readonly indicator: string;
    readonly mean: number;
    readonly city: number | null;
    readonly z: number;
  }[];
}

export interface Typology {
  readonly method: "kmeans" | "ward";
  readonly k: number;
  /** Mean silhouette width for k = 2 … 8 (as far as there are areas). */
  readonly silhouettes: readonly { readonly k: number; readonly width: number }[];
  readonly types: readonly TypeProfile[];
  /** Every area: its type (1-based), or null with the indicators it lacks. */
  readonly areas: readonly {
    readonly code: string;
    readonly name: string;
    readonly type: number | null;
    readonly reason: string | null;
  }[];
}

const MAX_K = 8;

/**
 * Clusters `areas` on `indicators` (codes, for the profiles and messages); `city` holds the
 * city's value of each indicator. A German message says why no typology can be made.
 */
export function typology(
  indicators: readonly string[],
  areas: readonly TypologyArea[],
  city: readonly (number | null)[],
  options: TypologyOptions,
): Result<Typology, string> {
  if (indicators.length < 2) return err("Eine Typisierung braucht mindestens zwei Indikatoren.");
  if (new Set(indicators).size !== indicators.length) {
    return err("Ein Indikator steht zweimal in der Auswahl.");
  }
  const usable = areas.filter((a) => a.values.every((v) => v !== null));
  if (usable.length < 3) {
    return err(
      `Nur ${usable.length} Gebiete haben alle Werte; eine Typisierung braucht mindestens drei.`,
    );
  }
  // z-standardise each indicator over the usable areas (population SD).
  const raw = usable.map((a) => a.values as readonly number[]);
  const moments = indicators.map((_, j) => {
    const xs = raw.map((r) => r[j]!);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
    return { mean, sd };
  });
  const flat = moments.findIndex((m) => !(m.sd > 0));
  if (flat >= 0) {
    return err(
      `„${indicators[flat]}“ hat in allen Gebieten denselben Wert und trennt keine Typen.`,
    );
  }
  const points = raw.map((r) => r.map((x, j) => (x - moments[j]!.mean) / moments[j]!.sd));
  // Each k is clustered once: the silhouettes and the chosen solution share the labels.
  const solutions = new Map<number, readonly number[]>();
  const cluster = (k: number): readonly number[] => {
    let labels = solutions.get(k);
    if (!labels) {
      labels =
        options.method === "ward"
          ? wardClusters(points, k)
          : kMeans(points, k, { seed: options.seed }).assignments;
      solutions.set(k, labels);
    }
    return labels;
  };

  const silhouettes: { k: number; width: number }[] = [];
  for (let k = 2; k <= Math.min(MAX_K, points.length - 1); k++) {
    silhouettes.push({ k, width: silhouette(points, cluster(k), k) });
  }
  const k =
    options.k ??
    silhouettes.reduce(
      (best, s) => (s.width > best.width ? s : best),
      silhouettes[0] ?? { k: 2, width: 0 },
    ).k;
  if (!Number.isInteger(k) || k < 1 || k > points.length) {
    return err(`k muss zwischen 1 und ${points.length} liegen.`);
  }
  const labels = cluster(k);
  const typeOf = new Map(usable.map((a, i) => [a.code, labels[i]!]));
  const types = Array.from({ length: k }, (_, t): TypeProfile => {
    const members = labels.flatMap((l, i) => (l === t ? [i] : []));
    return {
      type: t + 1,
      areas: members.length,
      profile: indicators.map((indicator, j) => ({
        indicator,
        mean: members.reduce((s, i) => s + raw[i]![j]!, 0) / Math.max(1, members.length),
        city: city[j] ?? null,
        z: members.reduce((s, i) => s + points[i]![j]!, 0) / Math.max(1, members.length),
      })),
    };
  });
  return ok({
    method: options.method,
    k,
    silhouettes,
    types,
    areas: areas.map((a) => {
      const t = typeOf.get(a.code);
      const lacking = indicators.filter((_, j) => a.values[j] === null);
      return {
        code: a.code,
        name: a.name,
        type: t === undefined ? null : t + 1,
        reason: t === undefined ? `ohne Wert: ${lacking.join(", ")}` : null,
      };
    }),
  });
}
