/**
 * What a backup contains and the SQL that moves its rows: which rows of each table belong to
 * one workspace, the row as JSON text on the way out and `json_populate_recordset` on the way in.
 */
import { sql } from "drizzle-orm";
import { type BackupColumn, SKIPPED_TABLES } from "./backup-format.ts";
import { type TableInfo, ident, literal, qualified } from "./backup-catalogue.ts";

/** A SQL condition on the rows of one table, for the row alias given. */
export type RowFilter = (alias: string) => string;

let aliasCounter = 0;
const freshAlias = (): string => `s${++aliasCounter}`;

function inSubquery(
  alias: string,
  columns: readonly string[],
  table: string,
  refColumns: readonly string[],
  filter: RowFilter,
): string {
  const s = freshAlias();
  const left =
    columns.length === 1
      ? `${alias}.${ident(columns[0]!)}`
      : `(${columns.map((c) => `${alias}.${ident(c)}`).join(", ")})`;
  return `${left} IN (SELECT ${refColumns.map((c) => `${s}.${ident(c)}`).join(", ")} FROM ${qualified(table)} AS ${s} WHERE ${filter(s)})`;
}

/**
 * The rows of a one-workspace backup, derived from the schema so that new tables follow the same
 * rules without a change here (today's tables in brackets):
 *
 *   1. `workspace`: the workspace's own row.
 *   2. A table with a `workspace_id` column: the rows of the workspace (area_system, area_level,
 *      area, area_boundary, variable, period, observation, indicator, import_run, membership). A
 *      row whose `workspace_id` is NULL belongs to the installation and is left out.
 *   3. A table without `workspace_id` that rows of rules 1–3 refer to: exactly the rows they refer
 *      to (app_user: the workspace's members through `membership.user_id`, and any other account
 *      a row of the workspace names), so every foreign key of the backup resolves.
 *   4. A table without `workspace_id` that refers only to tables of rules 1–3: the rows whose
 *      references all point into the backup (none today).
 *   5. Any other table belongs to the whole installation and is not in a one-workspace backup.
 *   `session` and `login_attempt` are in no backup at all (see SKIPPED_TABLES).
 *
 * Returns the filter of every table in the backup; a table without one is left out.
 */
export function workspaceFilters(
  tables: readonly TableInfo[],
  workspaceId: number,
): Map<string, RowFilter> {
  if (!Number.isSafeInteger(workspaceId)) throw new Error(`workspace id ${workspaceId}`);
  const filters = new Map<string, RowFilter>();
  const candidates = tables.filter((t) => !SKIPPED_TABLES.includes(t.name));
  for (const t of candidates) {
    if (t.name === "workspace") filters.set(t.name, (a) => `${a}."id" = ${workspaceId}`);
    else if (t.columns.some((c) => c.name === "workspace_id"))
      filters.set(t.name, (a) => `${a}."workspace_id" = ${workspaceId}`);
  }
  // Rule 3, children before parents, so a chain of referred-to tables resolves in one pass.
  for (const t of [...candidates].reverse()) {
    if (filters.has(t.name)) continue;
    const referrers = candidates.flatMap((r) =>
      r.name === t.name || !filters.has(r.name)
        ? []
        : r.foreignKeys.filter((f) => f.refTable === t.name).map((f) => ({ from: r, fk: f })),
    );
    if (referrers.length === 0) continue;
    filters.set(t.name, (a) =>
      referrers
        .map(({ from, fk }) =>
          inSubquery(a, fk.refColumns, from.name, fk.columns, filters.get(from.name)!),
        )
        .map((c) => `(${c})`)
        .join(" OR "),
    );
  }
  // Rule 4, parents before children.
  for (const t of candidates) {
    if (filters.has(t.name)) continue;
    const fks = t.foreignKeys.filter((f) => f.refTable !== t.name);
    if (fks.length === 0 || !fks.every((f) => filters.has(f.refTable))) continue;
    filters.set(t.name, (a) =>
      fks
        .map((f) => {
          const isNull = f.columns.map((c) => `${a}.${ident(c)} IS NULL`).join(" AND ");
          const inside = inSubquery(
            a,
            f.columns,
            f.refTable,
            f.refColumns,
            filters.get(f.refTable)!,
          );
          return `((${isNull}) OR ${inside})`;
        })
        .join(" AND "),
    );
  }
  return filters;
}

/** The alias of the table read; `alias.*` and qualified columns never mistake it for a column. */
export const ROW_ALIAS = "sopla_row";

const isJson = (c: BackupColumn): boolean => c.type === "json" || c.type === "jsonb";

/**
 * A row as JSON text. `row_to_json` writes SQL NULL as null, which in a json or jsonb column
 * could not be told apart from the JSON value null; so a table with such columns is written
 * column by column (with the same `to_json` rendering) and leaves SQL NULLs out. In the file, a
 * missing key is SQL NULL; a jsonb value is written as itself (null is the JSON value null); a
 * json value, whose exact text (whitespace, key order) PostgreSQL keeps, as a string holding
 * that text.
 */
function rowJson(t: TableInfo, alias: string): string {
  if (!t.columns.some(isJson)) return `row_to_json(${alias}.*)::text`;
  const parts = t.columns.map((c) => {
    const value = `${alias}.${ident(c.name)}${c.type === "json" ? "::text" : ""}`;
    return `${literal(`${JSON.stringify(c.name)}:`)} || to_json(${value})::text`;
  });
  return `'{' || concat_ws(',', ${parts.join(", ")}) || '}'`;
}

/** How the INSERT takes a column from the row object `e.value`, or from its record `p`. */
function columnValue(c: BackupColumn): string {
  if (c.type === "jsonb") return `(e.value -> ${literal(c.name)})::jsonb`;
  if (c.type === "json") return `(e.value ->> ${literal(c.name)})::json`;
  return `p.${ident(c.name)}`;
}

/**
 * The SELECT that reads a table's rows as JSON text, in primary-key order. A table that refers to
 * itself through one single-column foreign key (area.parent_id) is read parents first, so the
 * rows can be inserted batch by batch in file order.
 */
export function selectRows(t: TableInfo, filter: RowFilter | undefined): string {
  const r = ROW_ALIAS;
  const where = filter ? ` WHERE ${filter(r)}` : "";
  const pkOrder = t.primaryKey.map((c) => `${r}.${ident(c)}`).join(", ");
  const selfRefs = t.foreignKeys.filter((f) => f.refTable === t.name);
  const self = selfRefs.length === 1 && selfRefs[0]!.columns.length === 1 ? selfRefs[0]! : null;
  if (!self) {
    return `SELECT ${rowJson(t, r)} AS "j" FROM ${qualified(t.name)} AS ${r}${where}${
      pkOrder ? ` ORDER BY ${pkOrder}` : ""
    }`;
  }
  const fk = ident(self.columns[0]!);
  const key = ident(self.refColumns[0]!);
  const table = qualified(t.name);
  return `WITH RECURSIVE tree(k, depth) AS (
      SELECT x.${key}, 0 FROM ${table} AS x WHERE x.${fk} IS NULL OR x.${fk} = x.${key}
      UNION ALL
      SELECT x.${key}, tree.depth + 1 FROM ${table} AS x JOIN tree ON x.${fk} = tree.k
       WHERE x.${fk} <> x.${key}
    )
    SELECT ${rowJson(t, r)} AS "j" FROM ${table} AS ${r} LEFT JOIN tree ON tree.k = ${r}.${key}${where}
     ORDER BY tree.depth NULLS LAST${pkOrder ? `, ${pkOrder}` : ""}`;
}

/**
 * The INSERT of one batch (a JSON array of rows, parameter $1). `json_populate_record(set)` hands
 * each value's text to the column type's input function; json and jsonb columns are taken from
 * the row object itself, so that a JSON null stays a JSON null.
 */
export function insertRows(
  table: string,
  columns: readonly BackupColumn[],
  batch: readonly string[],
) {
  const names = columns.map((c) => ident(c.name)).join(", ");
  const target = qualified(table);
  const rowsParam = `[${batch.join(",")}]`;
  if (!columns.some(isJson)) {
    return sql`${sql.raw(`INSERT INTO ${target} (${names}) OVERRIDING SYSTEM VALUE SELECT ${names} FROM json_populate_recordset(null::${target}, `)}${rowsParam}${sql.raw("::json)")}`;
  }
  const values = columns.map(columnValue).join(", ");
  return sql`${sql.raw(`INSERT INTO ${target} (${names}) OVERRIDING SYSTEM VALUE SELECT ${values} FROM json_array_elements(`)}${rowsParam}${sql.raw(`::json) AS e CROSS JOIN LATERAL json_populate_record(null::${target}, e.value) AS p`)}`;
}
