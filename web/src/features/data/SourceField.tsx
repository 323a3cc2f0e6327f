/**
 * Where a field of the mapping takes its value from: a column of the file (chosen among the
 * columns read) or a fixed value typed in.
 */
import { Field, TextField } from "../../ui/TextField.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import type { Source } from "./mapping-form.ts";

/** A select of the file's columns; a chosen column the file lacks is kept and marked. */
export function ColumnSelect({
  id,
  label,
  value,
  columns,
  empty,
  onChange,
}: {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly columns: readonly string[];
  readonly empty: string;
  readonly onChange: (column: string) => void;
}) {
  const { t } = useI18n();
  const named = columns.filter((c) => c !== "");
  return (
    <Field id={id} label={label}>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{empty}</option>
        {value !== "" && !named.includes(value) && (
          <option value={value}>{t("data.form.notInFile", { name: value })}</option>
        )}
        {named.map((c, i) => (
          <option key={`${i}-${c}`} value={c}>
            {c}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** A long table's variable or period: from a column, or one value for the whole file. */
export function SourceField({
  id,
  legend,
  columnLabel,
  valueLabel,
  valuePlaceholder,
  list,
  source,
  columns,
  onChange,
}: {
  readonly id: string;
  readonly legend: string;
  readonly columnLabel: string;
  readonly valueLabel: string;
  readonly valuePlaceholder?: string;
  readonly list?: string;
  readonly source: Source;
  readonly columns: readonly string[];
  readonly onChange: (source: Source) => void;
}) {
  const { t } = useI18n();
  return (
    <fieldset className="source">
      <legend>{legend}</legend>
      <div className="choice">
        {(["column", "value"] as const).map((kind) => (
          <label key={kind}>
            <input
              type="radio"
              name={`${id}-kind`}
              value={kind}
              checked={source.kind === kind}
              onChange={() => onChange({ kind, text: "" })}
            />
            {t(kind === "column" ? "data.form.fromColumn" : "data.form.fixed")}
          </label>
        ))}
      </div>
      {source.kind === "column" ? (
        <ColumnSelect
          id={`${id}-column`}
          label={columnLabel}
          value={source.text}
          columns={columns}
          empty={t("data.form.choose")}
          onChange={(text) => onChange({ kind: "column", text })}
        />
      ) : (
        <TextField id={`${id}-value`} label={valueLabel} type="text" spellCheck={false} value={source.text} placeholder={valuePlaceholder} {...(list ? { list } : {})} onChange={(value) => onChange({ kind: "value", text: value })} />
      )}
    </fieldset>
  );
}
