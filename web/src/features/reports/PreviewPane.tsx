/**
 * The live preview of a template being edited: about 800 ms after the last change the
 * template is sent to `POST /api/reports/preview` with the report's period (and area) and the
 * built document is shown — or, when it cannot be built, every problem with its place, each a
 * link to the spot in the editor. Nothing is saved. An answer to an older state of the
 * template is dropped when a newer one was asked for.
 */
import { useEffect, useRef, useState, type ReactNode } from "react";
import type { ReportTemplate } from "@core/reports/template.ts";
import { api, wsPath } from "../../lib/api.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { DocumentView } from "./DocumentView.tsx";
import { ProblemList, Warnings, type ProblemJump } from "../../ui/ProblemList.tsx";
import { reportProblemsOf } from "./report-format.ts";
import type { BuiltReport, ReportProblem } from "./reports-api.ts";
import { usePathWords } from "./use-path-words.ts";

/** How long the editor waits after a change before it asks for a preview. */
export const PREVIEW_DELAY_MS = 800;

type PreviewResult =
  | { readonly kind: "ok"; readonly built: BuiltReport }
  | { readonly kind: "problems"; readonly problems: readonly ReportProblem[] };

function usePreview(
  workspace: string,
  template: ReportTemplate | null,
  period: string,
  area: string | null,
) {
  const words = usePathWords();
  const json = template === null ? null : JSON.stringify(template);
  const [result, setResult] = useState<PreviewResult | null>(null);
  const [shown, setShown] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const asked = useRef(0);
  const first = useRef(true);
  useEffect(() => {
    if (json === null) return;
    const id = ++asked.current;
    const delay = first.current ? 0 : PREVIEW_DELAY_MS;
    first.current = false;
    const timer = setTimeout(() => {
      setBusy(true);
      api<BuiltReport>(wsPath("/api/reports/preview", workspace), {
        method: "POST",
        body: { template: JSON.parse(json) as unknown, period, ...(area ? { area } : {}) },
      })
        .then((built) => {
          if (id === asked.current) setResult({ kind: "ok", built });
        })
        .catch((error: unknown) => {
          if (id === asked.current) {
            setResult({ kind: "problems", problems: reportProblemsOf(error, words) });
          }
        })
        .finally(() => {
          if (id === asked.current) {
            setShown(json);
            setBusy(false);
          }
        });
    }, delay);
    return () => clearTimeout(timer);
  }, [json, workspace, period, area, words]);
  return { result, pending: busy || (json !== null && json !== shown) };
}

export function PreviewPane(props: {
  readonly workspace: string;
  /** The template to preview; null while the editor itself sees problems. */
  readonly template: ReportTemplate | null;
  /** Shown instead of the preview while the template is null (the editor's own problems). */
  readonly blocked: ReactNode;
  readonly period: string;
  readonly area: string | null;
  /** The section chosen in the editor (chapter and section from 0): scrolled into view. */
  readonly place: { chapter: number; section: number } | null;
  readonly jump: ProblemJump<ReportProblem>;
}) {
  const { t } = useI18n();
  const { result, pending } = usePreview(props.workspace, props.template, props.period, props.area);
  const box = useRef<HTMLDivElement>(null);
  const chapter = props.place?.chapter;
  const section = props.place?.section;
  useEffect(() => {
    // The preview shows the part being edited: the chosen section at the top of its box.
    const container = box.current;
    if (!container || chapter === undefined) return;
    const target = container.querySelector<HTMLElement>(`[data-place="${chapter}.${section}"]`);
    if (target) container.scrollTop = target.offsetTop - container.offsetTop;
  }, [chapter, section, result]);

  const blocked = props.template === null;
  const status = blocked
    ? t("reports.preview.blocked")
    : pending
      ? t("reports.preview.busy")
      : result?.kind === "problems"
        ? t("reports.preview.problems", { n: String(result.problems.length) })
        : result?.kind === "ok"
          ? t("reports.preview.ready")
          : "";
  return (
    <section aria-labelledby="preview-title" className="editor-preview">
      <h3 id="preview-title">{t("reports.preview.title")}</h3>
      <p className="note">{t("reports.preview.help", { period: props.period })}</p>
      <p role="status" className="preview-status">
        {pending && !blocked && <span className="spinner" aria-hidden="true" />}
        {status}
      </p>
      {blocked && props.blocked}
      {!blocked && result?.kind === "problems" && (
        <ProblemList
          className="report-problems"
          role="none"
          id="preview-problems"
          title={t("reports.preview.failed")}
          problems={result.problems}
          jump={props.jump}
        />
      )}
      {!blocked && result?.kind === "ok" && (
        <>
          <Warnings title={t("reports.warnings")} warnings={result.built.warnings} />
          <div
            ref={box}
            className="preview-scroll"
            role="region"
            aria-label={t("reports.preview.region")}
            aria-busy={pending}
            tabIndex={0}
          >
            <DocumentView doc={result.built.document} level={4} id="preview" />
          </div>
        </>
      )}
    </section>
  );
}
