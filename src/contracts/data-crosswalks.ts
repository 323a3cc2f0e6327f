/**
 * Crosswalks (Umschlüsselungen) over HTTP: the stored crosswalks, a new one from rows of shares
 * (JSON) or a CSV file (form upload), and the report of applying one. Method:
 * docs/methods/crosswalk.md.
 */
import { z } from "zod";
import { importIssueDto } from "./data-imports.ts";

export const crosswalkCode = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/)
  .describe("Kürzel: Buchstaben, Ziffern, „_“, „-“, „.“");

export const crosswalkBasis = z
  .enum(["areal", "population"])
  .describe("areal: Anteile nach Fläche; population: nach Bevölkerung");

/** The fields of a crosswalk besides its table, as JSON or as form fields. */
const crosswalkFields = {
  code: crosswalkCode,
  name: z.string().trim().min(1).max(200),
  basis: crosswalkBasis,
  validFrom: z.iso.date().describe("Tag der Gebietsreform (JJJJ-MM-TT)"),
  source: z.string().max(2000).optional(),
};

export const crosswalkShareBody = z.strictObject({
  oldCode: z.string().trim().min(1).max(64),
  newCode: z.string().trim().min(1).max(64),
  weight: z.number().min(0).max(1),
});

export const createCrosswalkBody = z.strictObject({
  ...crosswalkFields,
  rows: z.array(crosswalkShareBody).min(1).max(100_000),
});

/** The text fields of the form upload (`POST /api/crosswalks/file`). */
export const CROSSWALK_FORM_FIELDS = [
  "code",
  "name",
  "basis",
  "validFrom",
  "source",
  "oldColumn",
  "newColumn",
  "weightColumn",
] as const;

export const crosswalkFormFields = z.strictObject({
  ...crosswalkFields,
  oldColumn: z.string().max(200).optional(),
  newColumn: z.string().max(200).optional(),
  weightColumn: z.string().max(200).optional(),
});

export const crosswalkDto = z
  .object({
    code: z.string(),
    name: z.string(),
    basis: crosswalkBasis,
    validFrom: z.string(),
    source: z.string().nullable(),
    fileName: z.string().nullable(),
    shares: z.number().int(),
    oldAreas: z.number().int(),
    newAreas: z.number().int(),
    createdBy: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: "Crosswalk" });

export const createdCrosswalkDto = z
  .object({ crosswalk: crosswalkDto, issues: z.array(importIssueDto) })
  .meta({ id: "CreatedCrosswalk" });

export const crosswalkApplyDto = z
  .object({
    crosswalk: z.string(),
    importId: z.number().int().nullable(),
    method: z.object({
      basis: crosswalkBasis,
      validFrom: z.string(),
      sliverBelow: z.number(),
      sumTolerance: z.number(),
      rounding: z.literal("largest_remainder"),
    }),
    variables: z.array(z.string()),
    skipped: z.array(z.object({ variable: z.string(), reason: z.string() })),
    periods: z.array(z.string()),
    counts: z.object({
      new: z.number().int(),
      revised: z.number().int(),
      unchanged: z.number().int(),
      estimated: z.number().int(),
      exact: z.number().int(),
      missing: z.number().int(),
      kept: z.number().int(),
    }),
    unmappedOld: z.array(z.string()),
    newWithoutValue: z.array(z.string()),
    issues: z.array(importIssueDto),
  })
  .meta({ id: "CrosswalkApplyReport" });
