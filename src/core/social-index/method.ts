/**
 * The method of one index run in German, as a report prints it next to the result: what was
 * standardised how, which indicators with which direction and weight, the class bands with
 * their boundary rule, the exclusions, and the caution that a class is no verdict. Built from
 * the definition and the run's own figures, so a stored run carries its method with it.
 */
import { formatNumber } from "../format/number.ts";
import type { IndexResult } from "./compute.ts";
import type { ClassBand, IndexDefinition, IndexIndicator } from "./definition.ts";

export interface MethodIndicator {
  readonly dimension: "status" | "dynamics" | "context";
  readonly code: string;
  readonly label: string;
  /** "hoher Wert = ungünstig" / "hoher Wert = günstig"; empty for context indicators. */
  readonly direction: string;
  readonly weight: number | null;
  /** Over the included areas; null for context indicators. */
  readonly mean: number | null;
  readonly sd: number | null;
}

export interface MethodClass {
  readonly dimension: "status" | "dynamics";
  readonly label: string;
  /** The band as an inequality on the index I: "I < −1", "−1 ≤ I ≤ 1", "I > 1,5". */
  readonly rule: string;
  readonly areas: number;
}

export interface IndexMethod {
  readonly title: string;
  readonly paragraphs: readonly string[];
  readonly indicators: readonly MethodIndicator[];
  readonly classes: readonly MethodClass[];
  readonly caution: string;
}

export interface MethodContext {
  readonly version: number;
  readonly level: string;
  /** The level's name as people read it ("Stadtteil"); the code when there is none. */
  readonly levelName?: string | undefined;
  readonly period: string;
  readonly populationIndicator: string;
}

/** German numbers with a true minus sign, up to 4 decimals. */
const de = (x: number): string => formatNumber(x, { max: 4 });

const STANDARDISATION: Record<IndexDefinition["standardisation"], string> = {
  z: "z-Standardisierung über die einbezogenen Gebiete: (Wert − Mittelwert) / Standardabweichung, ungewichtet, Standardabweichung der Grundgesamtheit (÷ n), wie im Berliner Monitoring Soziale Stadtentwicklung",
  z_weighted:
    "z-Standardisierung mit nach Einwohnern gewichtetem Mittelwert und gewichteter Standardabweichung",
  min_max: "Min-Max-Skalierung: (Wert − Minimum) / (Maximum − Minimum), 0 bis 1",
};

/** The class bands as inequalities on I, from the bounds and the boundary rule. */
export function bandRules(bands: readonly ClassBand[]): string[] {
  return bands.map((band, i) => {
    const previous = bands[i - 1];
    // A value equal to the previous bound belongs here unless the previous band included it.
    const lower =
      previous?.upTo != null ? `${de(previous.upTo)} ${previous.inclusive ? "<" : "≤"} ` : "";
    if (band.upTo === null) {
      return previous?.upTo != null
        ? `I ${previous.inclusive ? ">" : "≥"} ${de(previous.upTo)}`
        : "alle Werte";
    }
    return `${lower}I ${band.inclusive ? "≤" : "<"} ${de(band.upTo)}`;
  });
}

const DIRECTION: Record<IndexIndicator["direction"], string> = {
  higher_is_worse: "hoher Wert = ungünstig",
  higher_is_better: "hoher Wert = günstig",
};

export const INDEX_CAUTION =
  "Eine Klasse lenkt die Aufmerksamkeit auf ein Gebiet; sie ist kein Urteil über das Quartier oder die Menschen, die dort leben. Sie beschreibt die Lage relativ zur Stadt zu diesem Zeitpunkt, gemessen an wenigen Indikatoren.";

/** The method of a run of `definition` with its result `r`. */
export function describeMethod(
  definition: IndexDefinition,
  r: Pick<IndexResult, "moments" | "included" | "excluded" | "counts" | "areas">,
  context: MethodContext,
): IndexMethod {
  const moments = new Map(r.moments.map((m) => [m.code, m]));
  const indicator =
    (dimension: "status" | "dynamics") =>
    (i: IndexIndicator): MethodIndicator => ({
      dimension,
      code: i.code,
      label: i.label,
      direction: DIRECTION[i.direction],
      weight: i.weight,
      mean: moments.get(i.code)?.mean ?? null,
      sd: moments.get(i.code)?.sd ?? null,
    });
  const classes = (dimension: "status" | "dynamics", bands: readonly ClassBand[]) => {
    const rules = bandRules(bands);
    return bands.map((b, i): MethodClass => ({
      dimension,
      label: b.label,
      rule: rules[i]!,
      areas: r.counts[dimension][b.key] ?? 0,
    }));
  };

  const reasons = new Map<string, number>();
  for (const a of r.areas) {
    if (a.exclusion) {
      const key =
        a.exclusion.reason === "manual"
          ? "von Hand ausgeschlossen"
          : a.exclusion.reason === "population_below_minimum"
            ? `weniger als ${de(definition.exclusions.minPopulation)} Einwohner`
            : "fehlende Werte";
      reasons.set(key, (reasons.get(key) ?? 0) + 1);
    }
  }
  const excludedText =
    r.excluded === 0
      ? "Kein Gebiet wurde ausgeschlossen."
      : `${de(r.excluded)} Gebiete wurden ausgeschlossen (${[...reasons]
          .map(([reason, n]) => `${de(n)} ${reason}`)
          .join(", ")}); sie erhalten keine Klasse.`;
  const weighted = [...definition.status, ...definition.dynamics].some((i) => i.weight !== 1);
  const hasDynamics = definition.dynamics.length > 0;

  const paragraphs = [
    `Berechnet für ${de(r.included)} Gebiete der Ebene „${context.levelName ?? context.level}“ zum Zeitraum ${context.period} (Indexdefinition „${definition.code}“, Version ${context.version}).`,
    `Jeder Indikator wird standardisiert: ${STANDARDISATION[definition.standardisation]}. Bei Indikatoren, deren hoher Wert günstig ist, wird das Vorzeichen umgekehrt, so dass ein hoher Wert immer mehr Benachteiligung anzeigt.`,
    `Die standardisierten Werte werden je Dimension ${weighted ? "gewichtet " : ""}addiert und die Summe erneut standardisiert; das ergibt den Statusindex${hasDynamics ? " und den Dynamikindex" : ""}. Ein hoher Statusindex bedeutet einen niedrigen sozialen Status.`,
    ...(hasDynamics
      ? [
          `Die Dynamik-Indikatoren sind Veränderungen über ${definition.dynamicsYears === 1 ? "1 Jahr" : `${de(definition.dynamicsYears)} Jahre`} in Prozentpunkten. Status- und Dynamikklasse zusammen ergeben eine der ${definition.statusClasses.length * definition.dynamicsClasses.length} Gruppen der Status-Dynamik-Matrix.`,
        ]
      : []),
    `Die Klassen werden aus den ungerundeten Indexwerten gebildet; ein Wert genau auf einer Grenze gehört zu der Klasse, deren Regel ihn einschließt (siehe Tabelle).`,
    `Ausgeschlossen werden Gebiete mit weniger als ${de(definition.exclusions.minPopulation)} Einwohnern (Indikator „${context.populationIndicator}“), Gebiete mit fehlenden Werten und von Hand benannte Gebiete mit Begründung. ${excludedText}`,
    ...(definition.context.length > 0
      ? [`Kontextindikatoren werden neben dem Index gezeigt und gehen nicht in ihn ein.`]
      : []),
    "Methode nach: Senatsverwaltung für Stadtentwicklung, Bauen und Wohnen Berlin, Monitoring Soziale Stadtentwicklung 2021, Methodik.",
  ];

  return {
    title: `Methode: ${definition.name}`,
    paragraphs,
    indicators: [
      ...definition.status.map(indicator("status")),
      ...definition.dynamics.map(indicator("dynamics")),
      ...definition.context.map((code): MethodIndicator => ({
        dimension: "context",
        code,
        label: code,
        direction: "",
        weight: null,
        mean: null,
        sd: null,
      })),
    ],
    classes: [
      ...classes("status", definition.statusClasses),
      ...(hasDynamics ? classes("dynamics", definition.dynamicsClasses) : []),
    ],
    caution: INDEX_CAUTION,
  };
}
