import { z } from "zod";
import { workspaceQuery } from "./common.ts";

export const variableDto = z
  .object({
    code: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    unit: z.string(),
    measure: z.enum(["stock", "flow"]),
    aggregation: z.enum(["sum", "none"]),
    source: z.string().nullable(),
    licence: z.string().nullable(),
    attribution: z.string().nullable(),
    publication: z.enum(["draft", "internal", "public"]),
  })
  .meta({ id: "Variable" });

export const periodDto = z
  .object({
    code: z.string(),
    kind: z.enum(["year", "half_year", "quarter", "month", "reference_date"]),
    start: z.string(),
    end: z.string(),
    referenceDate: z.string(),
  })
  .meta({ id: "Period" });

export const observationDto = z
  .object({
    variable: z.string(),
    area: z.string(),
    period: z.string(),
    value: z.number().nullable(),
    status: z.enum(["final", "provisional", "estimated", "missing"]),
    revision: z.number().int(),
    importId: z.number().int().nullable(),
  })
  .meta({ id: "Observation" });

export const observationsQuery = workspaceQuery.extend({
  variable: z.string().max(64).optional(),
  area: z.string().max(64).optional(),
  period: z.string().max(32).optional(),
  level: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(1000),
  offset: z.coerce.number().int().min(0).max(100_000_000).default(0),
});

export const observationPage = z.object({
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  items: z.array(observationDto),
});

export const revisionDto = z.object({
  revision: z.number().int(),
  value: z.number().nullable(),
  status: z.enum(["final", "provisional", "estimated", "missing"]),
  importId: z.number().int().nullable(),
  createdAt: z.string(),
  supersededAt: z.string().nullable(),
});

export const historyQuery = workspaceQuery.extend({
  variable: z.string().min(1).max(64),
  area: z.string().min(1).max(64),
  period: z.string().min(1).max(32),
});
export type PeriodDto = z.infer<typeof periodDto>;
export type VariableDto = z.infer<typeof variableDto>;
