/**
 * The social index definition as a file or API body (JSON): everything but the indicators has
 * the MSS defaults, so a minimal definition names only its status and dynamics indicators.
 * Documented in docs/methods/social-index.md.
 */
import { z } from "zod";
import { describeIssue } from "../validation-messages.ts";
import { err, ok, type Result } from "../../core/result.ts";
import {
  MSS_DEFAULTS,
  validateDefinition,
  type IndexDefinition,
} from "../../core/social-index/definition.ts";

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
