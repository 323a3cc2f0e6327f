/**
 * A built report (src/core/reports/document.ts) as HTML in the page: the title block, chapters
 * and sections as headings below the page's own, paragraphs with their emphasis, lists, the
 * key findings, tables with their number, caption, notes and source (German numbers, the first
 * column of names as row headers, wide tables scrolling in their own box) and figures as
 * sanitized inline SVG (role="img" with the text alternative) with the numbered caption. The web page,
 * the PDF and the DOCX read the same document, so they say the same.
 */
import { sanitizeSvg } from "@core/figures/sanitize-svg.ts";
import { useMemo, type ReactNode } from "react";
import type { Figure, Inline, Node, ReportDocument, Table } from "@core/reports/document.ts";
import { TableView } from "../../ui/ViewTable.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { cellText, isNumericCell, unitRuns } from "./report-format.ts";
// The report's font, as in its HTML, PDF and DOCX: the figures were laid out for it.
import "@fontsource/source-sans-3/latin-400.css";
import "@fontsource/source-sans-3/latin-700.css";
import "@fontsource/source-sans-3/latin-ext-400.css";
import "@fontsource/source-sans-3/latin-ext-700.css";

type Level = 3 | 4 | 5 | 6;

function Heading(props: {
  readonly level: Level;
  readonly id?: string;
  readonly children: ReactNode;
}) {
  const H = `h${props.level}` as const;
  return <H id={props.id}>{props.children}</H>;
}

/** A text whose numbers keep their unit on the same line ("14,0 %" never splits). */
export function ReportText({ text }: { readonly text: string }) {
  return (
    <>
      {unitRuns(text).map((r, i) =>
        r.keep ? (
          <span key={i} className="nb">
            {r.text}
          </span>
        ) : (
          r.text
        ),
      )}
    </>
  );
}

function Inlines({ runs }: { readonly runs: readonly Inline[] }) {
  return (
    <>
      {runs.map((run, i) => {
        let node: ReactNode = <ReportText text={run.text} />;
        if (run.emphasis === true) node = <em>{node}</em>;
        if (run.strong === true) node = <strong>{node}</strong>;
        return <span key={i}>{node}</span>;
      })}
    </>
  );
}

function TableNode({ node, id }: { readonly node: Table; readonly id: string }) {
  const { t } = useI18n();
  // The caption stands above the scrolling box, so a wide table never pushes it out of view;
  // the table and its box are named by it.
  return (
    <div className="report-table">
      <p className="report-caption" id={`${id}-caption`}>
        <span className="report-number">{t("reports.doc.table", { n: String(node.number) })}</span>{" "}
        {node.caption}
      </p>
      <div className="scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
        <TableView
          labelledBy={`${id}-caption`}
          rowHeaders={node.columns[0]?.numeric === false}
          heads={node.columns.map((c) => ({ text: c.label, numeric: c.numeric }))}
          rows={node.rows.map((row) =>
            node.columns.map((column, i) => ({
              text: cellText(row[i]),
              numeric: column.numeric || isNumericCell(row[i]),
            })),
          )}
        />
      </div>
      {node.notes.map((n, i) => (
        <p key={i} className="report-note">
          {n}
        </p>
      ))}
      <p className="report-source">{node.source}</p>
    </div>
  );
}

function FigureNode({ node, id }: { readonly node: Figure; readonly id: string }) {
  const { t } = useI18n();
  const width = Math.max(1, Math.round(node.width));
  const height = Math.max(1, Math.round(node.height));
  const html = useMemo(
    () => sanitizeSvg(node.svg, `${id}-`, width, height),
    [node.svg, id, width, height],
  );
  return (
    <figure className="report-figure">
      <div
        className="report-graphic"
        role="img"
        aria-label={node.alt}
        style={{ maxWidth: `${width}px`, aspectRatio: `${width} / ${height}` }}
        dangerouslySetInnerHTML={{ __html: html }}
      />
      <figcaption>
        <span className="report-number">{t("reports.doc.figure", { n: String(node.number) })}</span>{" "}
        {node.caption}
        <span className="report-source">{node.source}</span>
      </figcaption>
    </figure>
  );
}

function NodeView(props: { readonly node: Node; readonly level: Level; readonly id: string }) {
  const { node } = props;
  switch (node.kind) {
    case "paragraph":
      return (
        <p>
          <Inlines runs={node.inlines} />
        </p>
      );
    case "subheading":
      return <Heading level={props.level}>{node.text}</Heading>;
    case "list": {
      const items = node.items.map((item, i) => (
        <li key={i}>
          <Inlines runs={item} />
        </li>
      ));
      return node.ordered ? <ol>{items}</ol> : <ul>{items}</ul>;
    }
    case "findings":
      return (
        <ul className="report-findings">
          {node.items.map((f) => (
            <li key={f.id}>
              <ReportText text={f.text} />
            </li>
          ))}
        </ul>
      );
    case "table":
      return <TableNode node={node} id={props.id} />;
    case "figure":
      return <FigureNode node={node} id={props.id} />;
  }
}

/**
 * The document. `level` is the heading level of its chapters (sections one below, headings
 * inside a section's text two below), so it fits under the page's own headings; `id` makes
 * the ids of its parts unique in the page (a draft and a preview may both be shown).
 */
export function DocumentView(props: {
  readonly doc: ReportDocument;
  readonly level: 3 | 4;
  readonly id: string;
}) {
  const { t } = useI18n();
  const { doc, level, id } = props;
  const section = (level + 1) as Level;
  const sub = (level + 2) as Level;
  return (
    <article className="report-document" aria-labelledby={`${id}-title`} lang="de">
      <header className="report-titlepage">
        <p className="report-title" id={`${id}-title`}>
          {doc.title}
        </p>
        {doc.subtitle && <p className="report-subtitle">{doc.subtitle}</p>}
        <p className="report-facts">
          {t("reports.doc.facts", {
            publisher: doc.publisher,
            period: doc.period,
            state: doc.state,
            date: `${doc.dataAsOf.slice(8, 10)}.${doc.dataAsOf.slice(5, 7)}.${doc.dataAsOf.slice(0, 4)}`,
          })}
        </p>
      </header>
      {doc.chapters.map((c, ci) => (
        <section key={ci} className="report-chapter">
          <Heading level={level} id={`${id}-c${ci}`}>
            {c.title}
          </Heading>
          {c.sections.map((s, si) => (
            <section key={si} className="report-section" data-place={`${ci}.${si}`}>
              <Heading level={section} id={`${id}-c${ci}-s${si}`}>
                {s.title}
              </Heading>
              {s.nodes.map((n, ni) => (
                <NodeView key={ni} node={n} level={sub} id={`${id}-c${ci}-s${si}-n${ni}`} />
              ))}
            </section>
          ))}
        </section>
      ))}
    </article>
  );
}
