/** A key-findings block: how many findings it lists at most (1–30). */
import type { FindingsBlock } from "@core/reports/template.ts";
import { useI18n } from "../../../lib/i18n.tsx";
import { Field } from "../../../ui/TextField.tsx";
import { fieldIds } from "../template-edit.ts";
import type { BlockProps } from "./block-props.ts";
import { BlockSettings } from "./BlockSettings.tsx";

export function FindingsBlockEditor(props: BlockProps<FindingsBlock>) {
  const { t } = useI18n();
  const { id, block } = props;
  return (
    <BlockSettings {...props}>
      <Field id={fieldIds.limit(id)} label={t("reports.editor.limit")} size="narrow">
        <input
          id={fieldIds.limit(id)}
          type="number"
          min={1}
          max={30}
          value={Number.isFinite(block.limit) ? block.limit : ""}
          onChange={(e) =>
            props.onChange({
              ...block,
              limit: e.target.value === "" ? Number.NaN : Number(e.target.value),
            })
          }
        />
      </Field>
    </BlockSettings>
  );
}
