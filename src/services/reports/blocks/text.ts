/** A text block: Markdown with placeholders for live figures (core/reports/markdown.ts). */
import { textBlock } from "../../../core/reports/markdown.ts";
import { findPlaceholders } from "../../../core/reports/placeholders.ts";
import type { TextBlock } from "../../../core/reports/template.ts";
import type { BlockBuilder } from "./context.ts";

export const textBuilder: BlockBuilder<TextBlock> = {
  indicators: (b) =>
    findPlaceholders(b.markdown).flatMap((u) =>
      u.placeholder && "indicator" in u.placeholder ? [u.placeholder.indicator] : [],
    ),
  build(b, ctx, place) {
    const r = textBlock(b.markdown, ctx.lookup());
    for (const e of r.errors) ctx.problem(place, e.message, e);
    for (const w of r.warnings) ctx.warn(place, w.message, w);
    return [...r.nodes];
  },
};
