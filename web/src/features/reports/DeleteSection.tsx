/**
 * Deleting a report that was never published, after a confirmation. A report with a
 * published version cannot be deleted (what the city sent out stays), so the section shows
 * only while there is none. Afterwards the list of reports opens.
 */
import { useMutation } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useNavigate } from "react-router";
import { api, wsPath } from "../../lib/api.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { reportPath } from "./reports-api.ts";

export function DeleteSection(props: {
  readonly workspace: string;
  readonly code: string;
  readonly title: string;
  readonly onDeleted: () => Promise<unknown>;
}) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const dialog = useRef<HTMLDialogElement>(null);
  const [error, setError] = useState<string | null>(null);

  const removal = useMutation({
    mutationFn: async () => {
      await api<void>(wsPath(reportPath(props.code), props.workspace), { method: "DELETE" });
      await props.onDeleted();
      await navigate("/berichte", { state: { deleted: props.title } });
    },
    onMutate: () => setError(null),
    onError: (e) => setError(e instanceof Error ? e.message : String(e)),
  });
  // After a deletion the page goes to the list: the button stays disabled until then.
  const busy = removal.isPending || removal.isSuccess;
  function remove() {
    dialog.current?.close();
    removal.mutate();
  }

  return (
    <section aria-labelledby="report-delete" className="report-panel">
      <h3 id="report-delete">{t("reports.delete")}</h3>
      <p className="note">{t("reports.deleteHelp")}</p>
      <div className="buttons">
        <button
          type="button"
          className="secondary"
          disabled={busy}
          onClick={() => dialog.current?.showModal()}
        >
          {t("reports.deleteButton")}
        </button>
      </div>
      {error !== null && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <dialog ref={dialog} className="confirm-dialog" aria-labelledby="delete-confirm-title">
        <h4 id="delete-confirm-title">{t("reports.deleteConfirm", { title: props.title })}</h4>
        <p>{t("reports.deleteConfirmText")}</p>
        <div className="buttons">
          <button type="button" className="primary" onClick={remove}>
            {t("reports.deleteYes")}
          </button>
          <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
            {t("reports.confirm.no")}
          </button>
        </div>
      </dialog>
    </section>
  );
}
