/**
 * The workspace's catalogue as queries, one key each, so every page that lists indicators,
 * area systems, periods, areas or variables shares the same cache entry (and an import that
 * invalidates one key refreshes them all).
 */
import { useQuery } from "@tanstack/react-query";
import type { AreaDto, AreaSystemDto } from "@contracts/areas.ts";
import type { IndicatorDto } from "@contracts/indicators.ts";
import type { PeriodDto, VariableDto } from "@contracts/data.ts";
import type { FeatureCollection } from "geojson";
import { api, wsPath } from "./api.ts";

export function useIndicators(workspace: string) {
  return useQuery({
    queryKey: ["indicators", workspace],
    queryFn: () => api<IndicatorDto[]>(wsPath("/api/indicators", workspace)),
  });
}

/** The area systems with their levels; `enabled` false while nothing needs them. */
export function useAreaSystems(workspace: string, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ["area-systems", workspace],
    queryFn: () => api<AreaSystemDto[]>(wsPath("/api/area-systems", workspace)),
  });
}

export function usePeriods(workspace: string) {
  return useQuery({
    queryKey: ["periods", workspace],
    queryFn: () => api<PeriodDto[]>(wsPath("/api/periods", workspace)),
  });
}

/** Every area of the workspace, without geometry. */
export function useAreas(workspace: string) {
  return useQuery({
    queryKey: ["areas", workspace],
    queryFn: () => api<AreaDto[]>(wsPath("/api/areas", workspace, { geometry: "false" })),
  });
}

/** The variables; `enabled` false for a role that may not see them. */
export function useVariables(workspace: string, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ["variables", workspace],
    queryFn: () => api<VariableDto[]>(wsPath("/api/variables", workspace)),
  });
}

/** The outlines of a level as GeoJSON, kept for ten minutes (boundaries change with imports only). */
export function useLevelOutlines(workspace: string, level: string | undefined) {
  return useQuery({
    queryKey: ["areas-geojson", workspace, level],
    enabled: level !== undefined,
    staleTime: 10 * 60_000,
    queryFn: () =>
      api<FeatureCollection>(wsPath("/api/areas", workspace, { level, format: "geojson" })),
  });
}
