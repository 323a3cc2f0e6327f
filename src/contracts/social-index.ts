/**
 * The social index definition as a file or API body (JSON): everything but the indicators has
 * the MSS defaults, so a minimal definition names only its status and dynamics indicators.
 * Documented in docs/methods/social-index.md.
 */
import { z } from "zod";
import { describeIssue } from "./validation-messages.ts";
import { MAX_STORED_INT, databaseId, versionNumber, workspaceQuery } from "./common.ts";
import { err, ok, type Result } from "../core/result.ts";
import {
  MSS_DEFAULTS,
  validateDefinition,
  type IndexDefinition,
} from "../core/social-index/definition.ts";

const code = z.string().trim().min(1).max(64);

const indicator = z.strictObject({
  code,
  label: z.string().trim().min(1).max(200).optional(),
  direction: z.enum(["higher_is_worse", "higher_is_better"]).default("higher_is_worse"),
  weight: z.number().positive().finite().default(1),
  /** Dynamics only: the change of this indicator over `dynamicsYears`, from stored values. */
  of: code.optional(),
});

const band = z.strictObject({
  key: code,
  label: z.string().trim().min(1).max(100),
  upTo: z.number().finite().nullable(),
  inclusive: z.boolean().default(true),
});

export const indexDefinitionSchema = z
  .strictObject({
    code,
    name: z.string().trim().min(1).max(200),
    status: z.array(indicator).min(1),
    dynamics: z.array(indicator).default([]),
    context: z.array(code).default([]),
    dynamicsYears: z.int().min(1).max(50).default(MSS_DEFAULTS.dynamicsYears),
    standardisation: z.enum(["z", "z_weighted", "min_max"]).default("z"),
    statusClasses: z.array(band).min(2).optional(),
    dynamicsClasses: z.array(band).min(2).optional(),
    exclusions: z
      .strictObject({
        minPopulation: z.number().min(0).finite().default(300),
        manual: z
          .array(z.strictObject({ area: code, reason: z.string().trim().min(1).max(500) }))
          .default([]),
      })
      .prefault({}),
  })
  .meta({ id: "IndexDefinition" });

/** Parses and checks a definition; every problem in German with its place in the file. */
export function parseIndexDefinition(json: unknown): Result<IndexDefinition, string[]> {
  const parsed = indexDefinitionSchema.safeParse(json);
  if (!parsed.success) {
    return err(
      // The field by its German label and what is wrong, then where it sits in the file.
      parsed.error.issues.map((i) => {
        const at = i.path.length > 0 ? i.path.join(".") : "Definition";
        return `${describeIssue(i, json).message} (Stelle: ${at})`;
      }),
    );
  }
  const p = parsed.data;
  const definition: IndexDefinition = {
    ...p,
    status: p.status.map((i) => ({ ...i, label: i.label ?? i.code })),
    dynamics: p.dynamics.map((i) => ({ ...i, label: i.label ?? i.code })),
    statusClasses: p.statusClasses ?? MSS_DEFAULTS.statusClasses,
    dynamicsClasses: p.dynamicsClasses ?? MSS_DEFAULTS.dynamicsClasses,
  };
  const valid = validateDefinition(definition);
  return valid.ok ? ok(definition) : valid;
}

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
