/** An accommodation block: the parts of the monthly statistic it shows. */
import type { AccommodationBlock } from "@core/reports/template.ts";
import { useI18n } from "../../../lib/i18n.tsx";
import { PartsField } from "../PartsField.tsx";
import type { BlockProps } from "./block-props.ts";
import { BlockSettings } from "./BlockSettings.tsx";

// No "by_facility": figures per facility never go into a report (disclosure control); the
// builder warns when an older template still names it.
const ACC_PARTS: readonly AccommodationBlock["parts"][number][] = [
  "summary",
  "key_figures",
  "by_type",
  "series",
];

export function AccommodationBlockEditor(props: BlockProps<AccommodationBlock>) {
  const { t } = useI18n();
  const { block } = props;
  return (
    <BlockSettings {...props}>
      <PartsField
        all={ACC_PARTS}
        parts={block.parts}
        label={(part) => t(`reports.accPart.${part}`)}
        onChange={(parts) => props.onChange({ ...block, parts })}
      />
    </BlockSettings>
  );
}
