/**
 * A controlling block: the strategic programme (Ziele & Maßnahmen) as the council reads it
 * (released goals, values after disclosure control: report-sources.ts `REPORT_READER`). Its
 * parts: what changed since the report's last published version; the lights of every goal at
 * a glance; per theme the goals with each indicator's curve, interval band and target, its
 * light with the reason and the story behind the curve, then the measures with status,
 * milestones and performance measures in the three rows of Results-Based Accountability, and
 * the theme's resources; finally the resources of the whole programme. A light is always a
 * sign and a word, never a colour alone.
 */
import type {
  GoalDto,
  GoalIndicatorDto,
  MeasureDto,
  ProgrammeDto,
} from "../../../contracts/controlling.ts";
import {
  controllingChanges,
  lightText,
  type ControllingSnapshot,
} from "../../../core/reports/controlling-changes.ts";
import type { Cell, Inline, Node } from "../../../core/reports/document.ts";
import { formatDay, formatNumber, formatPeriod } from "../../../core/reports/format.ts";
import type { ControllingBlock } from "../../../core/reports/template.ts";
import { lineChartSvg, type LineSeries } from "../../../core/figures/line-chart.ts";
import { CITY_COLOUR } from "../../../core/figures/chart-colours.ts";
import type { ControllingSource } from "../report-sources.ts";
import { paragraph, type BlockBuilder, type BuildContext } from "./context.ts";

const LEVELS: Record<GoalDto["goalLevel"], string> = {
  leitziel: "Leitziel",
  handlungsziel: "Handlungsziel",
  wirkungsziel: "Wirkungsziel",
  leistungsziel: "Leistungsziel",
};

/** The three questions of Results-Based Accountability, as the rows of a measure's table. */
const RBA_ROWS: readonly [MeasureDto["performanceMeasures"][number]["question"], string][] = [
  ["how_much", "Wie viel haben wir getan?"],
  ["how_well", "Wie gut haben wir es getan?"],
  ["better_off", "Geht es jemandem besser?"],
];

const MONEY_COLUMNS = [
  { label: "Geplant (€)", numeric: true },
  { label: "Gebunden (€)", numeric: true },
  { label: "Ausgegeben (€)", numeric: true },
];

const euro = (n: number): Cell => ({ number: n, decimals: 0 });

/** The decimals a goal indicator's values need (at most two). */
function decimalsOf(values: readonly (number | null)[]): number {
  let d = 0;
  for (const v of values) {
    if (v === null) continue;
    const s = String(Math.round(v * 100) / 100);
    const dot = s.indexOf(".");
    if (dot >= 0) d = Math.max(d, s.length - dot - 1);
  }
  return Math.min(d, 2);
}

/** Goals in the order of their tree: each goal, then the goals below it. */
function treeOrder(goals: readonly GoalDto[]): GoalDto[] {
  const codes = new Set(goals.map((g) => g.code));
  const out: GoalDto[] = [];
  const visit = (parent: string | null) => {
    for (const g of goals) {
      const top = g.parent === null || !codes.has(g.parent);
      if (parent === null ? top : g.parent === parent) {
        out.push(g);
        visit(g.code);
      }
    }
  };
  visit(null);
  return out;
}

/** The snapshot a published version keeps: every goal's light, every measure's status. */
export function snapshotOf(p: ProgrammeDto): ControllingSnapshot {
  return {
    goals: p.themes
      .flatMap((t) => treeOrder(p.goals.filter((g) => g.theme === t.code)))
      .map((g) => ({
        code: g.code,
        title: g.title,
        light: g.light && {
          year: g.light.year,
          symbol: g.light.symbol,
          low: g.light.low,
          high: g.light.high,
          uncertain: g.light.uncertain,
        },
      })),
    measures: p.measures.map((m) => ({ code: m.code, title: m.title, state: m.state })),
  };
}

export const controllingBuilder: BlockBuilder<ControllingBlock> = {
  indicators: () => [],
  build(b, ctx) {
    const source = ctx.sources.controlling;
    if (source === null) return [];
    const p = source.programme;
    ctx.controllingSnapshot = snapshotOf(p);
    const out: Node[] = [];
    if (p.exampleData && !ctx.exampleNoted) {
      ctx.exampleNoted = true;
      out.push({
        kind: "paragraph",
        inlines: [
          { text: "Beispieldaten: ", strong: true },
          {
            text: "Die Ziele, Maßnahmen und Mittel dieses Programms sind erfunden; sie zeigen, wie ein Controllingbericht aussieht.",
            emphasis: true,
          },
        ],
      });
    }
    for (const part of b.parts) {
      if (part === "changes") out.push(...changes(source, ctx.controllingSnapshot));
      else if (part === "overview") out.push(...overview(p, ctx));
      else if (part === "themes") out.push(...themes(p, ctx));
      else out.push(...resources(p, ctx));
    }
    return out;
  },
};

function changes(source: ControllingSource, now: ControllingSnapshot): Node[] {
  const prev = source.previous;
  if (prev === null) {
    return [
      paragraph(
        "Erster Bericht: Es gibt noch keine veröffentlichte Version dieses Berichts, mit der er sich vergleichen ließe.",
      ),
    ];
  }
  const since = `Version ${prev.version} vom ${formatDay(prev.publishedAt.toISOString().slice(0, 10))}`;
  if (prev.snapshot === null) {
    return [
      paragraph(`${since} enthält keine Ampeln und Maßnahmen; ein Vergleich ist nicht möglich.`),
    ];
  }
  const list = controllingChanges(prev.snapshot, now);
  if (list.length === 0) {
    return [paragraph(`Seit ${since} haben sich keine Ampeln, Ziele und Maßnahmen geändert.`)];
  }
  return [
    paragraph(`Gegenüber ${since}:`),
    { kind: "list", ordered: false, items: list.map((text) => [{ text }]) },
  ];
}

function overview(p: ProgrammeDto, ctx: BuildContext): Node[] {
  if (p.goals.length === 0) return [paragraph("Das Programm hat noch keine freigegebenen Ziele.")];
  const themeName = new Map(p.themes.map((t) => [t.code, t.name]));
  const ordered = p.themes.flatMap((t) => treeOrder(p.goals.filter((g) => g.theme === t.code)));
  const rows: Cell[][] = ordered.map((g) => [
    { text: themeName.get(g.theme) ?? g.theme },
    { text: `${g.title} (${LEVELS[g.goalLevel]})` },
    { text: lightText(g.light) },
  ]);
  return [
    ctx.nextTable({
      caption: "Die Ampeln der Ziele auf einen Blick",
      source: programmeSource(ctx),
      columns: [
        { label: "Thema", numeric: false },
        { label: "Ziel", numeric: false },
        { label: "Ampel (Bewertungsjahr)", numeric: false },
      ],
      rows,
      notes: [
        "Ampel nach der Wetterregel der Deutschen Nachhaltigkeitsstrategie: ☀ Sonne, ☀☁ Leicht bewölkt, ☁ Wolke, ⚡ Blitz. Hat ein Ziel mehrere Indikatoren, zählt die schlechteste Ampel; „unsicher“ heißt, dass die Unsicherheit der Werte auch eine andere Ampel zuließe.",
      ],
    }),
  ];
}

const programmeSource = (ctx: BuildContext): string =>
  `Quelle: Ziele & Maßnahmen (Controlling), ${ctx.data.workspace.name}; Werte der Indikatoren nach Geheimhaltung; Berechnung und Darstellung mit Sopla.`;

function themes(p: ProgrammeDto, ctx: BuildContext): Node[] {
  const out: Node[] = [];
  for (const theme of p.themes) {
    const goals = treeOrder(p.goals.filter((g) => g.theme === theme.code));
    if (goals.length === 0) continue;
    out.push({ kind: "subheading", text: `Thema: ${theme.name}` });
    if (theme.description) out.push(paragraph(theme.description));
    for (const g of goals) out.push(...goalNodes(g, ctx));
    const codes = new Set(goals.map((g) => g.code));
    const measures = p.measures.filter((m) => m.goals.some((x) => codes.has(x.goal)));
    for (const m of measures) out.push(...measureNodes(m, p, ctx));
    out.push(...themeResources(theme.code, theme.name, goals, p, ctx));
  }
  return out;
}

function goalNodes(g: GoalDto, ctx: BuildContext): Node[] {
  const out: Node[] = [
    { kind: "subheading", text: `${LEVELS[g.goalLevel]}: ${g.title}` },
    {
      kind: "paragraph",
      inlines: [
        { text: "Ampel: ", strong: true },
        { text: lightText(g.light) },
        ...(g.owner ? [{ text: ` · Verantwortlich: ${g.owner}` }] : []),
        ...(g.decision ? [{ text: ` · Beschluss: ${g.decision}` }] : []),
      ],
    },
  ];
  if (g.description) out.push(paragraph(g.description));
  if (g.indicators.length === 0) {
    out.push(paragraph("Dem Ziel ist noch kein Indikator zugeordnet."));
    return out;
  }
  const current = g.indicators.filter((i) => i.validTo === null);
  const rows = current.map((i) => indicatorRow(i));
  out.push(
    ctx.nextTable({
      caption: `Indikatoren des Ziels „${g.title}“`,
      source: programmeSource(ctx),
      columns: [
        { label: "Indikator", numeric: false },
        { label: "Ausgangswert", numeric: true },
        { label: "Ziel", numeric: false },
        { label: "Letzter Wert", numeric: true },
        { label: "Ampel", numeric: false },
      ],
      rows,
      notes: ctx.notes(rows, false),
    }),
  );
  for (const i of current) {
    const figure = indicatorFigure(i);
    if (figure !== null) {
      out.push(
        ctx.nextFigure({
          ...figure,
          caption: `${indicatorName(i)}: Verlauf mit 95-%-Intervall und Ziel`,
          source: programmeSource(ctx),
        }),
      );
    }
    const light = i.lights[0];
    const inl: Inline[] = [{ text: `${indicatorName(i)} – Begründung der Ampel: `, strong: true }];
    const note = i.series.findLast((s) => s.note !== null)?.note;
    inl.push({
      text: light
        ? light.reason
        : i.series.every((s) => s.value === null) && note
          ? `keine Bewertung, die Werte sind ${note}.`
          : "keine Bewertung, es gibt noch zu wenige Werte.",
    });
    out.push({ kind: "paragraph", inlines: inl });
    for (const s of i.stories) {
      out.push({
        kind: "paragraph",
        inlines: [
          { text: `Die Geschichte hinter der Kurve (${formatPeriod(s.period)}): `, strong: true },
          { text: s.text },
        ],
      });
    }
  }
  return out;
}

const indicatorName = (i: GoalIndicatorDto): string =>
  i.areaName ? `${i.name} (${i.areaName})` : i.name;

function targetText(i: GoalIndicatorDto, decimals: number): string {
  const n = (v: number | null) => (v === null ? "?" : `${formatNumber(v, decimals)} ${i.unit}`);
  switch (i.targetKind) {
    case "value_by_year":
      return `${n(i.targetValue)} bis ${i.targetYear ?? "?"}`;
    case "limit":
      return `${i.direction === "down" ? "höchstens" : "mindestens"} ${n(i.targetValue)}`;
    case "corridor":
      return `zwischen ${n(i.targetLow)} und ${n(i.targetHigh)} bis ${i.targetYear ?? "?"}`;
    case "direction":
      return i.direction === "down" ? "sinkend" : "steigend";
  }
}

function indicatorRow(i: GoalIndicatorDto): Cell[] {
  const decimals = decimalsOf([
    ...i.series.map((s) => s.value),
    i.baselineValue,
    i.targetValue,
    i.targetLow,
    i.targetHigh,
  ]);
  const latest = [...i.series].reverse().find((s) => s.value !== null);
  return [
    { text: `${indicatorName(i)}, ${i.unit}` },
    i.baselineValue === null
      ? { sign: "." }
      : { text: `${formatNumber(i.baselineValue, decimals)} (${i.baselineYear})` },
    { text: targetText(i, decimals) },
    latest === undefined
      ? { sign: "." }
      : { text: `${formatNumber(latest.value!, decimals)} (${formatPeriod(latest.period)})` },
    { text: lightText(i.lights[0] ?? null) },
  ];
}

/**
 * The curve of a goal indicator with its interval band and its target: the path from the
 * baseline to the target value, a limit or a corridor as dashed lines. Yearly series reach out
 * to the target year, so the target stands in the chart.
 */
function indicatorFigure(i: GoalIndicatorDto) {
  if (i.series.every((s) => s.value === null)) return null;
  const periods = i.series.map((s) => s.period);
  const yearly = periods.every((p) => /^\d{4}$/.test(p));
  const lastYear = yearly ? Number(periods.at(-1)) : null;
  if (lastYear !== null && i.targetYear !== null && i.targetYear > lastYear) {
    for (let y = lastYear + 1; y <= i.targetYear; y++) periods.push(String(y));
  }
  const at = (p: string) => i.series.find((s) => s.period === p);
  const decimals = decimalsOf(i.series.map((s) => s.value));
  const series: LineSeries[] = [
    { name: indicatorName(i), values: periods.map((p) => at(p)?.value ?? null) },
  ];
  const flat = (name: string, v: number | null) =>
    v === null
      ? []
      : [
          {
            name,
            values: periods.map(() => v),
            colour: CITY_COLOUR,
            dashed: true,
            marker: "none" as const,
          },
        ];
  if (
    i.targetKind === "value_by_year" &&
    i.targetValue !== null &&
    i.targetYear !== null &&
    yearly
  ) {
    const from = i.baselineValue;
    const t = i.targetValue;
    const targetYear = i.targetYear;
    const span = targetYear - i.baselineYear;
    series.push({
      name: `Zielpfad: ${formatNumber(t, decimals)} ${i.unit} bis ${i.targetYear}`,
      values: periods.map((p) => {
        const y = Number(p);
        if (y === targetYear) return t;
        if (from === null || span <= 0 || y < i.baselineYear || y > targetYear) return null;
        return from + ((t - from) * (y - i.baselineYear)) / span;
      }),
      colour: CITY_COLOUR,
      dashed: true,
      marker: from === null ? "diamond" : "none",
    });
  } else if (i.targetKind === "limit") {
    series.push(
      ...flat(`Grenze: ${formatNumber(i.targetValue ?? 0, decimals)} ${i.unit}`, i.targetValue),
    );
  } else if (i.targetKind === "corridor") {
    series.push(...flat("Zielkorridor, untere Grenze", i.targetLow));
    series.push(...flat("Zielkorridor, obere Grenze", i.targetHigh));
  }
  const hasBand = i.series.some((s) => s.low !== null && s.high !== null);
  return lineChartSvg({
    periods: periods.map(formatPeriod),
    series,
    label: indicatorName(i),
    unit: i.unit,
    decimals,
    ...(hasBand
      ? {
          band: {
            name: "95-%-Intervall",
            low: periods.map((p) => at(p)?.low ?? null),
            high: periods.map((p) => at(p)?.high ?? null),
          },
        }
      : {}),
  });
}

function measureNodes(m: MeasureDto, p: ProgrammeDto, ctx: BuildContext): Node[] {
  const goals = m.goals
    .map((x) => p.goals.find((g) => g.code === x.goal)?.title)
    .filter((t): t is string => t !== undefined);
  const out: Node[] = [
    { kind: "subheading", text: `Maßnahme: ${m.title}` },
    {
      kind: "paragraph",
      inlines: [
        { text: "Status: ", strong: true },
        { text: m.state },
        {
          text: ` · Verantwortlich: ${m.owner} · Laufzeit: ${formatDay(m.startDate)} bis ${m.endDate ? formatDay(m.endDate) : "offen"}${goals.length > 0 ? ` · dient: ${goals.join("; ")}` : ""}`,
        },
      ],
    },
  ];
  if (m.milestones.length > 0) {
    out.push(paragraph("Meilensteine:"));
    out.push({
      kind: "list",
      ordered: false,
      items: m.milestones.map((s) => [
        { text: `${s.title}, fällig ${formatDay(s.due)}: ` },
        { text: s.done ? "erledigt" : "offen", strong: !s.done },
      ]),
    });
  }
  const rows: Cell[][] = RBA_ROWS.map(([q, label]) => {
    const pms = m.performanceMeasures.filter((x) => x.question === q);
    const text = pms
      .map((x) => {
        const last = [...x.values].sort((a, b) => a.period.localeCompare(b.period)).at(-1);
        const value =
          last === undefined
            ? "noch kein Wert"
            : `${formatNumber(last.value, decimalsOf([last.value]))} ${x.unit} (${formatPeriod(last.period)})`;
        return `${x.name}: ${value}`;
      })
      .join("; ");
    return [{ text: label }, { text: text === "" ? "–" : text }];
  });
  out.push(
    ctx.nextTable({
      caption: `Leistungskennzahlen der Maßnahme „${m.title}“ nach den drei Fragen der wirkungsorientierten Steuerung`,
      source: programmeSource(ctx),
      columns: [
        { label: "Frage", numeric: false },
        { label: "Kennzahlen mit letztem Wert", numeric: false },
      ],
      rows,
      notes: ["– = für diese Frage ist keine Kennzahl vereinbart."],
    }),
  );
  return out;
}

function themeResources(
  code: string,
  name: string,
  goals: readonly GoalDto[],
  p: ProgrammeDto,
  ctx: BuildContext,
): Node[] {
  const theme = p.resources.byTheme.find((r) => r.theme === code);
  const rows: Cell[][] = [
    ...goals.map((g) => {
      const r = p.resources.byGoal.find((x) => x.goal === g.code);
      return [
        { text: g.title },
        euro(r?.planned ?? 0),
        euro(r?.committed ?? 0),
        euro(r?.spent ?? 0),
      ];
    }),
    [
      { text: `Thema ${name} insgesamt` },
      euro(theme?.planned ?? 0),
      euro(theme?.committed ?? 0),
      euro(theme?.spent ?? 0),
    ],
  ];
  return [
    ctx.nextTable({
      caption: `Mittel des Themas „${name}“: geplant, gebunden und ausgegeben`,
      source: programmeSource(ctx),
      columns: [{ label: "Ziel", numeric: false }, ...MONEY_COLUMNS],
      rows,
      notes: [
        "Ein Ziel zählt die Haushaltszeilen der Maßnahmen, die ihm und seinen Unterzielen dienen; eine Maßnahme für zwei Ziele zählt bei beiden, im Thema einmal.",
      ],
    }),
  ];
}

function resources(p: ProgrammeDto, ctx: BuildContext): Node[] {
  const themeName = new Map(p.themes.map((t) => [t.code, t.name]));
  const rows: Cell[][] = p.resources.byTheme.map((r) => [
    { text: themeName.get(r.theme) ?? r.theme },
    euro(r.planned),
    euro(r.committed),
    euro(r.spent),
  ]);
  const out: Node[] = [
    ctx.nextTable({
      caption: "Mittel des Programms nach Themen: geplant, gebunden und ausgegeben",
      source: programmeSource(ctx),
      columns: [{ label: "Thema", numeric: false }, ...MONEY_COLUMNS],
      rows,
      notes: [],
    }),
  ];
  const goalTitle = new Map(p.goals.map((g) => [g.code, g.title]));
  if (p.resources.goalsWithoutResources.length > 0) {
    out.push(paragraph("Ziele ohne Mittel:"), {
      kind: "list",
      ordered: false,
      items: p.resources.goalsWithoutResources.map((c) => [{ text: goalTitle.get(c) ?? c }]),
    });
  }
  const loose = p.resources.linesWithoutGoal;
  if (loose.length > 0) {
    const sum = loose.reduce((s, l) => s + l.planned, 0);
    out.push(
      paragraph(
        `${loose.length === 1 ? "Eine Haushaltszeile dient" : `${loose.length} Haushaltszeilen dienen`} keinem Ziel; geplant sind dort ${formatNumber(sum, 0)} €.`,
      ),
    );
  }
  return out;
}
