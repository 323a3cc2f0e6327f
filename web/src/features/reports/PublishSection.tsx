/**
 * Publishing: the planner chooses intern or öffentlich and confirms in a dialog; the report is
 * built with the current data, its PDF, DOCX, XLSX and HTML are made (seconds) and stored as a
 * version that never changes. What happens is said while it happens; afterwards the focus goes
 * to the versions, which show the new one.
 */
import { useMutation } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { api, wsPath } from "../../lib/api.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { ProblemList } from "../../ui/ProblemList.tsx";
import { reportProblemsOf } from "./report-format.ts";
import {
  reportPath,
  type PublicationState,
  type ReportProblem,
  type ReportVersion,
} from "./reports-api.ts";
import { usePathWords } from "./use-path-words.ts";

export function PublishSection(props: {
  readonly workspace: string;
  readonly code: string;
  /** The number the next version gets. */
  readonly next: number;
  readonly onPublished: () => Promise<unknown>;
}) {
  const { t } = useI18n();
  const words = usePathWords();
  const [state, setState] = useState<PublicationState>("internal");
  const [status, setStatus] = useState<string | null>(null);
  const [problems, setProblems] = useState<readonly ReportProblem[]>([]);
  const dialog = useRef<HTMLDialogElement>(null);
  const stateWord = t(`reports.state.${state}`);

  const publication = useMutation({
    mutationFn: async () => {
      const v = await api<ReportVersion>(
        wsPath(reportPath(props.code, "/versions"), props.workspace),
        { method: "POST", body: { state } },
      );
      await props.onPublished();
      return v;
    },
    onMutate: () => {
      setProblems([]);
      setStatus(t("reports.publishing", { state: stateWord }));
    },
    onSuccess: (v) => {
      setStatus(
        t("reports.publishDone", {
          n: String(v.version),
          state: t(`reports.state.${v.state}`),
        }),
      );
      requestAnimationFrame(() => document.getElementById("report-versions")?.focus());
    },
    onError: (error) => {
      setStatus(null);
      setProblems(reportProblemsOf(error, words));
    },
  });
  const busy = publication.isPending;
  function publish() {
    dialog.current?.close();
    publication.mutate();
  }

  return (
    <section aria-labelledby="report-publish" className="report-panel">
      <h3 id="report-publish">{t("reports.publish")}</h3>
      <p className="note">{t("reports.publishHelp")}</p>
      <form
        className="publish-form"
        onSubmit={(e) => {
          e.preventDefault();
          dialog.current?.showModal();
        }}
      >
        <fieldset className="choice-group">
          <legend>{t("reports.publishAs")}</legend>
          {(["internal", "public"] as const).map((s) => (
            <label key={s}>
              <input
                type="radio"
                name="publish-state"
                value={s}
                checked={state === s}
                onChange={() => setState(s)}
              />
              {t(`reports.state.${s}`)}
              <span className="note"> – {t(`reports.stateHelp.${s}`)}</span>
            </label>
          ))}
        </fieldset>
        <div className="buttons">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t("reports.publishBusy") : t("reports.publishButton")}
          </button>
          {busy && <span className="spinner" aria-hidden="true" />}
        </div>
      </form>
      <p role="status" className="save-outcome">
        {status}
      </p>
      {problems.length > 0 && (
        <ProblemList
          className="report-problems"
          title={t("reports.publishFailed")}
          problems={problems}
        />
      )}
      <dialog ref={dialog} className="confirm-dialog" aria-labelledby="publish-confirm-title">
        <h4 id="publish-confirm-title">
          {t("reports.confirm.title", { n: String(props.next), state: stateWord })}
        </h4>
        <p>{t("reports.confirm.text")}</p>
        <div className="buttons">
          <button type="button" className="primary" onClick={publish}>
            {t("reports.confirm.yes", { state: stateWord })}
          </button>
          <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
            {t("reports.confirm.no")}
          </button>
        </div>
      </dialog>
    </section>
  );
}
