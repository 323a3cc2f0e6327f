/**
 * JSON with the keys of every object sorted: two values that mean the same give the same
 * text, whatever order their keys came in (a jsonb column hands keys back in its own order).
 * Used to tell whether a saved definition or template changed anything.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
