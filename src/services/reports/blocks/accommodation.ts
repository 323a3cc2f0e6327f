/**
 * An accommodation block: the month's occupancy of the city's accommodation from the protected
 * statistic (a summary in words, key figures, figures by type of accommodation, the series).
 * Figures per facility never appear in a report.
 */
import type {
  ProtectedFigures,
  ProtectedStatistic,
} from "../../../core/accommodation/disclosure.ts";
import { FACILITY_TYPE_LABELS, type FacilityType } from "../../../core/accommodation/model.ts";
import { addMonths, parseMonth } from "../../../core/accommodation/days.ts";
import type { Cell, Node } from "../../../core/reports/document.ts";
import { formatDay, formatNumber, formatPeriod } from "../../../core/reports/format.ts";
import type { AccommodationBlock } from "../../../core/reports/template.ts";
import { countingRulesOf, rulesText } from "../../accommodation/statistic.ts";
import { accommodationFigure } from "../figures.ts";
import type { ReportSources } from "../report-sources.ts";
import { countCell, SIGN, type BlockBuilder } from "./context.ts";

const figuresRow = (label: string, f: ProtectedFigures): Cell[] => [
  { text: label },
  countCell(f.persons),
  countCell(f.households),
  { number: f.places, decimals: 0 },
  f.occupancyRate === null ? SIGN.missing : { number: f.occupancyRate * 100, decimals: 1 },
  countCell(f.freePlaces),
  countCell(f.entries),
  countCell(f.exits),
];

const columns = (first: string) => [
  { label: first, numeric: false },
  { label: "Personen", numeric: true },
  { label: "Haushalte", numeric: true },
  { label: "Plätze", numeric: true },
  { label: "Auslastung (%)", numeric: true },
  { label: "Freie Plätze", numeric: true },
  { label: "Einzüge", numeric: true },
  { label: "Auszüge", numeric: true },
];

export const accommodationBuilder: BlockBuilder<AccommodationBlock> = {
  indicators: () => [],
  build(b, ctx, place) {
    const sources = ctx.sources;
    const month = sources.accommodationMonth;
    const s = month === null ? undefined : sources.accommodation(month);
    if (month === null || s === undefined) {
      // A monthly accommodation report is about the figures; any other report says they are missing.
      if (ctx.template.periodKind === "month" || !b.parts.includes("summary")) {
        ctx.problem(place, "Für den Zeitraum des Berichts gibt es keine Belegungsstatistik.");
        return [];
      }
      const first = sources.accommodationFirst;
      const since = first === null ? "" : `; sie beginnen im ${formatPeriod(first)}`;
      return [
        {
          kind: "paragraph",
          inlines: [
            {
              text: `Für ${formatPeriod(ctx.reportPeriod.code)} liegen keine Belegungszahlen der städtischen Unterkünfte vor${since}.`,
            },
          ],
        },
      ];
    }
    const monthText = formatPeriod(month);
    const out: Node[] = [];
    const rulesNote = rulesText(countingRulesOf(ctx.data.workspace), s.referenceDate);
    if (sources.accommodationExample) {
      out.push({
        kind: "paragraph",
        inlines: [
          { text: "Beispieldaten: ", strong: true },
          {
            text: "Die Unterkünfte und Belegungen dieses Arbeitsbereichs sind synthetisch erzeugt; keine Person darin existiert.",
            emphasis: true,
          },
        ],
      });
    }
    for (const part of b.parts) {
      if (part === "summary") {
        out.push({ kind: "paragraph", inlines: [{ text: summary(s, sources) }] });
      } else if (part === "key_figures") {
        const prev = sources.accommodation(addMonths(parseMonth(month)!, -1).code);
        const year = sources.accommodation(addMonths(parseMonth(month)!, -12).code);
        const rows = [figuresRow(monthText, s.total)];
        if (prev) rows.push(figuresRow(`Vormonat (${formatPeriod(prev.month)})`, prev.total));
        if (year) rows.push(figuresRow(`Vorjahresmonat (${formatPeriod(year.month)})`, year.total));
        out.push(
          ctx.nextTable({
            caption: b.caption ?? `Belegung der städtischen Unterkünfte, ${monthText}`,
            source: ctx.accommodationSource,
            columns: columns("Monat"),
            rows,
            notes: [rulesNote, ...ctx.notes(rows, false)],
          }),
        );
      } else if (part === "by_type") {
        const rows = Object.entries(s.byType).map(([type, f]) =>
          figuresRow(FACILITY_TYPE_LABELS[type as FacilityType], f),
        );
        rows.push(figuresRow("Insgesamt", s.total));
        out.push(
          ctx.nextTable({
            caption: `Belegung nach Art der Unterkunft, ${monthText}`,
            source: ctx.accommodationSource,
            columns: columns("Art der Unterkunft"),
            rows,
            notes: [rulesNote, ...ctx.notes(rows, false)],
          }),
        );
      } else if (part === "by_facility") {
        // Figures per facility stay with the accommodation staff and the planners: a report
        // is read by the council and may be published (disclosure control, no facility).
        ctx.warn(
          place,
          "Die Belegung je Unterkunft steht in keinem Bericht (Geheimhaltung); der Bericht nennt stattdessen die Arten der Unterkunft.",
        );
        out.push({
          kind: "paragraph",
          inlines: [
            {
              text: "Zahlen je Unterkunft werden in Berichten nicht veröffentlicht, damit keine Person über ihre Unterkunft erkennbar wird; die Übersicht nach Art der Unterkunft steht oben.",
              emphasis: true,
            },
          ],
        });
      } else {
        const series = sources.accommodationSeries;
        out.push(
          ctx.nextFigure({
            ...accommodationFigure(series),
            caption: `Personen am Stichtag und Plätze, ${formatPeriod(series[0]?.month ?? month)} bis ${monthText}`,
            source: ctx.accommodationSource,
          }),
        );
      }
    }
    return out;
  },
};

/** The month's key figures in two or three sentences, with the changes to compare. */
function summary(s: ProtectedStatistic, sources: ReportSources): string {
  const n = (v: number | null) => (v === null ? "(gesperrt)" : formatNumber(v, 0));
  const month = parseMonth(s.month)!;
  const change = (other: ProtectedStatistic | undefined, what: string) => {
    if (!other || other.total.persons === null || s.total.persons === null) return null;
    const d = s.total.persons - other.total.persons;
    return `${d === 0 ? "gleich viele wie" : `${formatNumber(Math.abs(d), 0)} ${d > 0 ? "mehr" : "weniger"} als`} ${what}`;
  };
  const changes = [
    change(sources.accommodation(addMonths(month, -1).code), "im Vormonat"),
    change(sources.accommodation(addMonths(month, -12).code), "ein Jahr zuvor"),
  ].filter((x): x is string => x !== null);
  const t = s.total;
  const rate =
    t.occupancyRate === null ? "" : ` (Auslastung ${formatNumber(t.occupancyRate * 100, 1)} %)`;
  return [
    `Am Stichtag ${formatDay(s.referenceDate)} waren ${n(t.persons)} Personen in ${n(t.households)} Haushalten in den städtischen Unterkünften untergebracht${changes.length > 0 ? `, ${changes.join(" und ")}` : ""}.`,
    `Von ${formatNumber(t.places, 0)} Plätzen waren ${n(t.freePlaces)} frei${rate}.`,
    `Im ${formatPeriod(s.month)} zogen ${n(t.entries)} Personen ein und ${n(t.exits)} aus; ${n(t.entitledToFlat)} Untergebrachte hätten Anspruch auf eine eigene Wohnung.`,
  ].join(" ");
}
