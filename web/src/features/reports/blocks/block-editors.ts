/**
 * One editor per kind of block, chosen through this table: a new kind in the `Block` union
 * (src/core/reports/template.ts) without an editor here is a type error in this one place.
 * The index and indicator-sheet blocks have nothing to set but their caption.
 */
import type { ComponentType } from "react";
import type { Block } from "@core/reports/template.ts";
import { AccommodationBlockEditor } from "./AccommodationBlockEditor.tsx";
import type { BlockProps } from "./block-props.ts";
import { BlockSettings } from "./BlockSettings.tsx";
import { FindingsBlockEditor } from "./FindingsBlockEditor.tsx";
import { IndicatorBlockEditor } from "./IndicatorBlockEditor.tsx";
import { MapBlockEditor } from "./MapBlockEditor.tsx";
import { TextBlockEditor } from "./TextBlockEditor.tsx";

type Editors = {
  readonly [K in Block["type"]]: ComponentType<BlockProps<Extract<Block, { type: K }>>>;
};

const EDITORS: Editors = {
  text: TextBlockEditor,
  map: MapBlockEditor,
  table: IndicatorBlockEditor,
  chart: IndicatorBlockEditor,
  comparison: IndicatorBlockEditor,
  typology: IndicatorBlockEditor,
  index: BlockSettings,
  accommodation: AccommodationBlockEditor,
  findings: FindingsBlockEditor,
  indicator_sheets: BlockSettings,
  controlling: BlockSettings,
};

/** The editor of a block's kind. */
export function editorOf(block: Block): ComponentType<BlockProps<Block>> {
  // The table pairs each kind with the editor of exactly that kind; TypeScript cannot follow
  // the pairing through the lookup, so the editor is widened to take any block.
  return EDITORS[block.type] as ComponentType<BlockProps<Block>>;
}
