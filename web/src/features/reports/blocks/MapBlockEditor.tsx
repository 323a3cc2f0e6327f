/** A map block: the indicator and the level (a code no longer in the catalogue stays choosable). */
import type { MapBlock } from "@core/reports/template.ts";
import { useI18n } from "../../../lib/i18n.tsx";
import { Field } from "../../../ui/TextField.tsx";
import type { BlockProps } from "./block-props.ts";
import { BlockSettings } from "./BlockSettings.tsx";

export function MapBlockEditor(props: BlockProps<MapBlock>) {
  const { t } = useI18n();
  const { id, block, onChange } = props;
  const { indicators, levels } = props.context;
  return (
    <BlockSettings {...props}>
      <div className="form-grid">
        <Field id={`${id}-indicator`} label={t("reports.picker.indicator")}>
          <select
            id={`${id}-indicator`}
            value={block.indicator}
            onChange={(e) => onChange({ ...block, indicator: e.target.value })}
          >
            {!indicators.some((x) => x.code === block.indicator) && (
              <option value={block.indicator}>{block.indicator}</option>
            )}
            {indicators.map((x) => (
              <option key={x.code} value={x.code}>
                {x.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${id}-level`} label={t("reports.editor.level")}>
          <select
            id={`${id}-level`}
            value={block.level}
            onChange={(e) => onChange({ ...block, level: e.target.value })}
          >
            {!levels.some((x) => x.code === block.level) && (
              <option value={block.level}>{block.level}</option>
            )}
            {levels.map((x) => (
              <option key={x.code} value={x.code}>
                {x.name}
              </option>
            ))}
          </select>
        </Field>
      </div>
    </BlockSettings>
  );
}
