/**
 * The key findings the rules generated (docs/methods/key-findings.md), each with what the
 * planner decided: Behalten (as generated), Ändern (the text edited in place) or Streichen.
 * Every decision is saved at once (PUT …/findings) and the draft is built again; the decision
 * stays with the report when it is rebuilt from newer data. After an action the focus stays on
 * the finding it was about.
 */
import { useEffect, useRef, useState } from "react";
import { api, wsPath } from "../../lib/api.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { ReportText } from "./DocumentView.tsx";
import { decisionFor, findingRows, type FindingRow } from "./findings-view.ts";
import { ProblemList } from "../../ui/ProblemList.tsx";
import { reportProblemsOf } from "./report-format.ts";
import { reportPath, type ReportProblem, type ReportSummary } from "./reports-api.ts";
import { usePathWords } from "./use-path-words.ts";

export function FindingsSection(props: {
  readonly workspace: string;
  readonly report: ReportSummary;
  readonly generated: readonly { readonly id: string; readonly text: string }[];
  readonly onDecided: (report: ReportSummary) => void;
  /** The draft is being built again after a decision. */
  readonly rebuilding: boolean;
}) {
  const { t } = useI18n();
  const words = usePathWords();
  const rows = findingRows(props.generated, props.report.decisions ?? {});
  const [editing, setEditing] = useState<string | null>(null);
  const [draftText, setDraftText] = useState("");
  const [busy, setBusy] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [problems, setProblems] = useState<readonly ReportProblem[]>([]);
  const list = useRef<HTMLOListElement>(null);

  /**
   * The control of a finding's item that gets the focus once it is on the page and enabled:
   * after a decision the list renders again (and its buttons stay disabled until the answer
   * is in), so the focus moves after the commit that shows the control, never before.
   */
  const pendingFocus = useRef<{ id: string; control: "edit" | "text" } | null>(null);
  const focusLater = (id: string, control: "edit" | "text") => {
    pendingFocus.current = { id, control };
  };
  useEffect(() => {
    const want = pendingFocus.current;
    if (want === null) return;
    const target = list.current?.querySelector<HTMLElement>(
      `[data-finding="${CSS.escape(want.id)}"] [data-control="${want.control}"]`,
    );
    if (!target || (target as HTMLButtonElement).disabled) return;
    target.focus();
    pendingFocus.current = null;
  });

  async function decide(row: FindingRow, n: number, action: "keep" | "drop" | { text: string }) {
    const decisions = decisionFor(row, action);
    if (decisions === null) {
      setProblems([
        {
          place: t("reports.findingN", { n: String(n) }),
          message: t("reports.problem.emptyFinding"),
        },
      ]);
      return;
    }
    setBusy(row.id);
    setProblems([]);
    try {
      const next = await api<ReportSummary>(
        wsPath(reportPath(props.report.code, "/findings"), props.workspace),
        { method: "PUT", body: { decisions } },
      );
      const what = t("reports.findingN", { n: String(n) });
      setStatus(
        action === "keep"
          ? t("reports.findings.kept", { what })
          : action === "drop"
            ? t("reports.findings.dropped", { what })
            : t("reports.findings.edited", { what }),
      );
      setEditing(null);
      props.onDecided(next);
      focusLater(row.id, "edit");
    } catch (error) {
      setProblems(reportProblemsOf(error, words));
    } finally {
      setBusy(null);
    }
  }

  return (
    <section aria-labelledby="report-findings" className="report-panel">
      <h3 id="report-findings">{t("reports.findings")}</h3>
      <p className="note">{t("reports.findingsHelp")}</p>
      {rows.length === 0 ? (
        <p className="state">{t("reports.findingsNone")}</p>
      ) : (
        <ol className="finding-list" ref={list}>
          {rows.map((row, i) => {
            const n = i + 1;
            const what = t("reports.findingN", { n: String(n) });
            const textId = `finding-${i}-text`;
            return (
              <li key={row.id} data-finding={row.id} className={`finding finding-${row.state}`}>
                <div className="finding-head">
                  <span className="finding-number">{what}</span>
                  <span className={`finding-state state-${row.state}`}>
                    {t(`reports.findingState.${row.state}`)}
                  </span>
                </div>
                {editing === row.id ? (
                  <form
                    className="finding-edit"
                    onSubmit={(e) => {
                      e.preventDefault();
                      void decide(row, n, { text: draftText });
                    }}
                  >
                    <label htmlFor={`${textId}-edit`}>
                      {t("reports.findings.textOf", { what })}
                    </label>
                    <textarea
                      id={`${textId}-edit`}
                      data-control="text"
                      rows={3}
                      value={draftText}
                      onChange={(e) => setDraftText(e.target.value)}
                    />
                    <div className="buttons">
                      <button type="submit" className="primary" disabled={busy !== null}>
                        {t("reports.findings.save")}
                        <span className="sr-only"> ({what})</span>
                      </button>
                      <button
                        type="button"
                        className="secondary"
                        onClick={() => {
                          setEditing(null);
                          focusLater(row.id, "edit");
                        }}
                      >
                        {t("reports.findings.cancel")}
                        <span className="sr-only"> ({what})</span>
                      </button>
                    </div>
                  </form>
                ) : (
                  <>
                    <p id={textId} className="finding-text">
                      {row.state === "dropped" ? (
                        <del>
                          <ReportText text={row.text} />
                        </del>
                      ) : (
                        <ReportText text={row.text} />
                      )}
                    </p>
                    {row.state === "edited" && (
                      <p className="note finding-generated">
                        {t("reports.findings.generated")} {row.generated}
                      </p>
                    )}
                    <div className="buttons finding-actions">
                      <button
                        type="button"
                        className="secondary"
                        disabled={busy !== null}
                        onClick={() => void decide(row, n, "keep")}
                      >
                        {t("reports.findings.keep")}
                        <span className="sr-only"> ({what})</span>
                      </button>
                      <button
                        type="button"
                        className="secondary"
                        data-control="edit"
                        disabled={busy !== null}
                        onClick={() => {
                          setEditing(row.id);
                          setDraftText(row.text);
                          focusLater(row.id, "text");
                        }}
                      >
                        {t("reports.findings.edit")}
                        <span className="sr-only"> ({what})</span>
                      </button>
                      <button
                        type="button"
                        className="secondary"
                        disabled={busy !== null}
                        onClick={() => void decide(row, n, "drop")}
                      >
                        {t("reports.findings.drop")}
                        <span className="sr-only"> ({what})</span>
                      </button>
                    </div>
                  </>
                )}
              </li>
            );
          })}
        </ol>
      )}
      <p role="status" className="save-outcome">
        {status}
        {status !== null && props.rebuilding && ` ${t("reports.findings.rebuilding")}`}
      </p>
      {problems.length > 0 && (
        <ProblemList
          className="report-problems"
          title={t("reports.findings.notSaved")}
          problems={problems}
        />
      )}
    </section>
  );
}
