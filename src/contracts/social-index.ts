/**
 * The social index API's shapes: a computation request, stored definitions and their versions,
 * runs and typologies. The definition itself is a document (documents/index-definition.ts).
 */
import { z } from "zod";
import { MAX_STORED_INT, databaseId, versionNumber, workspaceQuery } from "./common.ts";
import { indexDefinitionSchema } from "./documents/index-definition.ts";

const code = z.string().trim().min(1).max(64);

export const socialIndexRequest = z
  .strictObject({
    definition: indexDefinitionSchema,
    level: z.string().max(64).optional().describe("Area level; default the deepest with data"),
    period: z.string().max(32).optional().describe("Period; default the latest with data"),
    populationIndicator: z
      .string()
      .max(64)
      .default("population")
      .describe("The indicator with the inhabitants of each area"),
  })
  .meta({ id: "SocialIndexRequest" });

const dimensionDto = z.object({
  z: z.record(z.string(), z.number()),
  sum: z.number(),
  index: z.number(),
  classKey: z.string(),
  classLabel: z.string(),
  classNumber: z.number().int(),
});

const areaIndexResultDto = z.object({
  code: z.string(),
  name: z.string(),
  population: z.number().nullable(),
  values: z.record(z.string(), z.number().nullable()),
  exclusion: z
    .object({
      reason: z.enum(["manual", "population_below_minimum", "missing_value"]),
      detail: z.string(),
    })
    .nullable(),
  status: dimensionDto.nullable(),
  dynamics: dimensionDto.nullable(),
  group: z.string().nullable(),
});

const countsDto = z.object({
  status: z.record(z.string(), z.number().int()),
  dynamics: z.record(z.string(), z.number().int()),
  groups: z.record(z.string(), z.number().int()),
});

const momentsDto = z.array(
  z.object({
    code: z.string(),
    mean: z.number(),
    sd: z.number(),
    min: z.number(),
    max: z.number(),
  }),
);

export const socialIndexResultDto = z
  .object({
    level: z.string(),
    period: z.string(),
    included: z.number().int(),
    excluded: z.number().int(),
    counts: countsDto,
    moments: momentsDto,
    areas: z.array(areaIndexResultDto),
  })
  .meta({ id: "SocialIndexResult" });

export const typologyRequest = z
  .strictObject({
    indicators: z.array(z.string().min(1).max(64)).min(2).max(20),
    method: z.enum(["kmeans", "ward"]).default("kmeans"),
    k: z.int().min(2).max(12).optional().describe("Default: the k with the best silhouette"),
    seed: z.int().min(0).max(2_147_483_647).default(1),
    level: z.string().max(64).optional(),
    period: z.string().max(32).optional(),
  })
  .meta({ id: "TypologyRequest" });

export const typologyResultDto = z
  .object({
    level: z.string(),
    period: z.string(),
    method: z.enum(["kmeans", "ward"]),
    k: z.number().int(),
    silhouettes: z.array(z.object({ k: z.number().int(), width: z.number() })),
    types: z.array(
      z.object({
        type: z.number().int(),
        areas: z.number().int(),
        profile: z.array(
          z.object({
            indicator: z.string(),
            mean: z.number(),
            city: z.number().nullable(),
            z: z.number(),
          }),
        ),
      }),
    ),
    areas: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        type: z.number().int().nullable(),
        reason: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: "TypologyResult" });

export const alertsQuery = workspaceQuery.extend({
  level: z.string().max(64).optional().describe("Area level; default the deepest with data"),
  period: z.string().max(32).optional().describe("Period; default the latest with data"),
});

export const alertListDto = z
  .object({
    level: z.string(),
    period: z.string(),
    alerts: z.array(
      z.object({
        kind: z.enum(["class_change", "outlier", "trend_turn"]),
        indicator: z.string(),
        indicatorName: z.string(),
        area: z.string(),
        areaName: z.string(),
        message: z.string(),
      }),
    ),
  })
  .meta({ id: "AlertList" });

// Stored indices: versions of a definition, runs, comparisons.

export const indexCodeParams = z.strictObject({ code });
export const runIdParams = z.strictObject({ id: databaseId });

export const indexVersionQuery = workspaceQuery.extend({
  version: versionNumber.optional().describe("Default: the latest"),
});

export const saveIndexRequest = z
  .strictObject({
    definition: indexDefinitionSchema,
    populationIndicator: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .default("population")
      .describe("The indicator with the inhabitants of each area"),
    comment: z.string().max(2000).optional().describe("What changed and why"),
  })
  .meta({ id: "SaveIndexRequest" });

const versionMeta = {
  code: z.string(),
  version: z.number().int(),
  name: z.string(),
  populationIndicator: z.string(),
  comment: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string().describe("ISO 8601"),
};

export const indexVersionDto = z
  .object({ ...versionMeta, definition: indexDefinitionSchema })
  .meta({ id: "IndexVersion" });

export const indexDto = z
  .object({
    index: indexVersionDto,
    versions: z.array(z.object(versionMeta)),
  })
  .meta({ id: "Index" });

export const savedIndexDto = z
  .object({
    index: indexVersionDto,
    created: z.boolean().describe("False when the definition equals the latest version"),
  })
  .meta({ id: "SavedIndex" });

export const runSummaryDto = z
  .object({
    id: z.number().int(),
    version: z.number().int(),
    level: z.string(),
    period: z.string(),
    dataVersion: z.number().int(),
    included: z.number().int(),
    excluded: z.number().int(),
    counts: countsDto,
    createdBy: z.string(),
    createdAt: z.string().describe("ISO 8601"),
  })
  .meta({ id: "IndexRunSummary" });

export const indexListDto = z
  .object({
    indices: z.array(
      z.object({
        ...versionMeta,
        versions: z.number().int(),
        lastRun: runSummaryDto.nullable(),
      }),
    ),
  })
  .meta({ id: "IndexList" });

export const runIndexRequest = z
  .strictObject({
    version: z.int().min(1).max(MAX_STORED_INT).optional().describe("Default: the latest"),
    level: z.string().max(64).optional().describe("Area level; default the deepest with data"),
    period: z.string().max(32).optional().describe("Period; default the latest with data"),
  })
  .meta({ id: "RunIndexRequest" });

export const indexMethodDto = z.object({
  title: z.string(),
  paragraphs: z.array(z.string()),
  indicators: z.array(
    z.object({
      dimension: z.enum(["status", "dynamics", "context"]),
      code: z.string(),
      label: z.string(),
      direction: z.string(),
      weight: z.number().nullable(),
      mean: z.number().nullable(),
      sd: z.number().nullable(),
    }),
  ),
  classes: z.array(
    z.object({
      dimension: z.enum(["status", "dynamics"]),
      label: z.string(),
      rule: z.string(),
      areas: z.number().int(),
    }),
  ),
  caution: z.string(),
});

export const indexRunDto = runSummaryDto
  .extend({
    index: indexVersionDto,
    moments: momentsDto,
    areas: z.array(areaIndexResultDto),
    method: indexMethodDto,
    outdated: z.boolean().describe("Imports have changed the data since the run"),
  })
  .meta({ id: "IndexRun" });

export const runListDto = z.object({ runs: z.array(runSummaryDto) }).meta({ id: "IndexRunList" });

export const comparisonQuery = workspaceQuery.extend({
  with: databaseId
    .optional()
    .describe(
      "The run to compare with (same level); default the previous edition: the current (latest) run of the latest earlier period of the same kind on the same level",
    ),
});

export const comparisonDto = z
  .object({
    comparison: z
      .object({
        basis: z
          .enum(["previous_edition", "chosen"])
          .describe(
            "previous_edition: the current run of the period before (the default); chosen: the run given in `with`",
          ),
        previous: runSummaryDto,
        current: runSummaryDto,
        unchanged: z.number().int(),
        onlyInPrevious: z.array(z.string()),
        onlyInCurrent: z.array(z.string()),
        changes: z.array(
          z.object({
            area: z.string(),
            name: z.string(),
            dimension: z.enum(["status", "dynamics"]),
            from: z.string().nullable(),
            to: z.string().nullable(),
            direction: z.union([z.literal(-1), z.literal(0), z.literal(1)]),
          }),
        ),
      })
      .nullable()
      .describe("Null when there is no earlier edition to compare with"),
  })
  .meta({ id: "IndexRunComparison" });

export const runExportQuery = workspaceQuery.extend({
  format: z.enum(["csv", "geojson"]).describe("csv: every step per area; geojson: with outlines"),
  dialect: z.enum(["de", "intl"]).default("de").describe("CSV only"),
});
