/**
 * The outline of a template: its chapters and their sections, each title editable in place,
 * moved up or down, deleted (a template keeps one chapter, a chapter one section), added. A
 * section's blocks are edited after choosing it here. The focus follows an item that moved and
 * goes to a neighbour after a deletion.
 */
import { IconButton } from "../../ui/IconButton.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import {
  addChapter,
  addSection,
  fieldIds,
  moveChapter,
  moveSection,
  removeChapter,
  removeSection,
  renameChapter,
  renameSection,
  type EditTemplate,
} from "./template-edit.ts";

export function OutlineEditor(props: {
  readonly template: EditTemplate;
  readonly selected: string;
  readonly onSelect: (sectionId: string) => void;
  readonly onChange: (next: EditTemplate) => void;
  readonly focus: (id: string) => void;
}) {
  const { t } = useI18n();
  const { template, onChange, focus } = props;

  const tool = (
    id: string,
    label: string,
    symbol: string,
    enabled: boolean,
    action: () => void,
  ) => <IconButton id={id} label={label} symbol={symbol} enabled={enabled} onClick={action} />;

  return (
    <section aria-labelledby="outline-title" className="editor-outline">
      <h3 id="outline-title">{t("reports.editor.outline")}</h3>
      <ol className="outline">
        {template.chapters.map((c, ci) => {
          const chapter = t("reports.editor.chapterN", { n: String(ci + 1) });
          return (
            <li key={c.id} className="outline-chapter">
              <div className="outline-row">
                <label htmlFor={fieldIds.chapter(c.id)}>{chapter}</label>
                <input
                  id={fieldIds.chapter(c.id)}
                  type="text"
                  value={c.title}
                  onChange={(e) => onChange(renameChapter(template, c.id, e.target.value))}
                />
                <span className="outline-tools">
                  <button
                    type="button"
                    className="secondary add-section"
                    onClick={() => {
                      const r = addSection(template, c.id, t("reports.editor.newSection"));
                      onChange(r.template);
                      props.onSelect(r.section);
                      focus(fieldIds.section(r.section));
                    }}
                  >
                    {t("reports.editor.addSectionShort")}
                    <span className="sr-only">
                      {" "}
                      {t("reports.editor.addSection", { what: chapter })}
                    </span>
                  </button>
                  {tool(
                    `${c.id}-up`,
                    t("reports.editor.moveUp", { what: chapter }),
                    "↑",
                    ci > 0,
                    () => {
                      onChange(moveChapter(template, c.id, -1));
                      focus(`${c.id}-up`);
                    },
                  )}
                  {tool(
                    `${c.id}-down`,
                    t("reports.editor.moveDown", { what: chapter }),
                    "↓",
                    ci < template.chapters.length - 1,
                    () => {
                      onChange(moveChapter(template, c.id, 1));
                      focus(`${c.id}-down`);
                    },
                  )}
                  {tool(
                    `${c.id}-delete`,
                    t("reports.editor.remove", { what: chapter }),
                    "✕",
                    template.chapters.length > 1,
                    () => {
                      const next = removeChapter(template, c.id);
                      const neighbour = template.chapters[ci + 1] ?? template.chapters[ci - 1];
                      if (c.sections.some((s) => s.id === props.selected)) {
                        props.onSelect(neighbour?.sections[0]?.id ?? "");
                      }
                      onChange(next);
                      if (neighbour) focus(fieldIds.chapter(neighbour.id));
                    },
                  )}
                </span>
              </div>
              <ol className="outline-sections">
                {c.sections.map((s, si) => {
                  const section = t("reports.editor.sectionOf", {
                    n: `${ci + 1}.${si + 1}`,
                  });
                  const current = s.id === props.selected;
                  return (
                    <li
                      key={s.id}
                      className={current ? "outline-section current" : "outline-section"}
                    >
                      <div className="outline-row">
                        <label htmlFor={fieldIds.section(s.id)}>{section}</label>
                        <input
                          id={fieldIds.section(s.id)}
                          type="text"
                          value={s.title}
                          onChange={(e) => onChange(renameSection(template, s.id, e.target.value))}
                        />
                        <span className="outline-tools">
                          <button
                            type="button"
                            className="secondary choose-section"
                            aria-current={current ? "true" : undefined}
                            onClick={() => {
                              props.onSelect(s.id);
                              focus("blocks-title");
                            }}
                          >
                            {t("reports.editor.blocks", { n: String(s.blocks.length) })}
                            <span className="sr-only"> ({section})</span>
                          </button>
                          {tool(
                            `${s.id}-up`,
                            t("reports.editor.moveUp", { what: section }),
                            "↑",
                            si > 0,
                            () => {
                              onChange(moveSection(template, s.id, -1));
                              focus(`${s.id}-up`);
                            },
                          )}
                          {tool(
                            `${s.id}-down`,
                            t("reports.editor.moveDown", { what: section }),
                            "↓",
                            si < c.sections.length - 1,
                            () => {
                              onChange(moveSection(template, s.id, 1));
                              focus(`${s.id}-down`);
                            },
                          )}
                          {tool(
                            `${s.id}-delete`,
                            t("reports.editor.remove", { what: section }),
                            "✕",
                            c.sections.length > 1,
                            () => {
                              const neighbour = c.sections[si + 1] ?? c.sections[si - 1];
                              if (current && neighbour) props.onSelect(neighbour.id);
                              onChange(removeSection(template, s.id));
                              if (neighbour) focus(fieldIds.section(neighbour.id));
                            },
                          )}
                        </span>
                      </div>
                    </li>
                  );
                })}
              </ol>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="secondary"
        onClick={() => {
          const r = addChapter(
            template,
            t("reports.editor.newChapter"),
            t("reports.editor.newSection"),
          );
          onChange(r.template);
          props.onSelect(r.section);
          focus(fieldIds.chapter(r.chapter));
        }}
      >
        {t("reports.editor.addChapter")}
      </button>
    </section>
  );
}
