/**
 * The template editor (/berichte/<code>/vorlage): the template of a report — shared by every
 * report that uses it — with its title, its outline of chapters and sections, the blocks of the
 * chosen section (text with the figure picker, maps, the other blocks summarised), a live
 * preview with the report's period and area, and saving as a new version with a comment
 * ("Version N gespeichert", or "Unverändert"). A refused template shows every problem with its
 * place and keeps everything typed.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useMemo, useRef, useState } from "react";
import { Link } from "react-router";
import type { IndicatorDto } from "@contracts/indicators.ts";
import { formatPeriod } from "@core/reports/format.ts";
import type { ReportTemplate } from "@core/reports/template.ts";
import { api, wsPath } from "../../lib/api.ts";
import { useAreaSystems, useAreas, useIndicators } from "../../lib/catalogue-queries.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { ErrorState, Loading } from "../../ui/states.tsx";
import { OutlineEditor } from "./OutlineEditor.tsx";
import { offsetOf } from "./placeholder.ts";
import { PreviewPane } from "./PreviewPane.tsx";
import { ProblemList, type ProblemJump } from "../../ui/ProblemList.tsx";
import { problemPlace, reportProblemsOf } from "./report-format.ts";
import {
  reportPath,
  reportsKeys,
  type ReportProblem,
  type ReportSummary,
  type SavedTemplate,
  type TemplateDetail,
} from "./reports-api.ts";
import { SectionBlocks } from "./SectionBlocks.tsx";
import {
  blockAt,
  editable,
  fieldIds,
  findSection,
  localProblems,
  setSubtitle,
  setTitle,
  templateOf,
  type EditTemplate,
  type LocalProblem,
  type Names,
} from "./template-edit.ts";
import { usePathWords } from "./use-path-words.ts";
import { TextField } from "../../ui/TextField.tsx";

export function TemplateEditorPage({
  workspace,
  code,
}: {
  readonly workspace: string;
  readonly code: string;
}) {
  const { t } = useI18n();
  const report = useQuery({
    queryKey: reportsKeys.report(workspace, code),
    queryFn: () => api<ReportSummary>(wsPath(reportPath(code), workspace)),
  });
  const templateCode = report.data?.template;
  const template = useQuery({
    enabled: templateCode !== undefined,
    queryKey: reportsKeys.template(workspace, templateCode ?? ""),
    queryFn: () =>
      api<TemplateDetail>(
        wsPath(`/api/reports/templates/${encodeURIComponent(templateCode!)}`, workspace),
      ),
  });
  const indicators = useIndicators(workspace);
  const systems = useAreaSystems(workspace);
  const areas = useAreas(workspace);
  const back = (
    <p className="back-link">
      <Link to={`/berichte/${encodeURIComponent(code)}`}>
        {t("reports.editor.back", { title: report.data?.title ?? code })}
      </Link>
    </p>
  );
  for (const q of [report, template, indicators, systems, areas]) {
    if (q.isError) {
      return (
        <>
          {back}
          <ErrorState error={q.error} retry={() => void q.refetch()} />
        </>
      );
    }
  }
  if (!report.data || !template.data || !indicators.data || !systems.data || !areas.data) {
    return (
      <>
        {back}
        <Loading />
      </>
    );
  }
  return (
    <>
      {back}
      <TemplateEditor
        key={template.data.template.code}
        workspace={workspace}
        report={report.data}
        detail={template.data}
        indicators={indicators.data}
        levels={systems.data.flatMap((s) => s.levels)}
        areas={areas.data.filter((a) => a.depth > 0)}
      />
    </>
  );
}

function TemplateEditor(props: {
  readonly workspace: string;
  readonly report: ReportSummary;
  readonly detail: TemplateDetail;
  readonly indicators: readonly IndicatorDto[];
  readonly levels: readonly { code: string; name: string }[];
  readonly areas: Parameters<typeof SectionBlocks>[0]["areas"];
}) {
  const { t, language } = useI18n();
  const client = useQueryClient();
  const words = usePathWords();
  const { workspace, report, detail } = props;
  const [tpl, setTpl] = useState<EditTemplate>(() => editable(detail.template));
  const [baseline, setBaseline] = useState<ReportTemplate>(detail.template);
  const [version, setVersion] = useState(detail.version);
  const [selected, setSelected] = useState(tpl.chapters[0]?.sections[0]?.id ?? "");
  const [comment, setComment] = useState("");
  const [outcome, setOutcome] = useState<string | null>(null);
  const [problems, setProblems] = useState<readonly ReportProblem[]>([]);
  const [local, setLocal] = useState<readonly LocalProblem[]>([]);
  const cursors = useRef(new Map<string, { start: number; end: number }>());

  const names = useMemo<Names>(
    () => ({
      indicator: (c) => props.indicators.find((i) => i.code === c)?.name ?? c,
      level: (c) => props.levels.find((l) => l.code === c)?.name ?? c,
    }),
    [props.indicators, props.levels],
  );
  const template = templateOf(tpl);
  const json = JSON.stringify(template);
  const unsaved = json !== JSON.stringify(baseline);
  const ownProblems = localProblems(tpl, t);
  const place = findSection(tpl, selected);

  /** After the next paint: the element by id gets the focus (and a text its cursor). */
  const focus = useCallback((id: string, caret?: number) => {
    requestAnimationFrame(() => {
      const el = document.getElementById(id);
      if (!el) return;
      el.focus();
      if (caret !== undefined && el instanceof HTMLTextAreaElement) {
        el.setSelectionRange(caret, caret);
      }
    });
  }, []);

  const change = (next: EditTemplate) => {
    setTpl(next);
    setOutcome(null);
  };

  /** The element at a problem's spot: its text block (or block, or section), else null. */
  const targetOf = (p: ReportProblem): { section: string; id: string; caret?: number } | null => {
    const at = problemPlace(p.place);
    if (!at) return null;
    const target = blockAt(tpl, at);
    if (!target) return null;
    if (target.block === null) return { section: target.section, id: "blocks-title" };
    const block = findSection(tpl, target.section)?.value.blocks.find(
      (b) => b.id === target.block,
    )?.block;
    if (block?.type !== "text") return { section: target.section, id: `${target.block}-heading` };
    return {
      section: target.section,
      id: fieldIds.markdown(target.block),
      ...(at.line !== null && at.column !== null
        ? { caret: offsetOf(block.markdown, at.line, at.column) }
        : {}),
    };
  };
  /** To a problem's spot: its section chosen, its text block focused at line and column. */
  const jump: ProblemJump<ReportProblem> = {
    target: (p) => targetOf(p)?.id ?? null,
    go: (p) => {
      const target = targetOf(p);
      if (!target) return;
      setSelected(target.section);
      focus(target.id, target.caret);
    },
  };

  const saving = useMutation({
    mutationFn: (template: ReportTemplate) =>
      api<SavedTemplate>(
        wsPath(`/api/reports/templates/${encodeURIComponent(tpl.code)}`, workspace),
        {
          method: "PUT",
          body: { template, ...(comment.trim() === "" ? {} : { comment: comment.trim() }) },
        },
      ),
    onSuccess: (saved, template) => {
      setProblems([]);
      setBaseline(template);
      setVersion(saved.version);
      setComment("");
      setOutcome(
        saved.created
          ? t("reports.editor.saved", { n: String(saved.version) })
          : t("reports.editor.unchanged", { n: String(saved.version) }),
      );
      // Drafts of every report with this template are built from the new version.
      void client.invalidateQueries({ queryKey: reportsKeys.all(workspace) });
    },
    onError: (error) => setProblems(reportProblemsOf(error, words)),
  });
  const busy = saving.isPending;

  function save() {
    setOutcome(null);
    if (ownProblems.length > 0) {
      setLocal(ownProblems);
      setProblems([]);
      return;
    }
    setLocal([]);
    saving.mutate(template);
  }

  const localJump: ProblemJump<LocalProblem & { readonly message: string }> = {
    target: (p) => p.field,
    go: (p) => {
      if (p.section) setSelected(p.section);
      focus(p.field);
    },
  };
  const localList = (list: readonly LocalProblem[], title: string, role: "alert" | "none") => (
    <ProblemList
      className="report-problems"
      role={role}
      title={title}
      problems={list.map((p) => ({ ...p, message: p.text }))}
      jump={localJump}
    />
  );

  const period = language === "de" ? formatPeriod(report.period) : report.period;
  return (
    <>
      <h2>{t("reports.editor.heading", { code: tpl.code })}</h2>
      <p className="intro">
        {t("reports.editor.intro", { title: report.title, period })}{" "}
        {version === 0
          ? t("reports.editor.versionBuiltIn")
          : t("reports.editor.versionN", { n: String(version) })}
      </p>
      <div className="template-editor">
        <div className="editor-main">
          <fieldset className="editor-general">
            <legend>{t("reports.editor.general")}</legend>
            <TextField
              id={fieldIds.title}
              label={t("reports.editor.title")}
              type="text"
              value={tpl.title}
              onChange={(value) => change(setTitle(tpl, value))}
            />
            <TextField
              id={fieldIds.subtitle}
              label={t("reports.editor.subtitle")}
              type="text"
              value={tpl.subtitle}
              onChange={(value) => change(setSubtitle(tpl, value))}
            />
          </fieldset>
          <OutlineEditor
            template={tpl}
            selected={selected}
            onSelect={setSelected}
            onChange={change}
            focus={focus}
          />
          <SectionBlocks
            template={tpl}
            sectionId={selected}
            onChange={change}
            indicators={props.indicators}
            levels={props.levels}
            areas={props.areas}
            names={names}
            cursors={cursors}
            focus={focus}
          />
          <section aria-labelledby="save-title" className="editor-save">
            <h3 id="save-title">{t("reports.editor.save")}</h3>
            <TextField
              id="tpl-comment"
              label={t("reports.editor.comment")}
              type="text"
              value={comment}
              maxLength={500}
              onChange={setComment}
            />
            {local.length > 0 && localList(local, t("reports.editor.notSaved"), "alert")}
            {problems.length > 0 && (
              <ProblemList
                className="report-problems"
                title={t("reports.editor.notSaved")}
                problems={problems}
                jump={jump}
              />
            )}
            <p role="status" className="save-outcome">
              {outcome}
            </p>
            <div className="buttons">
              <button type="button" className="primary" disabled={busy} onClick={save}>
                {busy ? t("reports.editor.saving") : t("reports.editor.saveButton")}
              </button>
              <button
                type="button"
                className="secondary"
                aria-disabled={!unsaved || undefined}
                onClick={() => {
                  if (!unsaved) return;
                  const fresh = editable(baseline);
                  setTpl(fresh);
                  setSelected(fresh.chapters[0]?.sections[0]?.id ?? "");
                  setProblems([]);
                  setLocal([]);
                  setOutcome(t("reports.editor.discarded"));
                }}
              >
                {t("reports.editor.discard")}
              </button>
              {unsaved && <span className="unsaved">{t("reports.editor.unsaved")}</span>}
            </div>
          </section>
        </div>
        <PreviewPane
          workspace={workspace}
          template={ownProblems.length > 0 ? null : template}
          blocked={localList(ownProblems, t("reports.editor.incomplete"), "none")}
          period={report.period}
          area={report.area}
          place={place ? { chapter: place.chapter, section: place.section } : null}
          jump={jump}
        />
      </div>
    </>
  );
}
