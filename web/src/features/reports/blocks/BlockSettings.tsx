/**
 * The frame of every block but text: the block in words, its own settings, and its caption
 * where it has one (empty: the report writes its default).
 */
import type { ReactNode } from "react";
import type { Block } from "@core/reports/template.ts";
import { useI18n } from "../../../lib/i18n.tsx";
import { TextField } from "../../../ui/TextField.tsx";
import { describeBlock } from "../template-edit.ts";
import type { BlockProps } from "./block-props.ts";

export function BlockSettings(props: BlockProps<Block> & { readonly children?: ReactNode }) {
  const { t } = useI18n();
  const { id, block } = props;
  return (
    <div className="block-settings">
      <p className="block-summary">{describeBlock(block, props.context.names, t)}</p>
      {props.children}
      {hasCaption(block) ? (
        <TextField
          id={`${id}-caption`}
          label={t("reports.editor.caption")}
          type="text"
          value={captionOf(block)}
          placeholder={t("reports.editor.captionDefault")}
          onChange={(value) => props.onChange(withCaption(block, value))}
        />
      ) : null}
    </div>
  );
}

type CaptionBlock = Extract<Block, { caption?: string | undefined }>;

const CAPTION_TYPES = new Set([
  "map",
  "chart",
  "table",
  "comparison",
  "index",
  "typology",
  "accommodation",
]);

function hasCaption(block: Block): block is CaptionBlock {
  return CAPTION_TYPES.has(block.type);
}

function captionOf(block: Block): string {
  return hasCaption(block) ? (block.caption ?? "") : "";
}

/** The block with this caption; an empty one is left out (the report writes its default). */
function withCaption(block: Block, caption: string): Block {
  if (!hasCaption(block)) return block;
  const rest = { ...block };
  delete rest.caption;
  return caption.trim() === "" ? rest : { ...rest, caption };
}
