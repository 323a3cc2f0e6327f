import { z } from "zod";

export const workspaceDto = z
  .object({
    slug: z.string(),
    name: z.string(),
    municipalityKey: z.string().nullable(),
    attribution: z.string().nullable(),
    minCount: z.number().int(),
    reviewInPublic: z.enum(["provisional", "hold"]),
    dataVersion: z.number().int(),
  })
  .meta({ id: "Workspace" });

export type WorkspaceDto = z.infer<typeof workspaceDto>;

export const healthDto = z
  .object({
    status: z.literal("ok"),
    version: z.string(),
    database: z.enum(["pglite", "postgres"]),
  })
  .meta({ id: "Health" });
