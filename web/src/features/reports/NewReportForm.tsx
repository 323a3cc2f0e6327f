/**
 * Creates a report: a template, the period it needs (a year, a half-year, a month), the area
 * for an area profile (the areas of the template's level), a code (suggested, editable) and an
 * optional title. The form's own problems and the server's are listed in one alert, each
 * linked to its field; nothing typed is lost. A created report opens at once.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import type { AreaDto, AreaSystemDto } from "@contracts/areas.ts";
import { api, problemsOf, wsPath } from "../../lib/api.ts";
import { useI18n } from "../../lib/i18n.tsx";
import {
  PERIOD_EXAMPLE,
  readNewReportForm,
  suggestCode,
  templateName,
  type NewReportForm as Form,
} from "./new-report.ts";
import { reportsKeys, type ReportSummary, type TemplateSummary } from "./reports-api.ts";

const fieldId = (f: keyof Form) => `new-report-${f}`;

interface Problem {
  readonly text: string;
  readonly field: string | null;
}

export function NewReportForm({
  workspace,
  templates,
}: {
  readonly workspace: string;
  readonly templates: readonly TemplateSummary[];
}) {
  const { t, locale } = useI18n();
  const client = useQueryClient();
  const navigate = useNavigate();
  const first = templates.find((x) => x.code === "sozialbericht") ?? templates[0];
  const [form, setForm] = useState<Form>({
    template: first?.code ?? "",
    period: first ? PERIOD_EXAMPLE[first.periodKind] : "",
    area: "",
    code: "",
    title: "",
  });
  const [codeTouched, setCodeTouched] = useState(false);
  const [problems, setProblems] = useState<readonly Problem[]>([]);
  const [busy, setBusy] = useState(false);
  const template = templates.find((x) => x.code === form.template);
  const level = template?.perArea?.level ?? null;
  const areas = useQuery({
    enabled: level !== null,
    queryKey: ["areas", workspace, "level", level],
    queryFn: () =>
      api<AreaDto[]>(wsPath("/api/areas", workspace, { level: level!, geometry: "false" })),
  });
  const systems = useQuery({
    enabled: level !== null,
    queryKey: ["area-systems", workspace],
    queryFn: () => api<AreaSystemDto[]>(wsPath("/api/area-systems", workspace)),
  });
  const levelName =
    systems.data?.flatMap((s) => s.levels).find((l) => l.code === level)?.name ?? level ?? "";
  const code = codeTouched ? form.code : suggestCode(form.template, form.period, form.area);
  const invalid = new Set(problems.flatMap((p) => (p.field ? [p.field] : [])));
  const aria = (f: keyof Form) =>
    invalid.has(fieldId(f)) ? { "aria-invalid": true as const } : {};
  const change = (next: Partial<Form>) => setForm((f) => ({ ...f, ...next }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const read = readNewReportForm({ ...form, code }, template, t);
    if (!read.ok) {
      setProblems(read.problems.map((p) => ({ text: p.text, field: fieldId(p.field) })));
      return;
    }
    setBusy(true);
    try {
      const created = await api<ReportSummary>(wsPath("/api/reports", workspace), {
        method: "POST",
        body: read.body,
      });
      setProblems([]);
      await client.invalidateQueries({ queryKey: reportsKeys.list(workspace) });
      void navigate(`/berichte/${encodeURIComponent(created.code)}`);
    } catch (error) {
      setProblems(problemsOf(error).map((text) => ({ text, field: null })));
    } finally {
      setBusy(false);
    }
  }

  const kind = template?.periodKind ?? "year";
  const sortedAreas = [...(areas.data ?? [])].sort((a, b) => a.name.localeCompare(b.name, locale));
  return (
    <form
      className="report-form"
      aria-labelledby="new-report-heading"
      onSubmit={(e) => void submit(e)}
      noValidate
    >
      <div className="form-grid">
        <div className="control">
          <label htmlFor={fieldId("template")}>{t("reports.template")}</label>
          <select
            id={fieldId("template")}
            value={form.template}
            onChange={(e) => {
              const next = templates.find((x) => x.code === e.target.value);
              change({
                template: e.target.value,
                area: "",
                ...(next && next.periodKind !== template?.periodKind
                  ? { period: PERIOD_EXAMPLE[next.periodKind] }
                  : {}),
              });
            }}
            {...aria("template")}
          >
            {templates.map((x) => (
              <option key={x.code} value={x.code}>
                {templateName(x.title)} ({t(`reports.kind.${x.periodKind}`)})
              </option>
            ))}
          </select>
        </div>
        <div className="control">
          <label htmlFor={fieldId("period")}>{t("reports.period")}</label>
          <input
            id={fieldId("period")}
            type="text"
            value={form.period}
            spellCheck={false}
            aria-describedby={`${fieldId("period")}-help`}
            onChange={(e) => change({ period: e.target.value })}
            {...aria("period")}
          />
          <small id={`${fieldId("period")}-help`}>
            {t("reports.periodHelp", {
              kind: t(`reports.kind.${kind}`),
              example: PERIOD_EXAMPLE[kind],
            })}
          </small>
        </div>
        {level !== null && (
          <div className="control">
            <label htmlFor={fieldId("area")}>{t("reports.areaOf", { level: levelName })}</label>
            <select
              id={fieldId("area")}
              value={form.area}
              onChange={(e) => change({ area: e.target.value })}
              {...aria("area")}
            >
              <option value="">{t("reports.choose")}</option>
              {sortedAreas.map((a) => (
                <option key={a.code} value={a.code}>
                  {a.name} ({a.code})
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="control">
          <label htmlFor={fieldId("code")}>{t("reports.code")}</label>
          <input
            id={fieldId("code")}
            type="text"
            value={code}
            spellCheck={false}
            aria-describedby={`${fieldId("code")}-help`}
            onChange={(e) => {
              setCodeTouched(true);
              change({ code: e.target.value });
            }}
            {...aria("code")}
          />
          <small id={`${fieldId("code")}-help`}>{t("reports.codeHelp")}</small>
        </div>
        <div className="control">
          <label htmlFor={fieldId("title")}>{t("reports.titleOptional")}</label>
          <input
            id={fieldId("title")}
            type="text"
            value={form.title}
            aria-describedby={`${fieldId("title")}-help`}
            onChange={(e) => change({ title: e.target.value })}
          />
          <small id={`${fieldId("title")}-help`}>{t("reports.titleHelp")}</small>
        </div>
      </div>
      {problems.length > 0 && (
        <div role="alert" className="problems">
          <p className="form-error">{t("reports.notCreated")}</p>
          <ul>
            {problems.map((p, i) => (
              <li key={i}>
                {p.field ? (
                  <a
                    href={`#${p.field}`}
                    onClick={(e) => {
                      const field = document.getElementById(p.field!);
                      if (!field) return;
                      e.preventDefault();
                      field.focus();
                    }}
                  >
                    {p.text}
                  </a>
                ) : (
                  p.text
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="buttons">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t("reports.creating") : t("reports.create")}
        </button>
      </div>
    </form>
  );
}
