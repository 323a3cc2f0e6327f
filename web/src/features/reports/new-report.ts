/**
 * The form that creates a report, without React: a code suggested from the template, period and
 * area, the period a template needs (a year, a half-year, a month), and the request body with
 * every problem the form can see named in German before anything is sent. The server checks
 * the rest (a code already taken, a template or area that does not exist).
 */
import type { ReportPeriodKind } from "@core/reports/template.ts";
import type { Translate } from "./messages.ts";
import type { TemplateSummary } from "./reports-api.ts";
import { slug } from "../../lib/slug.ts";

export interface NewReportForm {
  readonly template: string;
  readonly period: string;
  readonly area: string;
  readonly code: string;
  readonly title: string;
}

export interface NewReportBody {
  readonly code: string;
  readonly title?: string;
  readonly template: string;
  readonly period: string;
  readonly area?: string;
}

/** A problem with the id of the field it belongs to. */
export interface FieldProblem {
  readonly field: keyof NewReportForm;
  readonly text: string;
}

export type NewReportResult =
  | { readonly ok: true; readonly body: NewReportBody }
  | { readonly ok: false; readonly problems: readonly FieldProblem[] };

const PERIOD: Record<ReportPeriodKind, RegExp> = {
  year: /^\d{4}$/,
  half_year: /^\d{4}-H[12]$/,
  month: /^\d{4}-(0[1-9]|1[0-2])$/,
};

/** An example period of each kind, for the field's help. */
export const PERIOD_EXAMPLE: Record<ReportPeriodKind, string> = {
  year: "2021",
  half_year: "2026-H1",
  month: "2026-10",
};

export const CODE = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** A period as typed ("2026-h1", " 2021 ") in the form the API takes ("2026-H1", "2021"). */
export const normalPeriod = (text: string): string => text.trim().toUpperCase();

/** "sozialbericht-2021", "gebietsprofil-2021-stgt01": lower case, digits and hyphens. */
export function suggestCode(template: string, period: string, area: string): string {
  const words = [template, normalPeriod(period), area.trim()].filter((p) => p !== "");
  return slug(words.join("-"), 63);
}

export function readNewReportForm(
  form: NewReportForm,
  template: TemplateSummary | undefined,
  t: Translate,
): NewReportResult {
  const problems: FieldProblem[] = [];
  const code = form.code.trim();
  const period = normalPeriod(form.period);
  const title = form.title.trim();
  const area = form.area.trim();
  if (!template) problems.push({ field: "template", text: t("reports.problem.template") });
  if (template && !PERIOD[template.periodKind].test(period)) {
    problems.push({
      field: "period",
      text: t("reports.problem.period", {
        text: form.period.trim(),
        kind: t(`reports.kind.${template.periodKind}`),
        example: PERIOD_EXAMPLE[template.periodKind],
      }),
    });
  }
  if (template?.perArea && area === "") {
    problems.push({ field: "area", text: t("reports.problem.area") });
  }
  if (!CODE.test(code)) problems.push({ field: "code", text: t("reports.problem.code") });
  if (problems.length > 0 || !template) return { ok: false, problems };
  return {
    ok: true,
    body: {
      code,
      ...(title === "" ? {} : { title }),
      template: template.code,
      period,
      ...(template.perArea && area !== "" ? { area } : {}),
    },
  };
}

/** A template's title without its placeholders: "Sozialbericht {{zeitraum}}" → "Sozialbericht". */
export const templateName = (title: string): string =>
  title
    .replace(/\s*\{\{[^}]*\}\}\s*/g, " ")
    .replace(/\s+/g, " ")
    .trim();
