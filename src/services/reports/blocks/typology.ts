/**
 * A typology block: the areas of a level grouped by their z-standardised indicators (k-means
 * with a seed, or Ward; core/statistics/typology.ts), so the report reproduces the same types
 * from the same data: the grouping in words, the type map, the profiles, the areas' types.
 */
import type { Cell, Node } from "../../../core/reports/document.ts";
import { formatNumber, formatPeriod } from "../../../core/reports/format.ts";
import type { TypologyBlock } from "../../../core/reports/template.ts";
import { typology, type Typology } from "../../../core/statistics/typology.ts";
import { countText, listText } from "../../../core/figures/axes.ts";
import { typologyMapFigure } from "../figures.ts";
import type { BlockBuilder, BuildContext } from "./context.ts";

export const typologyBuilder: BlockBuilder<TypologyBlock> = {
  indicators: (b) => [...b.indicators],
  build(b, ctx, place) {
    const chosen = ctx.levelPeriod(b, place);
    if (!chosen) return [];
    const { period, areas } = chosen;
    const known = (code: string, area: string): number | null => {
      const v = ctx.data.value(code, area, period);
      return v?.kind === "known" ? v.value : null;
    };
    const method = b.method ?? "kmeans";
    const seed = b.seed ?? 1;
    const r = typology(
      b.indicators,
      areas.map((a) => ({ ...a, values: b.indicators.map((c) => known(c, a.code)) })),
      b.indicators.map((c) => known(c, ctx.data.cityCode)),
      { method, k: b.k, seed },
    );
    if (!r.ok) {
      ctx.problem(place, `Typisierung ${formatPeriod(period)}: ${r.error}`);
      return [];
    }
    const ty = r.value;
    const levelName = ctx.data.levelName(b.level) ?? b.level;
    const names = b.indicators.map((c) => ctx.row(c).name);
    const out: Node[] = [intro(b, ty, { levelName, names, period, method, seed })];
    const title = `Gebietstypen (${levelName}) nach ${listText(names)}, ${formatPeriod(period)}`;
    for (const part of b.parts) {
      if (part === "map") {
        const drawn = typologyMapFigure(ctx.data, ctx.sources, {
          level: b.level,
          title,
          areas: ty.areas,
          types: ty.types,
        });
        if (typeof drawn === "string") {
          ctx.problem(place, drawn);
          continue;
        }
        out.push(
          ctx.nextFigure({
            ...drawn,
            caption: b.caption ?? title,
            source: ctx.mapSourceOf(b.indicators),
          }),
        );
      } else if (part === "profiles") {
        out.push(...profiles(ctx, b, ty, period));
      } else {
        const byCode = new Map(ty.areas.map((a) => [a.code, a]));
        const body = areas.map((a): Cell[] => {
          const t = byCode.get(a.code)!;
          const lacking = b.indicators.filter((c) => known(c, a.code) === null);
          return [
            { text: a.name },
            t.type === null
              ? {
                  text: `ohne Typ: ${lacking.map((c) => ctx.row(c).name).join(", ")} fehlt oder ist gesperrt`,
                }
              : { text: `Typ ${t.type}` },
          ];
        });
        out.push(
          ctx.nextTable({
            caption: `Typ je ${levelName}, ${formatPeriod(period)}`,
            source: ctx.sourceOf(b.indicators),
            columns: [
              { label: levelName, numeric: false },
              { label: "Typ", numeric: false },
            ],
            rows: body,
            notes: [],
          }),
        );
      }
    }
    return out;
  },
};

/** The grouping in words: how many areas, by what, how, and why this number of types. */
function intro(
  b: TypologyBlock,
  ty: Typology,
  o: {
    levelName: string;
    names: readonly string[];
    period: string;
    method: "kmeans" | "ward";
    seed: number;
  },
): Node {
  const typed = ty.areas.filter((a) => a.type !== null).length;
  const chosen = ty.silhouettes.find((s) => s.k === ty.k);
  const how =
    o.method === "ward"
      ? "Ward-Verfahren"
      : `k-means, beste von 10 Startlösungen mit Startwert ${o.seed}`;
  const kWhy =
    chosen === undefined
      ? ""
      : b.k === undefined
        ? ` Die Zahl der Typen hat unter k = 2 bis ${ty.silhouettes.at(-1)!.k} die höchste mittlere Silhouettenbreite (${formatNumber(chosen.width, 2)}).`
        : ` Mittlere Silhouettenbreite: ${formatNumber(chosen.width, 2)}.`;
  const untyped = ty.areas.length - typed;
  return {
    kind: "paragraph",
    inlines: [
      {
        text: `${typed} von ${ty.areas.length} Gebieten der Ebene ${o.levelName} sind nach ${listText(o.names)} (${formatPeriod(o.period)}, je Indikator z-standardisiert) in ${ty.k} Typen gruppiert (${how}).${kWhy}`,
      },
      ...(typed < ty.areas.length
        ? [
            {
              text: ` ${untyped} ${untyped === 1 ? "Gebiet hat" : "Gebiete haben"} nicht alle Werte und ${untyped === 1 ? "bleibt" : "bleiben"} ohne Typ.`,
            },
          ]
        : []),
    ],
  };
}

/** Each type's members and traits, and the table of the types' means against the city. */
function profiles(ctx: BuildContext, b: TypologyBlock, ty: Typology, period: string): Node[] {
  const rows = b.indicators.map((c) => ctx.row(c));
  const names = rows.map((x) => x.name);
  const cityName = ctx.data.areaName(ctx.data.cityCode)!;
  const profileRows = rows.map((x, j): Cell[] => [
    { text: `${x.name} (${x.unit})` },
    ...ty.types.map((t) => ({ number: t.profile[j]!.mean, decimals: x.decimals })),
    ctx.valueCell(x.code, ctx.data.cityCode, period),
  ]);
  return [
    {
      kind: "list",
      ordered: false,
      items: ty.types.map((t) => {
        const members = ty.areas.filter((a) => a.type === t.type).map((a) => a.name);
        const who =
          members.length <= 8
            ? `${countText(t.areas, "Gebiet", "Gebiete")}: ${listText(members)}`
            : countText(t.areas, "Gebiet", "Gebiete");
        return [
          { text: `Typ ${t.type}`, strong: true },
          { text: ` (${who}): ${typeTraits(t.profile, names)}.` },
        ];
      }),
    },
    ctx.nextTable({
      caption: `Profile der Typen: Mittelwerte der Gebiete je Typ und Wert der Stadt, ${formatPeriod(period)}`,
      source: ctx.sourceOf(b.indicators),
      columns: [
        { label: "Indikator", numeric: false },
        ...ty.types.map((t) => ({ label: `Typ ${t.type}`, numeric: true })),
        { label: cityName, numeric: true },
      ],
      rows: profileRows,
      notes: [
        "Mittelwerte ungewichtet über die Gebiete des Typs.",
        ...ctx.notes(profileRows, false),
      ],
    }),
  ];
}

/** A type's marks from its mean z-values (|z| ≥ 0,5 above or below the average of the areas). */
function typeTraits(profile: readonly { readonly z: number }[], names: readonly string[]): string {
  const high = names.filter((_, j) => profile[j]!.z >= 0.5);
  const low = names.filter((_, j) => profile[j]!.z <= -0.5);
  const parts = [
    ...(high.length > 0 ? [`über dem Durchschnitt bei ${listText(high)}`] : []),
    ...(low.length > 0 ? [`unter dem Durchschnitt bei ${listText(low)}`] : []),
  ];
  return parts.length > 0 ? parts.join("; ") : "nahe dem Durchschnitt bei allen Indikatoren";
}
