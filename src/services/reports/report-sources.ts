/**
 * What a report reads besides the indicators: the accommodation statistic (after disclosure
 * control — a report goes to the council), the edition of each social index it shows (the
 * current run of the latest period up to the report's) with its comparison to the previous
 * edition, and the area boundaries its maps draw. Loaded once per build, only what the
 * template asks for.
 */
import type { Feature } from "geojson";
import { addMonths, monthOf, parseMonth } from "../../core/accommodation/days.ts";
import type { ProtectedStatistic } from "../../core/accommodation/disclosure.ts";
import { findPlaceholders } from "../../core/reports/placeholders.ts";
import { blocksOf, type ReportTemplate } from "../../core/reports/template.ts";
import type { Period } from "../../core/periods/period.ts";
import { getFacilities, recordSpan } from "../accommodation/records.ts";
import { protectedSeries } from "../accommodation/occupancy-views.ts";
import { getAreas } from "../areas.ts";
import type { ServiceContext } from "../context.ts";
import type { EditionsText } from "../../core/social-index/editions.ts";
import {
  compareIndexRuns,
  describeComparison,
  findLatestEdition,
  getRun,
  type IndexRunView,
  type RunComparisonView,
} from "../social-index/index-runs.ts";
import type { Workspace } from "../workspaces.ts";
import type { ProgrammeDto } from "../../contracts/controlling.ts";
import type { ControllingSnapshot } from "../../core/reports/controlling-changes.ts";
import type { ReportDocument } from "../../core/reports/document.ts";
import { getProgramme, type Reader } from "../controlling/programme-read.ts";
import { findReport, findReportVersion, latestReportVersion } from "../../storage/reports.repo.ts";

/** How many months of accommodation figures a report reads (charts, records). */
export const ACCOMMODATION_MONTHS = 24;

/** A run's comparison with the previous edition, with the two editions in words. */
export type IndexComparison = RunComparisonView & { readonly editions: EditionsText };

export interface IndexSource {
  readonly run: IndexRunView;
  /** Against the previous edition; null for the first edition. */
  readonly comparison: IndexComparison | null;
}

/**
 * A report reads the programme as the council does: released goals only, the measures serving
 * them with their budget, and values of catalogue indicators after disclosure control — the
 * same audience ("internal") the report's indicator values are computed for.
 */
export const REPORT_READER: Reader = { role: "viewer", userId: null };

/** The report's last published version, as far as a controlling block compares with it. */
export interface PreviousEdition {
  readonly version: number;
  readonly publishedAt: Date;
  /** The lights and measures it stated; null for a version that stated none. */
  readonly snapshot: ControllingSnapshot | null;
}

export interface ControllingSource {
  readonly programme: ProgrammeDto;
  /** Null when the report has no published version yet (or is built without a report). */
  readonly previous: PreviousEdition | null;
}

export interface ReportSources {
  /** The strategic programme, when the template has a controlling block; else null. */
  readonly controlling: ControllingSource | null;
  /** The month the report's accommodation figures are for; null without records. */
  readonly accommodationMonth: string | null;
  /** The first month with accommodation figures at all; null without any. */
  readonly accommodationFirst: string | null;
  /** The facilities are Sopla's example data (the demo): every figure is labelled "Beispieldaten". */
  readonly accommodationExample: boolean;
  accommodation(month: string): ProtectedStatistic | undefined;
  /** Up to 24 months ending with `accommodationMonth`, oldest first. */
  readonly accommodationSeries: readonly ProtectedStatistic[];
  /**
   * The edition of each index the template shows: the current run of its latest period up
   * to the report's (an index without one is absent).
   */
  readonly indexRuns: ReadonlyMap<string, IndexSource>;
  /** The areas of a level with their boundaries, as GeoJSON features (code and name as properties). */
  geometry(level: string): readonly Feature[];
}

function usesAccommodation(t: ReportTemplate): boolean {
  return blocksOf(t).some(
    ({ block }) =>
      block.type === "accommodation" ||
      block.type === "findings" ||
      (block.type === "text" &&
        findPlaceholders(block.markdown).some((u) => u.placeholder?.fn === "accommodation")),
  );
}

export async function loadReportSources(
  ctx: ServiceContext,
  ws: Workspace,
  t: ReportTemplate,
  period: Period,
  /** The report built, whose last published version a controlling block compares with. */
  report?: string,
): Promise<ReportSources> {
  const blocks = blocksOf(t).map((b) => b.block);
  const controlling = blocks.some((b) => b.type === "controlling")
    ? {
        programme: await getProgramme(ctx, ws, REPORT_READER),
        previous: report === undefined ? null : await previousEdition(ctx, ws, report),
      }
    : null;
  const indexCodes = [...new Set(blocks.flatMap((b) => (b.type === "index" ? [b.index] : [])))];
  // The levels whose outlines a map or a typology's map draws.
  const mapLevels = [
    ...new Set(
      blocks.flatMap((b) =>
        b.type === "map" || (b.type === "typology" && b.parts.includes("map")) ? [b.level] : [],
      ),
    ),
  ];

  // Accommodation: the report's last month, or the last month with records when earlier.
  let month: string | null = null;
  let first: string | null = null;
  let series: ProtectedStatistic[] = [];
  let example = false;
  if (usesAccommodation(t)) {
    example = (await getFacilities(ctx, ws)).some((f) => f.example);
    const span = await recordSpan(ctx, ws);
    first = span?.first ?? null;
    if (span !== null) {
      // A report shows no month later than the current one (nor its period's last).
      const now = ctx.now();
      const current = monthOf(now.getUTCFullYear(), now.getUTCMonth() + 1).code;
      const end = [period.end.slice(0, 7), current].reduce((a, b) => (a < b ? a : b));
      const last = span.last < end ? span.last : end;
      if (last >= span.first) {
        month = last;
        const lastMonth = parseMonth(last)!;
        const firstWanted = addMonths(lastMonth, -(ACCOMMODATION_MONTHS - 1));
        const from = firstWanted.code < span.first ? parseMonth(span.first)! : firstWanted;
        // The same figures, with the same marks, as every reader without record access.
        series = await protectedSeries(ctx, ws, from, lastMonth);
      }
    }
  }
  const byMonth = new Map(series.map((s) => [s.month, s]));

  const indexRuns = new Map<string, IndexSource>();
  for (const code of indexCodes) {
    const edition = await findLatestEdition(ctx, ws, code, { upTo: period });
    if (!edition) continue;
    const comparison = await compareIndexRuns(ctx, ws, edition.id);
    indexRuns.set(code, {
      run: await getRun(ctx, ws, edition.id),
      comparison: comparison && { ...comparison, editions: describeComparison(comparison) },
    });
  }
  // The index maps draw the run's level.
  for (const s of indexRuns.values()) mapLevels.push(s.run.level);

  const geometries = new Map<string, Feature[]>();
  for (const level of new Set(mapLevels)) {
    const areas = await getAreas(ctx, ws, { level, geometry: true });
    geometries.set(
      level,
      areas.flatMap((a) =>
        a.geometry
          ? [
              {
                type: "Feature" as const,
                properties: { code: a.code, name: a.name },
                geometry: a.geometry,
              },
            ]
          : [],
      ),
    );
  }

  return {
    controlling,
    accommodationMonth: month,
    accommodationFirst: first,
    accommodationExample: example,
    accommodation: (m) => byMonth.get(m),
    accommodationSeries: series,
    indexRuns,
    geometry: (level) => geometries.get(level) ?? [],
  };
}

/** The report's latest published version with the controlling snapshot it froze. */
async function previousEdition(
  ctx: ServiceContext,
  ws: Workspace,
  code: string,
): Promise<PreviousEdition | null> {
  const r = await findReport(ctx.db.orm, ws.id, code);
  if (!r) return null;
  const latest = await latestReportVersion(ctx.db.orm, r.id);
  if (latest === 0) return null;
  const v = await findReportVersion(ctx.db.orm, r.id, latest);
  if (!v) return null;
  return {
    version: latest,
    publishedAt: v.publishedAt,
    snapshot: (v.document as ReportDocument).controlling ?? null,
  };
}
