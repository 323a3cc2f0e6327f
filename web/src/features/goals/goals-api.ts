/**
 * The Ziele & Maßnahmen pages' view of the API: the answer types inferred from the zod
 * contracts (src/contracts/controlling.ts), the query keys and the two reading hooks. Every key
 * starts with "controlling" and the workspace, so one invalidation after a change refreshes the
 * programme and the list of what is due together.
 */
import { useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  dueListDto,
  GoalDto,
  GoalIndicatorDto,
  lightDto,
  MeasureDto,
  performanceMeasureDto,
  ProgrammeDto,
  spcChartDto,
  budgetLineDto,
} from "@contracts/controlling.ts";
import { api, wsPath } from "../../lib/api.ts";

export type { GoalDto, GoalIndicatorDto, MeasureDto, ProgrammeDto };
export type Light = z.infer<typeof lightDto>;
export type LightSymbol = NonNullable<Light["symbol"]>;
export type PerformanceMeasure = z.infer<typeof performanceMeasureDto>;
export type SpcChart = z.infer<typeof spcChartDto>;
export type BudgetLine = z.infer<typeof budgetLineDto>;
export type DueItem = z.infer<typeof dueListDto>["items"][number];

export const goalsKeys = {
  all: (ws: string) => ["controlling", ws] as const,
  programme: (ws: string) => ["controlling", ws, "programme"] as const,
  due: (ws: string) => ["controlling", ws, "due"] as const,
};

export function useProgramme(workspace: string) {
  return useQuery({
    queryKey: goalsKeys.programme(workspace),
    queryFn: () => api<ProgrammeDto>(wsPath("/api/controlling/programme", workspace)),
  });
}

/** What is due; only the planning staff and the departments ask (`enabled`). */
export function useDue(workspace: string, enabled: boolean) {
  return useQuery({
    enabled,
    queryKey: goalsKeys.due(workspace),
    queryFn: () => api<z.infer<typeof dueListDto>>(wsPath("/api/controlling/due", workspace)),
  });
}
