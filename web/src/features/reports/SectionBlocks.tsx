/**
 * The blocks of the section chosen in the outline: text blocks with their Markdown and the
 * figure picker beside them; every other block as a summary in words with its settings: maps
 * (indicator, level), tables, charts, comparisons and typologies (IndicatorBlockSettings), the
 * parts of the accommodation statistic, the number of key findings, and a caption. Blocks are added, moved and deleted here.
 */
import { useState, type MutableRefObject } from "react";
import type { AreaDto } from "@contracts/areas.ts";
import type { IndicatorDto } from "@contracts/indicators.ts";
import type { AccommodationBlock, Block, TextBlock } from "@core/reports/template.ts";
import { Field, TextField } from "../../ui/TextField.tsx";
import { PartsField } from "./PartsField.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { FigurePicker } from "./FigurePicker.tsx";
import { IndicatorBlockSettings } from "./IndicatorBlockSettings.tsx";
import { insertAt } from "./placeholder.ts";
import {
  addBlock,
  describeBlock,
  fieldIds,
  findSection,
  moveBlock,
  removeBlock,
  updateBlock,
  type EditTemplate,
  type Names,
} from "./template-edit.ts";

/** Where the cursor of each text block was last (by block id). */
export type Cursors = MutableRefObject<Map<string, { start: number; end: number }>>;

// No "by_facility": figures per facility never go into a report (disclosure control); the
// builder warns when an older template still names it.
const ACC_PARTS: readonly AccommodationBlock["parts"][number][] = [
  "summary",
  "key_figures",
  "by_type",
  "series",
];

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

export function SectionBlocks(props: {
  readonly template: EditTemplate;
  readonly sectionId: string;
  readonly onChange: (next: EditTemplate) => void;
  readonly indicators: readonly IndicatorDto[];
  readonly levels: readonly { code: string; name: string }[];
  readonly areas: readonly AreaDto[];
  readonly names: Names;
  readonly cursors: Cursors;
  /** Focuses an element by id after the next paint, with the cursor at `caret` in a text. */
  readonly focus: (id: string, caret?: number) => void;
}) {
  const { t } = useI18n();
  const { template, names } = props;
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

  function insert(id: string, block: TextBlock, placeholder: string) {
    const at = props.cursors.current.get(id) ?? {
      start: block.markdown.length,
      end: block.markdown.length,
    };
    const r = insertAt(block.markdown, at.start, at.end, placeholder);
    set(id, { type: "text", markdown: r.text });
    props.cursors.current.set(id, { start: r.caret, end: r.caret });
    props.focus(fieldIds.markdown(id), r.caret);
  }

  return (
    <section aria-labelledby="blocks-title" className="editor-blocks">
      <h3 id="blocks-title" tabIndex={-1}>
        {t("reports.editor.blocksOf", { place, title: section.title })}
      </h3>
      {section.blocks.length === 0 && <p className="state">{t("reports.editor.noBlocks")}</p>}
      <ol className="block-list">
        {section.blocks.map((b, i) => {
          const n = String(i + 1);
          const what = t("reports.editor.blockN", { n });
          const block = b.block;
          const tool = (
            label: string,
            symbol: string,
            enabled: boolean,
            action: () => void,
            suffix: string,
          ) => (
            <button
              type="button"
              id={`${b.id}-${suffix}`}
              className="icon-button"
              aria-label={`${what} ${label}`}
              title={`${what} ${label}`}
              aria-disabled={!enabled || undefined}
              onClick={() => enabled && action()}
            >
              <span aria-hidden="true">{symbol}</span>
            </button>
          );
          return (
            <li key={b.id} className={`block-card block-${block.type}`}>
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
                      props.focus(`${b.id}-up`);
                    },
                    "up",
                  )}
                  {tool(
                    t("reports.editor.down"),
                    "↓",
                    i < section.blocks.length - 1,
                    () => {
                      props.onChange(moveBlock(template, b.id, 1));
                      props.focus(`${b.id}-down`);
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
                      props.focus(neighbour ? `${neighbour.id}-heading` : "blocks-title");
                    },
                    "delete",
                  )}
                </div>
              </div>
              {block.type === "text" ? (
                <div className="text-block">
                  <div className="control text-source">
                    <label htmlFor={fieldIds.markdown(b.id)}>
                      {t("reports.editor.markdown", { what })}
                    </label>
                    <textarea
                      id={fieldIds.markdown(b.id)}
                      rows={8}
                      value={block.markdown}
                      spellCheck
                      aria-describedby={`${b.id}-help`}
                      onChange={(e) => {
                        props.cursors.current.set(b.id, {
                          start: e.target.selectionStart,
                          end: e.target.selectionEnd,
                        });
                        set(b.id, { type: "text", markdown: e.target.value });
                      }}
                      onSelect={(e) =>
                        props.cursors.current.set(b.id, {
                          start: e.currentTarget.selectionStart,
                          end: e.currentTarget.selectionEnd,
                        })
                      }
                    />
                    <small id={`${b.id}-help`}>{t("reports.editor.markdownHelp")}</small>
                  </div>
                  <FigurePicker
                    id={`${b.id}-pick`}
                    indicators={props.indicators}
                    areas={props.areas}
                    levelName={names.level}
                    onInsert={(p) => insert(b.id, block, p)}
                  />
                </div>
              ) : (
                <div className="block-settings">
                  <p className="block-summary">{describeBlock(block, names, t)}</p>
                  {block.type === "map" && (
                    <div className="form-grid">
                      <Field id={`${b.id}-indicator`} label={t("reports.picker.indicator")}>
                        <select
                          id={`${b.id}-indicator`}
                          value={block.indicator}
                          onChange={(e) => set(b.id, { ...block, indicator: e.target.value })}
                        >
                          {!props.indicators.some((x) => x.code === block.indicator) && (
                            <option value={block.indicator}>{block.indicator}</option>
                          )}
                          {props.indicators.map((x) => (
                            <option key={x.code} value={x.code}>
                              {x.name}
                            </option>
                          ))}
                        </select>
                      </Field>
                      <Field id={`${b.id}-level`} label={t("reports.editor.level")}>
                        <select
                          id={`${b.id}-level`}
                          value={block.level}
                          onChange={(e) => set(b.id, { ...block, level: e.target.value })}
                        >
                          {!props.levels.some((x) => x.code === block.level) && (
                            <option value={block.level}>{block.level}</option>
                          )}
                          {props.levels.map((x) => (
                            <option key={x.code} value={x.code}>
                              {x.name}
                            </option>
                          ))}
                        </select>
                      </Field>
                    </div>
                  )}
                  {(block.type === "table" ||
                    block.type === "chart" ||
                    block.type === "comparison" ||
                    block.type === "typology") && (
                    <IndicatorBlockSettings
                      id={b.id}
                      block={block}
                      onChange={(next) => set(b.id, next)}
                      indicators={props.indicators}
                      levels={props.levels}
                      perArea={template.perArea !== undefined}
                    />
                  )}
                  {block.type === "accommodation" && (
                    <PartsField
                      all={ACC_PARTS}
                      parts={block.parts}
                      label={(part) => t(`reports.accPart.${part}`)}
                      onChange={(parts) => set(b.id, { ...block, parts })}
                    />
                  )}
                  {block.type === "findings" && (
                    <Field
                      id={fieldIds.limit(b.id)}
                      label={t("reports.editor.limit")}
                      size="narrow"
                    >
                      <input
                        id={fieldIds.limit(b.id)}
                        type="number"
                        min={1}
                        max={30}
                        value={Number.isFinite(block.limit) ? block.limit : ""}
                        onChange={(e) =>
                          set(b.id, {
                            ...block,
                            limit: e.target.value === "" ? Number.NaN : Number(e.target.value),
                          })
                        }
                      />
                    </Field>
                  )}
                  {hasCaption(block) ? (
                    <TextField
                      id={`${b.id}-caption`}
                      label={t("reports.editor.caption")}
                      type="text"
                      value={captionOf(block)}
                      placeholder={t("reports.editor.captionDefault")}
                      onChange={(value) => set(b.id, withCaption(block, value))}
                    />
                  ) : null}
                </div>
              )}
            </li>
          );
        })}
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
