/**
 * One builder for every kind of block, in one table keyed by the block's type: a new kind in
 * the template (core/reports/template.ts, checked against the schema in contracts/reports.ts)
 * is a type error here until it has its builder.
 */
import type { Block } from "../../../core/reports/template.ts";
import { accommodationBuilder } from "./accommodation.ts";
import { chartBuilder } from "./chart.ts";
import { comparisonBuilder } from "./comparison.ts";
import { controllingBuilder } from "./controlling.ts";
import type { BlockBuilder } from "./context.ts";
import { findingsBuilder } from "./findings.ts";
import { indicatorSheetsBuilder } from "./indicator-sheets.ts";
import { mapBuilder } from "./map.ts";
import { socialIndexBuilder } from "./social-index.ts";
import { tableBuilder } from "./table.ts";
import { textBuilder } from "./text.ts";
import { typologyBuilder } from "./typology.ts";

type BlockType = Block["type"];
type BlockOf<K extends BlockType> = Extract<Block, { readonly type: K }>;

const BUILDERS: { readonly [K in BlockType]: BlockBuilder<BlockOf<K>> } = {
  text: textBuilder,
  map: mapBuilder,
  chart: chartBuilder,
  table: tableBuilder,
  comparison: comparisonBuilder,
  index: socialIndexBuilder,
  typology: typologyBuilder,
  accommodation: accommodationBuilder,
  findings: findingsBuilder,
  indicator_sheets: indicatorSheetsBuilder,
  controlling: controllingBuilder,
};

/** The builder of a kind of block. */
export function builderOf<K extends BlockType>(type: K): BlockBuilder<BlockOf<K>> {
  return BUILDERS[type];
}
