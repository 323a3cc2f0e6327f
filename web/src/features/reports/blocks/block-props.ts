/**
 * What every block editor gets: the block, its id and name ("Block 2"), the way to change it,
 * and what the editor around it knows (the template, the catalogue's names, the cursors of the
 * text blocks, focusing an element after the next paint).
 */
import type { MutableRefObject } from "react";
import type { AreaDto } from "@contracts/areas.ts";
import type { IndicatorDto } from "@contracts/indicators.ts";
import type { Block } from "@core/reports/template.ts";
import type { EditTemplate, Names } from "../template-edit.ts";

/** Where the cursor of each text block was last (by block id). */
export type Cursors = MutableRefObject<Map<string, { start: number; end: number }>>;

export interface BlockContext {
  readonly template: EditTemplate;
  readonly indicators: readonly IndicatorDto[];
  readonly levels: readonly { code: string; name: string }[];
  readonly areas: readonly AreaDto[];
  readonly names: Names;
  readonly cursors: Cursors;
  /** Focuses an element by id after the next paint, with the cursor at `caret` in a text. */
  readonly focus: (id: string, caret?: number) => void;
}

export interface BlockProps<B extends Block> {
  /** The block's id in the editor (not in the template). */
  readonly id: string;
  /** "Block 2". */
  readonly what: string;
  readonly block: B;
  readonly onChange: (next: Block) => void;
  readonly context: BlockContext;
}
