/**
 * A text block of a report: Markdown (paragraphs, ### subheadings, lists, **bold**, *italic*)
 * with placeholders for live figures. The placeholders are resolved first, each value escaped
 * so a figure can never turn into markup; then the Markdown is read (marked's lexer) into the
 * document's nodes. Raw HTML, pictures, code and quotes are not part of a report's text and are
 * refused with their line, like a placeholder that cannot be resolved.
 */
import { Lexer, type Token } from "marked";
import type { Inline, Node } from "./document.ts";
import { findPlaceholders, resolvePlaceholder, type FigureLookup } from "./placeholders.ts";

export interface TextProblem {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export interface TextResult {
  readonly nodes: readonly Node[];
  readonly errors: readonly TextProblem[];
  readonly warnings: readonly TextProblem[];
}

/** Backslash-escapes every character Markdown could read as markup. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`);
}

/** The markdown with every placeholder replaced by its escaped text, or the problems. */
export function fillPlaceholders(
  markdown: string,
  lookup: FigureLookup,
): { text: string; errors: TextProblem[]; warnings: TextProblem[] } {
  const errors: TextProblem[] = [];
  const warnings: TextProblem[] = [];
  let out = "";
  let from = 0;
  for (const use of findPlaceholders(markdown)) {
    const at = { line: use.line, column: use.column };
    out += markdown.slice(from, use.start);
    from = use.end;
    if (use.placeholder === null) {
      errors.push({ ...at, message: `${use.source}: ${use.error}` });
      continue;
    }
    const r = resolvePlaceholder(use.placeholder, lookup);
    if (!r.ok) {
      errors.push({ ...at, message: `${use.source}: ${r.error}` });
      continue;
    }
    if (r.warning !== undefined) warnings.push({ ...at, message: `${use.source}: ${r.warning}` });
    out += escapeMarkdown(r.text);
  }
  return { text: out + markdown.slice(from), errors, warnings };
}

const lineOf = (markdown: string, raw: string, from: number) => {
  const at = markdown.indexOf(raw, from);
  return at < 0 ? 1 : markdown.slice(0, at).split("\n").length;
};

function inlines(
  tokens: readonly Token[] | undefined,
  style: Omit<Inline, "text">,
): Inline[] | string {
  const out: Inline[] = [];
  for (const t of tokens ?? []) {
    switch (t.type) {
      case "text":
      case "escape":
      case "codespan":
        if ("tokens" in t && t.tokens && t.tokens.length > 0) {
          const inner = inlines(t.tokens, style);
          if (typeof inner === "string") return inner;
          out.push(...inner);
        } else {
          out.push({ ...style, text: (t as { text: string }).text });
        }
        break;
      case "strong":
      case "em": {
        const inner = inlines(t.tokens, {
          ...style,
          ...(t.type === "strong" ? { strong: true } : { emphasis: true }),
        });
        if (typeof inner === "string") return inner;
        out.push(...inner);
        break;
      }
      case "link": {
        const inner = inlines(t.tokens, style);
        if (typeof inner === "string") return inner;
        out.push(...inner, { ...style, text: ` (${t.href})` });
        break;
      }
      case "br":
        out.push({ ...style, text: "\n" });
        break;
      case "html":
        return "HTML gehört nicht in den Text eines Berichts.";
      case "image":
        return "Bilder gehören in einen Karten- oder Diagrammblock, nicht in den Text.";
      default:
        out.push({ ...style, text: t.raw });
    }
  }
  // Neighbouring runs of the same style become one.
  const merged: Inline[] = [];
  for (const i of out) {
    const last = merged.at(-1);
    if (last && !!last.strong === !!i.strong && !!last.emphasis === !!i.emphasis) {
      merged[merged.length - 1] = { ...last, text: last.text + i.text };
    } else merged.push(i);
  }
  return merged;
}

/** A text block as document nodes, with every problem named by line and column. */
export function textBlock(markdown: string, lookup: FigureLookup): TextResult {
  const filled = fillPlaceholders(markdown, lookup);
  if (filled.errors.length > 0)
    return { nodes: [], errors: filled.errors, warnings: filled.warnings };
  const errors: TextProblem[] = [];
  const nodes: Node[] = [];
  let from = 0;
  for (const t of new Lexer().lex(filled.text)) {
    const line = lineOf(filled.text, t.raw, from);
    from = Math.max(from, filled.text.indexOf(t.raw, from));
    const problem = (message: string) => errors.push({ line, column: 1, message });
    switch (t.type) {
      case "space":
        break;
      case "paragraph":
      case "text": {
        const r = inlines(t.tokens, {});
        if (typeof r === "string") problem(r);
        else nodes.push({ kind: "paragraph", inlines: r });
        break;
      }
      case "heading": {
        const r = inlines(t.tokens, {});
        if (typeof r === "string") problem(r);
        else nodes.push({ kind: "subheading", text: r.map((i) => i.text).join("") });
        break;
      }
      case "list": {
        const items: Inline[][] = [];
        for (const item of t.items as { tokens: Token[] }[]) {
          const parts = item.tokens.flatMap((x) =>
            x.type === "text" || x.type === "paragraph" ? [x] : [],
          );
          if (parts.length !== item.tokens.filter((x) => x.type !== "space").length) {
            problem("Listen in Listen und Blöcke in Listenpunkten sind nicht vorgesehen.");
            continue;
          }
          const r = inlines(
            parts.flatMap((x) => ("tokens" in x && x.tokens ? x.tokens : [])),
            {},
          );
          if (typeof r === "string") problem(r);
          else items.push(r);
        }
        nodes.push({ kind: "list", ordered: t.ordered as boolean, items });
        break;
      }
      case "html":
        problem("HTML gehört nicht in den Text eines Berichts.");
        break;
      case "code":
        problem("Code-Blöcke gehören nicht in den Text eines Berichts.");
        break;
      case "blockquote":
        problem("Zitatblöcke (>) sind nicht vorgesehen.");
        break;
      case "table":
        problem("Tabellen kommen aus einem Tabellenblock mit Live-Zahlen, nicht aus dem Text.");
        break;
      case "hr":
        break;
      default:
        problem(`„${t.raw.trim().slice(0, 40)}“ ist hier nicht vorgesehen.`);
    }
  }
  return { nodes: errors.length > 0 ? [] : nodes, errors, warnings: filled.warnings };
}
