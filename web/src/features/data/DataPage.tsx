/**
 * Daten: upload a table, choose or edit its column mapping in a form (the file's preview and a
 * suggestion from its column names fill it in first), check it against the catalogue (a dry
 * run writes nothing), read every finding with its line and column, commit the checked file,
 * and see the import history with each import's report. The mapping is also kept as JSON,
 * editable by hand and saved as a file, so a recurring delivery reuses it. For planners and
 * departments who deliver data.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState, type FormEvent } from "react";
import type { ImportPreviewDto, ImportReportDto, ImportRunDto } from "@contracts/data-imports.ts";
import { api, ApiError, apiUpload, wsPath } from "../../lib/api.ts";
import { useVariables } from "../../lib/catalogue-queries.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { formatNumber } from "../../lib/format.ts";
import { useWorkspace } from "../../lib/session.tsx";
import { Empty, ErrorState, Loading } from "../../ui/states.tsx";
import { DataTabs } from "./DataTabs.tsx";
import { ImportHistory } from "./ImportHistory.tsx";
import { areaTemplate, fetchPreview, GEODATA, jsonError, suggestedForm } from "./import-helpers.ts";
import { MappingFields } from "./MappingFields.tsx";
import { MappingFileButtons, MappingJson } from "./MappingFileParts.tsx";
import { PreviewSummary, PreviewTable, ReadOptions } from "./PreviewParts.tsx";
import { EMPTY_FORM, formFromMapping, formProblems, mappingText, type MappingForm } from "./mapping-form.ts";
import { Report } from "./ImportReport.tsx";


export function DataPage() {
  const { t, locale } = useI18n();
  const { membership } = useWorkspace();
  const ws = membership.workspace;
  const client = useQueryClient();
  const mayImport = membership.role !== "viewer" && membership.role !== "occupancy";
  const [file, setFile] = useState<File | null>(null);
  /** Counts the files chosen, so each gets its own preview. */
  const [fileNumber, setFileNumber] = useState(0);
  const [form, setForm] = useState<MappingForm>(EMPTY_FORM);
  /** Whether the form still holds the server's suggestion (then a new file brings a new one). */
  const [fromSuggestion, setFromSuggestion] = useState(true);
  /** The mapping text while it is edited by hand; null while the form makes it. */
  const [manualText, setManualText] = useState<string | null>(null);
  const [jsonOpen, setJsonOpen] = useState(false);
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(null);
  const [report, setReport] = useState<ImportReportDto | null>(null);
  const [checked, setChecked] = useState<{ file: File; mapping: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** What the last click on a suggested name saved, until another file is chosen. */
  const [nameSaved, setNameSaved] = useState<string | null>(null);
  const runs = useQuery({
    queryKey: ["imports", ws],
    enabled: mayImport,
    queryFn: () => api<ImportRunDto[]>(wsPath("/api/imports", ws)),
  });
  const variables = useVariables(ws, mayImport);
  const isTable = file !== null && !GEODATA.test(file.name);
  const preview = useQuery({
    // Not under the workspace's key: a commit must not read the file again.
    queryKey: [
      "import-preview",
      fileNumber,
      ws,
      form.delimiter,
      form.encoding,
      form.sheet,
      form.skipRows,
    ],
    enabled: mayImport && isTable,
    retry: false,
    staleTime: Infinity,
    // Another read option of the same file: keep showing the last preview while it loads.
    placeholderData: (previous, query) =>
      query?.queryKey[1] === fileNumber ? keepPreviousData(previous) : undefined,
    queryFn: () => fetchPreview(ws, file!, form),
  });

  // A new preview brings its suggestion, unless the planner has made the mapping their own.
  const seen = useRef<ImportPreviewDto | null>(null);
  /** The area skeleton put into the JSON for a geodata file, while nobody has edited it. */
  const template = useRef<string | null>(null);
  const data = preview.isPlaceholderData ? undefined : preview.data;
  useEffect(() => {
    if (!data || seen.current === data) return;
    seen.current = data;
    if (manualText !== null) return;
    if (fromSuggestion) setForm((f) => suggestedForm(data, f));
    else setForm((f) => (f.format === data.format ? f : { ...f, format: data.format }));
  }, [data, manualText, fromSuggestion]);

  if (!mayImport) {
    return (
      <>
        <h1>{t("nav.data")}</h1>
        <DataTabs />
        <Empty>{t("data.notAllowed")}</Empty>
      </>
    );
  }

  const mapping = manualText ?? mappingText(form);
  const parseError = manualText === null ? null : jsonError(manualText);
  const problems = formProblems(form);
  const columns = preview.data?.columns ?? [];

  /** A change made in the form: the mapping is now the planner's. */
  function changeForm(next: MappingForm) {
    setForm(next);
    setFromSuggestion(false);
  }

  /** A change of how the file is read: fetches the preview again, and with it a suggestion. */
  function changeReading(change: Partial<MappingForm>) {
    setForm((f) => ({ ...f, ...change }));
  }

  /** Takes a mapping file's text into the form if the form can show it, else into the JSON. */
  function takeMapping(text: string, source: string | null) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      setManualText(text);
      setJsonOpen(true);
      setNotice({
        error: true,
        text: t("data.json.invalid", { message: e instanceof Error ? e.message : String(e) }),
      });
      return;
    }
    const result = formFromMapping(json);
    if (result.ok) {
      setForm(result.form);
      setFromSuggestion(false);
      setManualText(null);
      setNotice(
        source === null
          ? { error: false, text: t("data.form.taken") }
          : { error: false, text: t("data.mappingFile.loaded", { name: source }) },
      );
    } else {
      setManualText(text);
      setJsonOpen(true);
      setNotice({
        error: false,
        text: t("data.form.cannotShow", { paths: result.paths.join(", ") }),
      });
    }
  }

  function applySuggestion() {
    if (!preview.data) return;
    setForm((f) => suggestedForm(preview.data, f));
    setFromSuggestion(true);
    setManualText(null);
    setNotice(null);
  }

  const importing = useMutation({
    mutationFn: async (v: { file: File; dryRun: boolean }) => {
      const body = new FormData();
      body.set("mapping", mapping);
      body.set("dryRun", String(v.dryRun));
      body.set("file", v.file, v.file.name);
      const answer = await apiUpload<ImportReportDto>(wsPath("/api/imports", ws), body);
      setReport(answer.body);
      setChecked(v.dryRun && answer.body.counts.errors === 0 ? { file: v.file, mapping } : null);
      if (!v.dryRun) {
        // New data: every computed value of this workspace is stale.
        await client.invalidateQueries({ predicate: (q) => q.queryKey[1] === ws });
      }
    },
    onMutate: () => setError(null),
    onError: (e) => {
      setReport(null);
      setError(e instanceof Error ? e.message : String(e));
    },
  });
  const busy = importing.isPending;

  function send(dryRun: boolean) {
    if (!file) {
      setError(t("data.noFile"));
      return;
    }
    // With the form on screen, its gaps are named there; without (an unreadable file), the
    // check's report names what is wrong.
    if (manualText === null && isTable && preview.data && problems.length > 0) {
      setError(t("data.form.incomplete"));
      return;
    }
    importing.mutate({ file, dryRun });
  }

  const canCommit = checked !== null && checked.file === file && checked.mapping === mapping;
  const errorsFound = report !== null && report.counts.errors > 0 ? report.counts.errors : 0;
  const commitWhy = busy || canCommit
    ? null
    : file === null
      ? t("data.commitWhy.noFile")
      : errorsFound > 0
        ? t("data.commitWhy.errors", { errors: formatNumber(locale, errorsFound, 0) })
        : t("data.commitWhy.check");
  const format = preview.data?.format ?? (file && /\.xls[xm]$/i.test(file.name) ? "xlsx" : "csv");

  return (
    <>
      <h1>{t("nav.data")}</h1>
      <DataTabs />
      <form
        className="upload import-form"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          send(true);
        }}
      >
        <div className="field">
          <label htmlFor="upload-file">{t("data.file")}</label>
          <input
            id="upload-file"
            type="file"
            accept=".csv,.txt,.tsv,.xlsx,.geojson,.json,.topojson,.zip,.gpkg"
            onChange={(e) => {
              const next = e.target.files?.[0] ?? null;
              setFile(next);
              setFileNumber((n) => n + 1);
              setReport(null);
              setError(null);
              setNameSaved(null);
              if (next && GEODATA.test(next.name) && manualText === null) {
                template.current = areaTemplate(next.name);
                setManualText(template.current);
                setJsonOpen(true);
                setNotice(null);
              } else if (next && !GEODATA.test(next.name) && manualText === template.current) {
                // The area skeleton was never touched: a table gets the form again.
                setManualText(null);
              }
            }}
          />
        </div>

        {file && isTable && (
          <section aria-labelledby="preview-title">
            <h2 id="preview-title">{t("data.preview")}</h2>
            <ReadOptions
              form={form}
              format={format}
              sheets={preview.data?.xlsx?.sheets ?? []}
              disabled={manualText !== null}
              onChange={changeReading}
            />
            {preview.isPending && <Loading />}
            {preview.isError && (
              <ErrorState
                error={preview.error}
                // An unreadable file stays unreadable; a lost connection may come back.
                {...(preview.error instanceof ApiError && preview.error.status < 500
                  ? {}
                  : { retry: () => void preview.refetch() })}
              />
            )}
            {preview.data && (
              <>
                <PreviewSummary preview={preview.data} />
                <PreviewTable preview={preview.data} />
              </>
            )}
          </section>
        )}

        {file && (
          <section aria-labelledby="mapping-title">
            <h2 id="mapping-title">{t("data.form")}</h2>
            {!isTable && <p className="notice">{t("data.preview.geodata")}</p>}
            {isTable && manualText !== null && (
              <div className="notice">
                <p>{t("data.form.manual")}</p>
                <div className="button-row">
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => takeMapping(manualText, null)}
                  >
                    {t("data.form.useForm")}
                  </button>
                  {preview.data && (
                    <button type="button" className="secondary" onClick={applySuggestion}>
                      {t("data.form.discardJson")}
                    </button>
                  )}
                </div>
              </div>
            )}
            {isTable && manualText === null && preview.data && (
              <p className="note">
                {t(fromSuggestion ? "data.form.suggested" : "data.form.kept")}{" "}
                {!fromSuggestion && (
                  <button type="button" className="secondary" onClick={applySuggestion}>
                    {t("data.form.useSuggestion")}
                  </button>
                )}
              </p>
            )}
            {isTable && preview.data && (
              <fieldset className="plain-fieldset" disabled={manualText !== null}>
                <legend className="sr-only">{t("data.form")}</legend>
                <MappingFields
                  form={form}
                  columns={columns}
                  showProblems={manualText === null}
                  onChange={changeForm}
                />
              </fieldset>
            )}
            <datalist id="variable-codes">
              {(variables.data ?? []).map((v) => (
                <option key={v.code} value={v.code}>
                  {v.name}
                </option>
              ))}
            </datalist>

            <MappingFileButtons
              fileName={file.name}
              mapping={mapping}
              onLoad={takeMapping}
              onFailure={(text) => setNotice({ error: true, text })}
            />
            {notice && (
              <p role={notice.error ? "alert" : "status"} className={notice.error ? "form-error" : "note"}>
                {notice.text}
              </p>
            )}

            <MappingJson
              open={jsonOpen}
              onOpen={setJsonOpen}
              mapping={mapping}
              onEdit={(text) => {
                setManualText(text);
                setNotice(null);
              }}
              parseError={parseError}
            />
          </section>
        )}

        {error && (
          <p role="alert" className="form-error">
            {error}
          </p>
        )}
        <div className="buttons">
          <button className="primary" type="submit" disabled={busy}>
            {t("data.check")}
          </button>
          <button
            className="primary"
            type="button"
            disabled={busy || !canCommit}
            aria-describedby={commitWhy ? "commit-why" : undefined}
            onClick={() => send(false)}
          >
            {t("data.commit")}
          </button>
        </div>
        {commitWhy && (
          <p className="note" id="commit-why">
            {commitWhy}
          </p>
        )}
      </form>
      {nameSaved && (
        <p role="status" className="name-saved">
          {nameSaved}
        </p>
      )}
      {report && (
        <Report
          report={report}
          ws={ws}
          onNameSaved={(message) => {
            setNameSaved(message);
            if (file) send(true);
          }}
        />
      )}
      <ImportHistory ws={ws} runs={runs} onReport={setReport} onError={setError} />
    </>
  );
}
