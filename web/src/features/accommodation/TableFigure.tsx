/**
 * A table of the Unterkünfte page with its heading, the notes on its signs and its CSV and
 * XLSX exports: the view table drawn is the one exported.
 */
import type { ReactNode } from "react";
import type { ViewTable } from "../../lib/view-table.ts";
import { ExportButtons } from "../../ui/ExportButtons.tsx";
import { DataTable } from "../../ui/DataTable.tsx";

export function TableFigure(props: {
  readonly id: string;
  readonly heading?: string;
  /** The heading's level (3 inside a section of the page, 4 below a subsection). */
  readonly level?: 3 | 4;
  readonly table: ViewTable;
  readonly caption: string;
  readonly name: readonly (string | undefined)[];
  readonly children?: ReactNode;
}) {
  const H = props.level === 4 ? "h4" : "h3";
  const notes = props.table.notes ?? [];
  return (
    <section
      aria-labelledby={props.heading ? `${props.id}-title` : undefined}
      className="acc-table"
    >
      {props.heading && <H id={`${props.id}-title`}>{props.heading}</H>}
      {props.children}
      <DataTable table={props.table} caption={props.caption} />
      {notes.length > 0 && (
        <ul className="note plain">
          {notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      <ExportButtons name={props.name} table={() => props.table} />
    </section>
  );
}
