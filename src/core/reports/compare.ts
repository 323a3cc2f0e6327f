/**
 * What changed between two versions of a report: text that was added, removed or changed,
 * and the figures in tables whose values differ. Both documents are flattened into keyed
 * lines — a paragraph by its section and position, a table cell by its table caption, row
 * label and column label — and the keys compared, so a new paragraph in chapter 2 does not
 * mark everything after it as changed.
 */
import { cellText, type Node, type ReportDocument } from "./document.ts";

export interface TextChange {
  readonly place: string;
  readonly before: string | null;
  readonly after: string | null;
}

export interface FigureChange {
  /** "Tabelle: SGB-II-Quote nach Stadtteil, 2021 › Altstadt › SGB-II-Quote (%)". */
  readonly place: string;
  readonly before: string | null;
  readonly after: string | null;
}

export interface DocumentComparison {
  readonly text: readonly TextChange[];
  readonly figures: readonly FigureChange[];
  readonly unchangedTables: number;
}

function nodeText(n: Node): string | null {
  switch (n.kind) {
    case "paragraph":
      return n.inlines.map((i) => i.text).join("");
    case "subheading":
      return n.text;
    case "list":
      return n.items.map((i) => `• ${i.map((x) => x.text).join("")}`).join("\n");
    case "findings":
      return n.items.map((i) => `• ${i.text}`).join("\n");
    case "figure":
      return `Abbildung: ${n.caption}`;
    case "table":
      return null;
  }
}

function flatten(doc: ReportDocument) {
  const text = new Map<string, string>();
  const cells = new Map<string, Map<string, string>>();
  text.set("Titel", doc.title);
  for (const c of doc.chapters) {
    for (const s of c.sections) {
      const section = `${c.title} › ${s.title}`;
      let i = 0;
      for (const n of s.nodes) {
        const t = nodeText(n);
        if (t !== null) text.set(`${section} › ${++i}`, t);
        if (n.kind === "table") {
          const table = new Map<string, string>();
          for (const row of n.rows) {
            const label = row[0] ? cellText(row[0]) : "";
            row.slice(1).forEach((cell, k) => {
              table.set(`${label} › ${n.columns[k + 1]?.label ?? k + 2}`, cellText(cell));
            });
          }
          cells.set(`Tabelle: ${n.caption}`, table);
        }
      }
    }
  }
  return { text, cells };
}

export function compareDocuments(
  before: ReportDocument,
  after: ReportDocument,
): DocumentComparison {
  const a = flatten(before);
  const b = flatten(after);
  const text: TextChange[] = [];
  for (const key of new Set([...a.text.keys(), ...b.text.keys()])) {
    const x = a.text.get(key) ?? null;
    const y = b.text.get(key) ?? null;
    if (x !== y) text.push({ place: key, before: x, after: y });
  }
  const figures: FigureChange[] = [];
  let unchangedTables = 0;
  for (const table of new Set([...a.cells.keys(), ...b.cells.keys()])) {
    const x = a.cells.get(table) ?? new Map<string, string>();
    const y = b.cells.get(table) ?? new Map<string, string>();
    let changed = false;
    for (const key of new Set([...x.keys(), ...y.keys()])) {
      const v = x.get(key) ?? null;
      const w = y.get(key) ?? null;
      if (v !== w) {
        changed = true;
        figures.push({ place: `${table} › ${key}`, before: v, after: w });
      }
    }
    if (!changed) unchangedTables++;
  }
  return { text, figures, unchangedTables };
}
