/**
 * The mapping as a file and as JSON on the Daten page: loading a mapping file, saving the
 * mapping beside the data file, and the JSON text edited by hand with its parse error.
 */
import { saveFile } from "../../lib/download.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { Field } from "../../ui/TextField.tsx";

/** Loads a mapping file into the page, or saves the mapping as `<file>-zuordnung.json`. */
export function MappingFileButtons({
  fileName,
  mapping,
  onLoad,
  onFailure,
}: {
  readonly fileName: string;
  readonly mapping: string;
  readonly onLoad: (text: string, name: string) => void;
  readonly onFailure: (message: string) => void;
}) {
  const { t } = useI18n();
  return (
    <div className="button-row">
      <Field id="mapping-file" label={t("data.mappingFile.load")}>
        <input
          id="mapping-file"
          type="file"
          accept=".json,application/json"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = "";
            if (!f) return;
            f.text()
              .then((text) => onLoad(text, f.name))
              .catch((err: unknown) => onFailure(err instanceof Error ? err.message : String(err)));
          }}
        />
      </Field>
      <button
        type="button"
        className="secondary"
        onClick={() =>
          saveFile(`${fileName.replace(/\.[^.]*$/, "")}-zuordnung.json`, "application/json", mapping)
        }
      >
        {t("data.mappingFile.save")}
      </button>
    </div>
  );
}

/** The mapping as JSON, folded away unless it is edited by hand. */
export function MappingJson({
  open,
  onOpen,
  mapping,
  onEdit,
  parseError,
}: {
  readonly open: boolean;
  readonly onOpen: (open: boolean) => void;
  readonly mapping: string;
  readonly onEdit: (text: string) => void;
  readonly parseError: string | null;
}) {
  const { t } = useI18n();
  return (
    <details open={open} onToggle={(e) => onOpen(e.currentTarget.open)}>
      <summary>{t("data.json")}</summary>
      <div className="field">
        <label htmlFor="upload-mapping">{t("data.mapping")}</label>
        <textarea
          id="upload-mapping"
          rows={18}
          spellCheck={false}
          value={mapping}
          onChange={(e) => onEdit(e.target.value)}
          aria-invalid={parseError !== null}
          aria-describedby={parseError !== null ? "mapping-help mapping-error" : "mapping-help"}
        />
        <small id="mapping-help">{t("data.mappingHelp")}</small>
        {parseError !== null && (
          <p id="mapping-error" className="form-error">
            {t("data.json.invalid", { message: parseError })}
          </p>
        )}
      </div>
    </details>
  );
}
