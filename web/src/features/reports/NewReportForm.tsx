/**
 * Creates a report: a template, the period it needs (a year, a half-year, a month), the area
 * for an area profile (the areas of the template's level), a code (suggested, editable) and an
 * optional title. The form's own problems and the server's are listed in one alert, each
 * linked to its field; nothing typed is lost. A created report opens at once.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import type { AreaDto } from "@contracts/areas.ts";
import { api, problemsOf, wsPath } from "../../lib/api.ts";
import { ProblemList, toField, type Problem } from "../../ui/ProblemList.tsx";
import { useAreaSystems } from "../../lib/catalogue-queries.ts";
import { useI18n } from "../../lib/i18n.tsx";
import {
  PERIOD_EXAMPLE,
  readNewReportForm,
  suggestCode,
  templateName,
  type NewReportBody,
  type NewReportForm as Form,
} from "./new-report.ts";
import { reportsKeys, type ReportSummary, type TemplateSummary } from "./reports-api.ts";
import { Field, TextField } from "../../ui/TextField.tsx";

const fieldId = (f: keyof Form) => `new-report-${f}`;

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
  const template = templates.find((x) => x.code === form.template);
  const level = template?.perArea?.level ?? null;
  const areas = useQuery({
    enabled: level !== null,
    queryKey: ["areas", workspace, "level", level],
    queryFn: () =>
      api<AreaDto[]>(wsPath("/api/areas", workspace, { level: level!, geometry: "false" })),
  });
  const systems = useAreaSystems(workspace, level !== null);
  const levelName =
    systems.data?.flatMap((s) => s.levels).find((l) => l.code === level)?.name ?? level ?? "";
  const code = codeTouched ? form.code : suggestCode(form.template, form.period, form.area);
  const invalid = new Set(problems.flatMap((p) => (p.field ? [p.field] : [])));
  const aria = (f: keyof Form) =>
    invalid.has(fieldId(f)) ? { "aria-invalid": true as const } : {};
  const change = (next: Partial<Form>) => setForm((f) => ({ ...f, ...next }));

  const creation = useMutation({
    mutationFn: (body: NewReportBody) =>
      api<ReportSummary>(wsPath("/api/reports", workspace), { method: "POST", body }),
    onSuccess: async (created) => {
      setProblems([]);
      await client.invalidateQueries({ queryKey: reportsKeys.list(workspace) });
      void navigate(`/berichte/${encodeURIComponent(created.code)}`);
    },
    onError: (error) => setProblems(problemsOf(error).map((message) => ({ message, field: null }))),
  });
  const busy = creation.isPending;

  function submit(e: FormEvent) {
    e.preventDefault();
    const read = readNewReportForm({ ...form, code }, template, t);
    if (!read.ok) {
      setProblems(read.problems.map((p) => ({ message: p.text, field: fieldId(p.field) })));
      return;
    }
    creation.mutate(read.body);
  }

  const kind = template?.periodKind ?? "year";
  const sortedAreas = [...(areas.data ?? [])].sort((a, b) => a.name.localeCompare(b.name, locale));
  return (
    <form className="report-form" aria-labelledby="new-report-heading" onSubmit={submit} noValidate>
      <div className="form-grid">
        <Field id={fieldId("template")} label={t("reports.template")}>
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
        </Field>
        <TextField
          id={fieldId("period")}
          label={t("reports.period")}
          hint={t("reports.periodHelp", {
            kind: t(`reports.kind.${kind}`),
            example: PERIOD_EXAMPLE[kind],
          })}
          type="text"
          value={form.period}
          spellCheck={false}
          onChange={(value) => change({ period: value })}
          {...aria("period")}
        />
        {level !== null && (
          <Field id={fieldId("area")} label={t("reports.areaOf", { level: levelName })}>
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
          </Field>
        )}
        <TextField
          id={fieldId("code")}
          label={t("reports.code")}
          hint={t("reports.codeHelp")}
          type="text"
          value={code}
          spellCheck={false}
          onChange={(value) => {
            setCodeTouched(true);
            change({ code: value });
          }}
          {...aria("code")}
        />
        <TextField
          id={fieldId("title")}
          label={t("reports.titleOptional")}
          type="text"
          hint={t("reports.titleHelp")}
          value={form.title}
          onChange={(value) => change({ title: value })}
        />
      </div>
      {problems.length > 0 && (
        <ProblemList title={t("reports.notCreated")} problems={problems} jump={toField} />
      )}
      <div className="buttons">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t("reports.creating") : t("reports.create")}
        </button>
      </div>
    </form>
  );
}
