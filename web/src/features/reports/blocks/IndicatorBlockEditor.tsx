/** A table, chart, comparison or typology block: its indicators and areas (IndicatorBlockSettings). */
import { IndicatorBlockSettings, type IndicatorBlock } from "../IndicatorBlockSettings.tsx";
import type { BlockProps } from "./block-props.ts";
import { BlockSettings } from "./BlockSettings.tsx";

export function IndicatorBlockEditor(props: BlockProps<IndicatorBlock>) {
  const { context } = props;
  return (
    <BlockSettings {...props}>
      <IndicatorBlockSettings
        id={props.id}
        block={props.block}
        onChange={props.onChange}
        indicators={context.indicators}
        levels={context.levels}
        perArea={context.template.perArea !== undefined}
      />
    </BlockSettings>
  );
}
