import type { Value } from "@core/value.ts";

/** A value as the API sends it (value and status) as the core's Value, for core functions. */
export function toValue(
  v: { value: number | null; status?: string } | null | undefined,
): Value<number> {
  if (v && v.value !== null) return { kind: "known", value: v.value };
  if (v?.status === "suppressed") return { kind: "suppressed", reason: "small_count" };
  return { kind: "missing", reason: "no_data" };
}
