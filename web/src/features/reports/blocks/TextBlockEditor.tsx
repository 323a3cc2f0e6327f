/**
 * A text block: its Markdown (the cursor is remembered, so a placeholder picked beside it goes
 * where the author was writing) and the figure picker beside it.
 */
import type { TextBlock } from "@core/reports/template.ts";
import { useI18n } from "../../../lib/i18n.tsx";
import { FigurePicker } from "../FigurePicker.tsx";
import { insertAt } from "../placeholder.ts";
import { fieldIds } from "../template-edit.ts";
import type { BlockProps } from "./block-props.ts";

export function TextBlockEditor({ id, what, block, onChange, context }: BlockProps<TextBlock>) {
  const { t } = useI18n();
  const { cursors } = context;

  function insert(placeholder: string) {
    const at = cursors.current.get(id) ?? {
      start: block.markdown.length,
      end: block.markdown.length,
    };
    const r = insertAt(block.markdown, at.start, at.end, placeholder);
    onChange({ type: "text", markdown: r.text });
    cursors.current.set(id, { start: r.caret, end: r.caret });
    context.focus(fieldIds.markdown(id), r.caret);
  }

  return (
    <div className="text-block">
      <div className="control text-source">
        <label htmlFor={fieldIds.markdown(id)}>{t("reports.editor.markdown", { what })}</label>
        <textarea
          id={fieldIds.markdown(id)}
          rows={8}
          value={block.markdown}
          spellCheck
          aria-describedby={`${id}-help`}
          onChange={(e) => {
            cursors.current.set(id, {
              start: e.target.selectionStart,
              end: e.target.selectionEnd,
            });
            onChange({ type: "text", markdown: e.target.value });
          }}
          onSelect={(e) =>
            cursors.current.set(id, {
              start: e.currentTarget.selectionStart,
              end: e.currentTarget.selectionEnd,
            })
          }
        />
        <small id={`${id}-help`}>{t("reports.editor.markdownHelp")}</small>
      </div>
      <FigurePicker
        id={`${id}-pick`}
        indicators={context.indicators}
        areas={context.areas}
        levelName={context.names.level}
        onInsert={insert}
      />
    </div>
  );
}
