/**
 * The figures a placeholder may read while a report is built ({{wert …}}, {{rang …}},
 * {{unterbringung …}}): periods relative to the report's, indicator values with the reason
 * a value is missing in words, ranks and the protected accommodation statistic.
 */
import type { ProtectedFigures } from "../../../core/accommodation/disclosure.ts";
import { addMonths, parseMonth } from "../../../core/accommodation/days.ts";
import { parsePeriod, type Period } from "../../../core/periods/period.ts";
import { formatPeriod } from "../../../core/reports/format.ts";
import type { AccommodationFigure, FigureLookup } from "../../../core/reports/placeholders.ts";
import type { MissingReason } from "../../../core/value.ts";
import type { ReportData } from "../report-data.ts";
import type { ReportSources } from "../report-sources.ts";

/** What a lookup reads of one build. */
export interface LookupScope {
  readonly data: ReportData;
  readonly sources: ReportSources;
  readonly reportPeriod: Period;
  /** The latest period with indicator data up to the report's. */
  readonly dataPeriod: string;
  readonly area: string | null;
}

/** The lookup of one build: its report's period and area, its data and sources. */
export function figureLookup(ctx: LookupScope): FigureLookup {
  const d = ctx.data;
  const lastMonth = ctx.sources.accommodationMonth;
  return {
    reportArea: ctx.area,
    periodText: () => formatPeriod(ctx.reportPeriod.code),
    period: (ref, purpose) => {
      if (purpose === "month") {
        if (ref === null)
          return lastMonth === null
            ? { error: "Es gibt keine Belegungsstatistik." }
            : { code: lastMonth };
        if (ref === "vormonat" && lastMonth !== null)
          return { code: addMonths(parseMonth(lastMonth)!, -1).code };
        if (ref === "vorjahr" && lastMonth !== null)
          return { code: addMonths(parseMonth(lastMonth)!, -12).code };
        return parseMonth(ref)
          ? { code: ref }
          : { error: `„${ref}“ ist kein Monat (JJJJ-MM, vormonat, vorjahr).` };
      }
      if (ref === null) {
        if (purpose === "value") return { code: ctx.dataPeriod };
        const p = d.relativePeriod(
          ctx.dataPeriod,
          ctx.reportPeriod.kind === "year" ? "previous" : "year_before",
        );
        return p === null
          ? { error: `Vor ${ctx.dataPeriod} gibt es keinen Zeitraum.` }
          : { code: p };
      }
      if (ref === "vorjahr" || ref === "vorperiode") {
        const p = d.relativePeriod(ctx.dataPeriod, ref === "vorjahr" ? "year_before" : "previous");
        return p === null
          ? { error: `Vor ${ctx.dataPeriod} gibt es keinen Zeitraum.` }
          : { code: p };
      }
      const parsed = parsePeriod(ref);
      return parsed.ok ? { code: parsed.value.code } : { error: `„${ref}“ ist kein Zeitraum.` };
    },
    indicator: (code) => {
      const row = d.catalogue.get(code);
      return row && { label: row.name, unit: row.unit, decimals: row.decimals };
    },
    areaName: (code) => d.areaName(code),
    cityArea: () => d.cityCode,
    value: (indicator, area, period) => {
      const v = d.value(indicator, area, period);
      if (v === undefined) return undefined;
      if (v.kind === "known") return v;
      if (v.kind === "suppressed") return { kind: "suppressed", reason: "Geheimhaltung" };
      return v.reason === "no_data"
        ? undefined
        : { kind: "missing", reason: MISSING_TEXT[v.reason] };
    },
    rank: (indicator, area, period) => d.rank(indicator, area, period),
    accommodation: (month, figure) => {
      const s = ctx.sources.accommodation(month);
      return s === undefined ? undefined : figureOf(s.total, figure);
    },
  };
}

const MISSING_TEXT: Record<MissingReason, string> = {
  under_review: "wird noch geprüft",
  not_reliable: "nicht sicher genug",
  withheld_at_source: "von der Quelle nicht geliefert",
  zero_denominator: "Nenner null",
  incomplete_coverage: "nicht für alle Teilgebiete vorhanden",
  not_aggregable: "nicht summierbar",
  no_data: "keine Daten",
};

function figureOf(f: ProtectedFigures, figure: AccommodationFigure): number | null {
  return f[figure];
}
