/**
 * The files of a draft or a published version: PDF, DOCX, XLSX and HTML. Each is a link to the
 * file (it works with a middle click, too); a click fetches it with the session, says that it
 * is being made (the PDF of a draft takes seconds) and offers it as a download. A draft that
 * cannot be built answers with its problems, which are shown with their places.
 */
import { useState, type ReactNode } from "react";
import { ApiError, wsPath } from "../../lib/api.ts";
import { saveFile } from "../../lib/download.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useWorkspace } from "../../lib/session.tsx";
import { FILE_FORMATS, type FileFormat, type ReportProblem } from "./reports-api.ts";
import { fileNameOf, reportProblemsOf } from "./report-format.ts";
import { ProblemList } from "../../ui/ProblemList.tsx";
import { usePathWords } from "./use-path-words.ts";

export const FORMAT_NAMES: Record<FileFormat, string> = {
  pdf: "PDF",
  docx: "DOCX",
  xlsx: "XLSX",
  html: "HTML",
};

/** The error envelope of a failed file request as an ApiError. */
async function errorOf(res: Response): Promise<ApiError> {
  const text = await res.text();
  try {
    const env = JSON.parse(text) as {
      error: { code: string; message: string; details?: unknown };
    };
    return new ApiError(res.status, env.error.code, env.error.message, env.error.details);
  } catch {
    return new ApiError(res.status, "http_error", `HTTP ${res.status}`);
  }
}

export function DownloadLinks(props: {
  /** The API path without the query ("/api/reports/x/draft"). */
  readonly path: string;
  /** The file name when the server names none (without extension). */
  readonly fallback: string;
  /** The link's text for a format (a visible word, maybe with words for screen readers). */
  readonly label: (format: FileFormat, name: string) => ReactNode;
  readonly className?: string;
}) {
  const { t } = useI18n();
  const words = usePathWords();
  const { membership } = useWorkspace();
  const [busy, setBusy] = useState<FileFormat | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [problems, setProblems] = useState<readonly ReportProblem[]>([]);

  async function download(format: FileFormat) {
    if (busy !== null) return;
    const name = FORMAT_NAMES[format];
    setBusy(format);
    setProblems([]);
    setMessage(t("reports.download.busy", { format: name }));
    try {
      const res = await fetch(wsPath(props.path, membership.workspace, { format }), {
        credentials: "same-origin",
      });
      if (!res.ok) throw await errorOf(res);
      const blob = await res.blob();
      const file = fileNameOf(
        res.headers.get("content-disposition"),
        `${props.fallback}.${format}`,
      );
      saveFile(file, blob.type, blob);
      setMessage(t("reports.download.done", { file }));
    } catch (error) {
      setMessage(null);
      setProblems(reportProblemsOf(error, words));
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className={`downloads ${props.className ?? ""}`}>
      <ul className="download-links">
        {FILE_FORMATS.map((format) => (
          <li key={format}>
            <a
              href={wsPath(props.path, membership.workspace, { format })}
              download
              aria-disabled={busy !== null ? true : undefined}
              onClick={(e) => {
                e.preventDefault();
                void download(format);
              }}
            >
              {props.label(format, FORMAT_NAMES[format])}
            </a>
            {busy === format && <span className="spinner" aria-hidden="true" />}
          </li>
        ))}
      </ul>
      <p role="status" className="download-status">
        {message}
      </p>
      {problems.length > 0 && (
        <ProblemList
          className="report-problems"
          title={t("reports.download.failed")}
          problems={problems}
        />
      )}
    </div>
  );
}
