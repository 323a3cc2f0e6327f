/**
 * The level and period of an analysis: the deepest level with data or a chosen one, the latest
 * period or a chosen one (newest first). `prefix` names the fields (`<prefix>-level`,
 * `<prefix>-period`).
 */
import { useI18n } from "../../lib/i18n.tsx";
import { SelectField, type SelectOption } from "../../ui/SelectField.tsx";

export function LevelPeriodFields(props: {
  readonly prefix: string;
  readonly levels: readonly SelectOption[];
  readonly level: string;
  readonly onLevel: (level: string) => void;
  readonly periods: readonly { readonly code: string }[];
  readonly period: string;
  readonly onPeriod: (period: string) => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <SelectField
        id={`${props.prefix}-level`}
        label={t("atlas.level")}
        value={props.level}
        options={[{ value: "", label: t("analyses.run.deepest") }, ...props.levels]}
        onChange={props.onLevel}
        wide
      />
      <SelectField
        id={`${props.prefix}-period`}
        label={t("atlas.period")}
        value={props.period}
        options={[
          { value: "", label: t("analyses.run.latestPeriod") },
          ...[...props.periods].reverse().map((p) => ({ value: p.code, label: p.code })),
        ]}
        onChange={props.onPeriod}
        wide
      />
    </>
  );
}
