/** One value's place (variable, area, period) found by its codes, or 404 naming the missing part. */
import { notFound } from "../app-error.ts";

interface Coded {
  readonly code: string;
}

export interface CellCodes {
  readonly variable: string;
  readonly area: string;
  readonly period: string;
}

export function findCell<V extends Coded, A extends Coded, P extends Coded>(
  variables: readonly V[],
  areas: readonly A[],
  periods: readonly P[],
  key: CellCodes,
): { variable: V; area: A; period: P } {
  const variable = variables.find((x) => x.code === key.variable);
  if (!variable) throw notFound("Merkmal", key.variable);
  const area = areas.find((x) => x.code === key.area);
  if (!area) throw notFound("Gebiet", key.area);
  const period = periods.find((x) => x.code === key.period);
  if (!period) throw notFound("Zeitraum", key.period);
  return { variable, area, period };
}
