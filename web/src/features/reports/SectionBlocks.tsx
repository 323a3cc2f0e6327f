/**
 * The blocks of the section chosen in the outline, each a card with its tools and the editor
 * of its kind (blocks/block-editors.ts: text blocks with their Markdown and the figure picker
 * beside them; every other block as a summary in words with its settings and caption). Blocks
 * are added here.
 */
import { useState } from "react";
import type { Block } from "@core/reports/template.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { Field } from "../../ui/TextField.tsx";
import { BlockCard } from "./blocks/BlockCard.tsx";
import type { BlockContext } from "./blocks/block-props.ts";
import {
  addBlock,
  fieldIds,
  findSection,
  updateBlock,
  type EditTemplate,
} from "./template-edit.ts";

type NewKind =
  "map" | "table" | "chart" | "comparison" | "typology" | "findings" | "indicator_sheets";
const NEW_KINDS: readonly NewKind[] = [
  "map",
  "table",
  "chart",
  "comparison",
  "typology",
  "findings",
  "indicator_sheets",
];

export function SectionBlocks(
  props: BlockContext & {
    readonly sectionId: string;
    readonly onChange: (next: EditTemplate) => void;
  },
) {
  const { t } = useI18n();
  const { template } = props;
  const [kind, setKind] = useState<NewKind>("map");
  const found = findSection(template, props.sectionId);
  if (!found) return null;
  const section = found.value;
  const place = `${found.chapter + 1}.${found.section + 1}`;
  const defaultLevel =
    props.levels.find((l) => l.code === "district")?.code ??
    props.levels[1]?.code ??
    props.levels[0]?.code ??
    "";

  const set = (id: string, block: Block) => props.onChange(updateBlock(template, id, block));
  const context: BlockContext = props;
  const add = (block: Block) => {
    const r = addBlock(template, section.id, block);
    props.onChange(r.template);
    props.focus(block.type === "text" ? fieldIds.markdown(r.block) : `${r.block}-heading`);
  };
  const first = props.indicators[0]?.code ?? "";
  const newBlock = (k: NewKind): Block => {
    switch (k) {
      case "map":
        return { type: "map", indicator: first, level: defaultLevel };
      case "table":
        return { type: "table", indicators: [first], areas: { level: defaultLevel } };
      case "chart":
        return { type: "chart", indicators: [first] };
      case "comparison":
        return {
          type: "comparison",
          indicators: [first],
          areas: template.perArea ? { reportArea: true } : { level: defaultLevel },
        };
      case "typology":
        return {
          type: "typology",
          indicators: props.indicators.slice(0, 2).map((x) => x.code),
          level: defaultLevel,
          parts: ["map", "profiles"],
        };
      case "findings":
        return { type: "findings", limit: 8 };
      case "indicator_sheets":
        return { type: "indicator_sheets" };
    }
  };

  return (
    <section aria-labelledby="blocks-title" className="editor-blocks">
      <h3 id="blocks-title" tabIndex={-1}>
        {t("reports.editor.blocksOf", { place, title: section.title })}
      </h3>
      {section.blocks.length === 0 && <p className="state">{t("reports.editor.noBlocks")}</p>}
      <ol className="block-list">
        {section.blocks.map((b, i) => (
          <BlockCard
            key={b.id}
            section={section}
            index={i}
            onChange={props.onChange}
            set={set}
            context={context}
          />
        ))}
      </ol>
      <div className="button-row add-block">
        <button
          type="button"
          className="secondary"
          onClick={() => add({ type: "text", markdown: "" })}
        >
          {t("reports.editor.addText")}
        </button>
        <Field id="add-block-kind" label={t("reports.editor.otherBlock")}>
          <select
            id="add-block-kind"
            value={kind}
            onChange={(e) => setKind(e.target.value as NewKind)}
          >
            {NEW_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`reports.block.${k}`)}
              </option>
            ))}
          </select>
        </Field>
        <button type="button" className="secondary" onClick={() => add(newBlock(kind))}>
          {t("reports.editor.addBlock")}
        </button>
      </div>
    </section>
  );
}
