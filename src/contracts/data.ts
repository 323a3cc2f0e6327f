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
    indicators: z
      .array(z.string())
      .describe("The indicators (visible to the caller) that use this variable"),
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

export const reviewDto = z
  .object({
    id: z.number().int(),
    variable: z.string(),
    variableName: z.string(),
    unit: z.string(),
    area: z.string(),
    areaName: z.string(),
    period: z.string(),
    value: z.number().nullable(),
    revision: z.number().int(),
    current: z.boolean(),
    check: z.enum(["implausible_jump", "outlier", "sum_mismatch", "manual"]),
    message: z.string(),
    importId: z.number().int().nullable(),
    importLabel: z.string().nullable(),
    state: z.enum(["open", "confirmed", "corrected", "marked"]),
    reliability: z.enum(["limited", "unreliable"]).nullable(),
    reason: z.string().nullable(),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: "ValueReview" });

export const revisionDto = z.object({
  revision: z.number().int(),
  value: z.number().nullable(),
  status: z.enum(["final", "provisional", "estimated", "missing"]),
  importId: z.number().int().nullable(),
  createdAt: z.string(),
  supersededAt: z.string().nullable(),
});

export const valueHistoryDto = z
  .object({
    variable: z.string(),
    variableName: z.string(),
    unit: z.string(),
    area: z.string(),
    areaName: z.string(),
    period: z.string(),
    revisions: z.array(
      revisionDto.extend({
        importLabel: z.string().nullable(),
        changedBy: z.string().nullable(),
        reason: z.string().nullable(),
        reviews: z.array(reviewDto),
      }),
    ),
  })
  .meta({ id: "ValueHistory" });

export const reviewsQuery = workspaceQuery.extend({
  state: z.enum(["open", "all"]).default("open"),
});

const reason = z.string().trim().min(3).max(1000);
const cellCode = {
  variable: z.string().min(1).max(64),
  area: z.string().min(1).max(64),
  period: z.string().min(1).max(32),
};

export const reviewDecisionBody = z
  .object({
    action: z.enum(["confirm", "mark"]),
    reliability: z.enum(["limited", "unreliable"]).optional(),
    reason,
  })
  .meta({ id: "ReviewDecision" });

export const correctionBody = z
  .object({
    ...cellCode,
    value: z.number().finite().min(-1e15).max(1e15).nullable(),
    reason,
    revision: z.number().int().min(1).max(1_000_000).optional(),
  })
  .meta({ id: "ValueCorrection" });

export const undoBody = z.object({ ...cellCode, reason }).meta({ id: "ValueCorrectionUndo" });

export const reliabilityBody = z
  .object({
    ...cellCode,
    reliability: z.enum(["limited", "unreliable"]).nullable(),
    reason,
  })
  .meta({ id: "ValueReliability" });

export const historyQuery = workspaceQuery.extend({
  variable: z.string().min(1).max(64),
  area: z.string().min(1).max(64),
  period: z.string().min(1).max(32),
});
export type PeriodDto = z.infer<typeof periodDto>;
export type VariableDto = z.infer<typeof variableDto>;
export type ReviewDto = z.infer<typeof reviewDto>;
export type ValueHistoryDto = z.infer<typeof valueHistoryDto>;
