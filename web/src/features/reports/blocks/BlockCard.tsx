/**
 * One block in the section's list: its heading ("Block 2: Karte"), the tools to move it up or
 * down and to delete it (each names the block), and the editor of its kind (block-editors.ts).
 */
import { IconButton } from "../../../ui/IconButton.tsx";
import { useI18n } from "../../../lib/i18n.tsx";
import { moveBlock, removeBlock, type EditSection } from "../template-edit.ts";
import type { BlockContext } from "./block-props.ts";
import { editorOf } from "./block-editors.ts";

export function BlockCard(props: {
  readonly section: EditSection;
  /** The place of the block in its section (0-based). */
  readonly index: number;
  readonly onChange: (next: BlockContext["template"]) => void;
  readonly set: (id: string, block: EditSection["blocks"][number]["block"]) => void;
  readonly context: BlockContext;
}) {
  const { t } = useI18n();
  const { section, index: i, context } = props;
  const { template } = context;
  const b = section.blocks[i]!;
  const what = t("reports.editor.blockN", { n: String(i + 1) });
  const block = b.block;
  const Editor = editorOf(block);
  const tool = (
    label: string,
    symbol: string,
    enabled: boolean,
    action: () => void,
    suffix: string,
  ) => (
    <IconButton
      id={`${b.id}-${suffix}`}
      label={`${what} ${label}`}
      symbol={symbol}
      enabled={enabled}
      onClick={action}
    />
  );
  return (
    <li className={`block-card block-${block.type}`}>
      <div className="block-head">
        <h4 id={`${b.id}-heading`} tabIndex={-1}>
          {what}: {t(`reports.block.${block.type}`)}
        </h4>
        <div className="block-tools">
          {tool(
            t("reports.editor.up"),
            "↑",
            i > 0,
            () => {
              props.onChange(moveBlock(template, b.id, -1));
              context.focus(`${b.id}-up`);
            },
            "up",
          )}
          {tool(
            t("reports.editor.down"),
            "↓",
            i < section.blocks.length - 1,
            () => {
              props.onChange(moveBlock(template, b.id, 1));
              context.focus(`${b.id}-down`);
            },
            "down",
          )}
          {tool(
            t("reports.editor.delete"),
            "✕",
            true,
            () => {
              props.onChange(removeBlock(template, b.id));
              const neighbour = section.blocks[i + 1] ?? section.blocks[i - 1];
              context.focus(neighbour ? `${neighbour.id}-heading` : "blocks-title");
            },
            "delete",
          )}
        </div>
      </div>
      <Editor
        id={b.id}
        what={what}
        block={block}
        onChange={(next) => props.set(b.id, next)}
        context={context}
      />
    </li>
  );
}
