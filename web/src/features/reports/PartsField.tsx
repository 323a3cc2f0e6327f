/**
 * The parts of a block to show (a typology's profiles and areas, the accommodation statistic's
 * tables) as a row of check boxes, kept in the order of `all`. The last part left cannot be
 * unchecked: it says so with `aria-disabled`, and a block always shows something.
 */
import { useI18n } from "../../lib/i18n.tsx";

export function PartsField<P extends string>(props: {
  readonly all: readonly P[];
  readonly parts: readonly P[];
  readonly label: (part: P) => string;
  readonly onChange: (parts: P[]) => void;
}) {
  const { t } = useI18n();
  const { all, parts } = props;
  return (
    <fieldset className="checks-inline">
      <legend>{t("reports.editor.parts")}</legend>
      {all.map((part) => {
        const on = parts.includes(part);
        const last = on && parts.length === 1;
        return (
          <label key={part}>
            <input
              type="checkbox"
              checked={on}
              aria-disabled={last || undefined}
              onChange={() => {
                if (last) return;
                props.onChange(
                  on
                    ? parts.filter((p) => p !== part)
                    : all.filter((p) => p === part || parts.includes(p)),
                );
              }}
            />
            {props.label(part)}
          </label>
        );
      })}
    </fieldset>
  );
}
