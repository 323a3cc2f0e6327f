import { sql } from "drizzle-orm";
import { executeRows, type Database } from "../../src/storage/db.ts";

/**
 * A fingerprint of every data table: row counts and a checksum over the observations and
 * boundaries. Two equal snapshots mean the data did not change. The import log is left out on
 * purpose: a rejected import records its report there, and that is all it may write.
 */
export async function snapshotData(db: Database): Promise<Record<string, string>> {
  const rows = await executeRows<{ name: string; fingerprint: string }>(
    db.orm,
    sql`
      SELECT 'workspace' AS name, string_agg(id || ':' || data_version, ',' ORDER BY id) AS fingerprint FROM workspace
      UNION ALL SELECT 'area', count(*) || ':' || coalesce(sum(hashtext(code || name || coalesce(parent_id::text, ''))), 0) FROM area
      UNION ALL SELECT 'area_boundary', count(*) || ':' || coalesce(sum(hashtext(geometry::text || valid_from || coalesce(valid_to::text, ''))), 0) FROM area_boundary
      UNION ALL SELECT 'variable', count(*) || ':' || coalesce(sum(hashtext(code || name || publication)), 0) FROM variable
      UNION ALL SELECT 'period', count(*)::text FROM period
      UNION ALL SELECT 'indicator', count(*) || ':' || coalesce(sum(hashtext(code || name || publication)), 0) FROM indicator
      UNION ALL SELECT 'theme', count(*) || ':' || coalesce(sum(hashtext(code || name)), 0) FROM theme
      UNION ALL SELECT 'goal', count(*) || ':' || coalesce(sum(hashtext(code || title || level || release)), 0) FROM goal
      UNION ALL SELECT 'goal_indicator', count(*) || ':' || coalesce(sum(hashtext(goal_id || '/' || target_kind || '/' || coalesce(target_value::text, '-') || '/' || coalesce(valid_to::text, '-'))), 0) FROM goal_indicator
      UNION ALL SELECT 'measure', count(*) || ':' || coalesce(sum(hashtext(code || title || status || milestones::text)), 0) FROM measure
      UNION ALL SELECT 'performance_value', count(*) || ':' || coalesce(sum(hashtext(period || '/' || value::text)), 0) FROM performance_value
      UNION ALL SELECT 'budget_line', count(*) || ':' || coalesce(sum(hashtext(year || '/' || product_code || '/' || planned::text)), 0) FROM budget_line
      UNION ALL SELECT 'curve_story', count(*)::text FROM curve_story
      UNION ALL SELECT 'observation', count(*) || ':' || coalesce(sum(hashtext(variable_id || '/' || area_id || '/' || period_id || '/' || coalesce(value::text, '-') || '/' || revision || '/' || coalesce(superseded_at::text, ''))), 0) FROM observation
    `,
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.fingerprint ?? ""]));
}
