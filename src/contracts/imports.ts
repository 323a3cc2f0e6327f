import { z } from "zod";

export const importIssueDto = z
  .object({
    severity: z.enum(["error", "warning", "info"]),
    code: z.string(),
    row: z.number().int().nullable(),
    column: z.string().nullable(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: "ImportIssue" });

export const importReportDto = z
  .object({
    importId: z.number().int().nullable(),
    kind: z.enum(["observations", "areas"]),
    status: z.enum(["committed", "rejected", "checked"]),
    dryRun: z.boolean(),
    label: z.string(),
    fileName: z.string(),
    fileSize: z.number().int(),
    fileSha256: z.string(),
    summary: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
    counts: z.object({
      errors: z.number().int(),
      warnings: z.number().int(),
      infos: z.number().int(),
    }),
    issues: z.array(importIssueDto),
  })
  .meta({ id: "ImportReport" });

export const importRunDto = z
  .object({
    id: z.number().int(),
    kind: z.enum(["observations", "areas"]),
    label: z.string(),
    fileName: z.string(),
    fileSize: z.number().int(),
    fileSha256: z.string(),
    dryRun: z.boolean(),
    status: z.enum(["committed", "rejected", "checked"]),
    summary: z.record(z.string(), z.unknown()),
    startedAt: z.string(),
    finishedAt: z.string(),
  })
  .meta({ id: "ImportRun" });
export type ImportRunDto = z.infer<typeof importRunDto>;
export type ImportReportDto = z.infer<typeof importReportDto>;
