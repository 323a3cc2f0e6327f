/**
 * The template editor's model without React: the template with an id for every chapter,
 * section and block (so a moved item keeps its inputs and focus), the outline's edit
 * operations (add, rename, move, delete chapters, sections and blocks), the way back to the
 * template the API takes, the problems the editor sees before asking the server, and a summary
 * in words of the blocks the editor does not edit in full.
 */
import type { AreaChoice, Block, PeriodRef, ReportTemplate } from "@core/reports/template.ts";
import type { Translate } from "./messages.ts";

export interface EditBlock {
  readonly id: string;
  readonly block: Block;
}

export interface EditSection {
  readonly id: string;
  readonly title: string;
  readonly blocks: readonly EditBlock[];
}

export interface EditChapter {
  readonly id: string;
  readonly title: string;
  readonly sections: readonly EditSection[];
}

export interface EditTemplate {
  readonly code: string;
  readonly title: string;
  readonly subtitle: string;
  readonly periodKind: ReportTemplate["periodKind"];
  readonly perArea: ReportTemplate["perArea"];
  readonly chapters: readonly EditChapter[];
}

let lastId = 0;
/** A new id, unique in the page ("c12", "s13", "b14"). */
const newId = (kind: "c" | "s" | "b") => `${kind}${++lastId}`;

const editBlock = (block: Block): EditBlock => ({ id: newId("b"), block });

export function editable(t: ReportTemplate): EditTemplate {
  return {
    code: t.code,
    title: t.title,
    subtitle: t.subtitle ?? "",
    periodKind: t.periodKind,
    perArea: t.perArea,
    chapters: t.chapters.map((c) => ({
      id: newId("c"),
      title: c.title,
      sections: c.sections.map((s) => ({
        id: newId("s"),
        title: s.title,
        blocks: s.blocks.map(editBlock),
      })),
    })),
  };
}

/** The template as the API takes it, in the key order of the template file. */
export function templateOf(e: EditTemplate): ReportTemplate {
  const subtitle = e.subtitle.trim();
  return {
    code: e.code,
    title: e.title,
    ...(subtitle === "" ? {} : { subtitle: e.subtitle }),
    periodKind: e.periodKind,
    ...(e.perArea ? { perArea: e.perArea } : {}),
    chapters: e.chapters.map((c) => ({
      title: c.title,
      sections: c.sections.map((s) => ({ title: s.title, blocks: s.blocks.map((b) => b.block) })),
    })),
  };
}

/** The list with the item at `index` moved by `delta` places (unchanged at an end). */
function moved<T>(list: readonly T[], index: number, delta: number): readonly T[] {
  const to = index + delta;
  if (index < 0 || to < 0 || to >= list.length) return list;
  const out = [...list];
  const [item] = out.splice(index, 1);
  out.splice(to, 0, item!);
  return out;
}

const mapSections = (e: EditTemplate, f: (s: EditSection) => EditSection): EditTemplate => ({
  ...e,
  chapters: e.chapters.map((c) => ({ ...c, sections: c.sections.map(f) })),
});

export function setTitle(e: EditTemplate, title: string): EditTemplate {
  return { ...e, title };
}

export function setSubtitle(e: EditTemplate, subtitle: string): EditTemplate {
  return { ...e, subtitle };
}

/** A new chapter at the end with one empty section (a chapter needs one); its id and its section's. */
export function addChapter(
  e: EditTemplate,
  title: string,
  sectionTitle: string,
): { template: EditTemplate; chapter: string; section: string } {
  const section: EditSection = { id: newId("s"), title: sectionTitle, blocks: [] };
  const chapter: EditChapter = { id: newId("c"), title, sections: [section] };
  return {
    template: { ...e, chapters: [...e.chapters, chapter] },
    chapter: chapter.id,
    section: section.id,
  };
}

export function renameChapter(e: EditTemplate, id: string, title: string): EditTemplate {
  return { ...e, chapters: e.chapters.map((c) => (c.id === id ? { ...c, title } : c)) };
}

export function moveChapter(e: EditTemplate, id: string, delta: number): EditTemplate {
  return { ...e, chapters: moved(e.chapters, indexOf(e.chapters, id), delta) };
}

/** Removes a chapter with its sections; the last chapter stays (a template needs one). */
export function removeChapter(e: EditTemplate, id: string): EditTemplate {
  if (e.chapters.length <= 1) return e;
  return { ...e, chapters: e.chapters.filter((c) => c.id !== id) };
}

const indexOf = (list: readonly { id: string }[], id: string) => list.findIndex((x) => x.id === id);

export function addSection(
  e: EditTemplate,
  chapterId: string,
  title: string,
): { template: EditTemplate; section: string } {
  const section: EditSection = { id: newId("s"), title, blocks: [] };
  return {
    template: {
      ...e,
      chapters: e.chapters.map((c) =>
        c.id === chapterId ? { ...c, sections: [...c.sections, section] } : c,
      ),
    },
    section: section.id,
  };
}

export function renameSection(e: EditTemplate, id: string, title: string): EditTemplate {
  return mapSections(e, (s) => (s.id === id ? { ...s, title } : s));
}

/** Moves a section within its chapter. */
export function moveSection(e: EditTemplate, id: string, delta: number): EditTemplate {
  return {
    ...e,
    chapters: e.chapters.map((c) => {
      const i = indexOf(c.sections, id);
      return i < 0 ? c : { ...c, sections: moved(c.sections, i, delta) };
    }),
  };
}

/** Removes a section with its blocks; a chapter's last section stays (a chapter needs one). */
export function removeSection(e: EditTemplate, id: string): EditTemplate {
  return {
    ...e,
    chapters: e.chapters.map((c) =>
      c.sections.length > 1 && c.sections.some((s) => s.id === id)
        ? { ...c, sections: c.sections.filter((s) => s.id !== id) }
        : c,
    ),
  };
}

/** A block added at the end of a section; its id. */
export function addBlock(
  e: EditTemplate,
  sectionId: string,
  block: Block,
): { template: EditTemplate; block: string } {
  const b = editBlock(block);
  return {
    template: mapSections(e, (s) => (s.id === sectionId ? { ...s, blocks: [...s.blocks, b] } : s)),
    block: b.id,
  };
}

export function updateBlock(e: EditTemplate, id: string, block: Block): EditTemplate {
  return mapSections(e, (s) =>
    s.blocks.some((b) => b.id === id)
      ? { ...s, blocks: s.blocks.map((b) => (b.id === id ? { id, block } : b)) }
      : s,
  );
}

export function moveBlock(e: EditTemplate, id: string, delta: number): EditTemplate {
  return mapSections(e, (s) => {
    const i = indexOf(s.blocks, id);
    return i < 0 ? s : { ...s, blocks: moved(s.blocks, i, delta) };
  });
}

export function removeBlock(e: EditTemplate, id: string): EditTemplate {
  return mapSections(e, (s) => ({ ...s, blocks: s.blocks.filter((b) => b.id !== id) }));
}

/** A section by its id with its place (both counted from 0), or null. */
export function findSection(
  e: EditTemplate,
  id: string,
): { chapter: number; section: number; value: EditSection } | null {
  for (const [c, chapter] of e.chapters.entries()) {
    const s = indexOf(chapter.sections, id);
    if (s >= 0) return { chapter: c, section: s, value: chapter.sections[s]! };
  }
  return null;
}

/** The section and block at a place (counted from 0), or null. */
export function blockAt(
  e: EditTemplate,
  place: { chapter: number; section: number; block: number },
): { section: string; block: string | null } | null {
  const section = e.chapters[place.chapter]?.sections[place.section];
  if (!section) return null;
  return { section: section.id, block: section.blocks[place.block]?.id ?? null };
}

/** A problem the editor sees itself, before the server is asked. */
export interface LocalProblem {
  readonly text: string;
  /** The id of the input it belongs to. */
  readonly field: string;
  /** The section to open to reach the field, if the field is a block's. */
  readonly section?: string;
}

/** The input ids of the editor, shared by the form and its problems. */
export const fieldIds = {
  title: "tpl-title",
  subtitle: "tpl-subtitle",
  chapter: (id: string) => `tpl-${id}-title`,
  section: (id: string) => `tpl-${id}-title`,
  markdown: (id: string) => `tpl-${id}-markdown`,
  limit: (id: string) => `tpl-${id}-limit`,
};

/** Empty titles and a number of findings out of range; each with its field. */
export function localProblems(e: EditTemplate, t: Translate): LocalProblem[] {
  const out: LocalProblem[] = [];
  if (e.title.trim() === "") out.push({ text: t("reports.problem.title"), field: fieldIds.title });
  e.chapters.forEach((c, ci) => {
    const chapter = t("reports.editor.chapterN", { n: String(ci + 1) });
    if (c.title.trim() === "") {
      out.push({
        text: t("reports.problem.emptyTitle", { what: chapter }),
        field: fieldIds.chapter(c.id),
      });
    }
    c.sections.forEach((s, si) => {
      const section = `${chapter}, ${t("reports.editor.sectionN", { n: String(si + 1) })}`;
      if (s.title.trim() === "") {
        out.push({
          text: t("reports.problem.emptyTitle", { what: section }),
          field: fieldIds.section(s.id),
        });
      }
      s.blocks.forEach((b, bi) => {
        const block = b.block;
        if (
          block.type === "findings" &&
          !(Number.isInteger(block.limit) && block.limit >= 1 && block.limit <= 30)
        ) {
          out.push({
            text: `${section}, ${t("reports.editor.blockN", { n: String(bi + 1) })}: ${t("reports.problem.limit")}`,
            field: fieldIds.limit(b.id),
            section: s.id,
          });
        }
      });
    });
  });
  return out;
}

/** Names of the catalogue and the area levels, for summaries. */
export interface Names {
  indicator(code: string): string;
  level(code: string): string;
}

function periodText(ref: PeriodRef | undefined, t: Translate): string {
  if (ref === undefined || ref === "report") return t("reports.period.report");
  if (ref === "previous") return t("reports.period.previous");
  if (ref === "year_before") return t("reports.period.yearBefore");
  return ref.code;
}

function areasText(a: AreaChoice, names: Names, t: Translate): string {
  if ("level" in a) return t("reports.areas.level", { level: names.level(a.level) });
  if ("reportArea" in a) return t("reports.areas.report");
  return t("reports.areas.codes", { codes: a.codes.join(", ") });
}

/** What a block shows, in a line or two of words (the text block shows its Markdown itself). */
export function describeBlock(block: Block, names: Names, t: Translate): string {
  const indicators = (codes: readonly string[]) => codes.map((c) => names.indicator(c)).join(", ");
  switch (block.type) {
    case "text":
      return t("reports.block.text");
    case "map":
      return t("reports.describe.map", {
        indicator: names.indicator(block.indicator),
        level: names.level(block.level),
        period: periodText(block.period, t),
      });
    case "chart":
      return t("reports.describe.chart", {
        indicators: indicators(block.indicators),
        periods:
          block.periods === undefined
            ? t("reports.describe.allPeriods")
            : t("reports.describe.lastPeriods", { n: String(block.periods) }),
      });
    case "table":
      return t("reports.describe.table", {
        indicators: indicators(block.indicators),
        areas: areasText(block.areas, names, t),
        period: periodText(block.period, t),
        change:
          block.changeSince === undefined
            ? ""
            : t("reports.describe.changeSince", { period: periodText(block.changeSince, t) }),
      });
    case "comparison":
      return t("reports.describe.comparison", {
        indicators: indicators(block.indicators),
        areas: areasText(block.areas, names, t),
        period: periodText(block.period, t),
      });
    case "index":
      return t("reports.describe.index", {
        index: block.index,
        parts: block.parts.map((p) => t(`reports.indexPart.${p}`)).join(", "),
      });
    case "typology":
      return t("reports.describe.typology", {
        method:
          block.method === "ward"
            ? "Ward"
            : t("reports.describe.kmeans", { seed: String(block.seed ?? 1) }),
        k:
          block.k === undefined
            ? t("reports.describe.kAuto")
            : t("reports.describe.kFixed", { k: String(block.k) }),
        indicators: indicators(block.indicators),
        level: names.level(block.level),
        period: periodText(block.period, t),
        parts: block.parts.map((p) => t(`reports.typologyPart.${p}`)).join(", "),
      });
    case "accommodation":
      return t("reports.describe.accommodation", {
        parts: block.parts.map((p) => t(`reports.accPart.${p}`)).join(", "),
      });
    case "findings":
      return t("reports.describe.findings", { n: String(block.limit) });
    case "indicator_sheets":
      return t("reports.describe.sheets");
    case "controlling":
      return t("reports.describe.controlling", {
        parts: block.parts.map((p) => t(`reports.ctlPart.${p}`)).join(", "),
      });
  }
}
