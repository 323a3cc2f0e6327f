/**
 * The catalogue file: a workspace's area systems, variables and indicators as one reviewable
 * JSON document. Applying it creates or updates by code; it never deletes.
 */
import { z } from "zod";

const code = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.-]+$/, "nur Buchstaben, Ziffern, _ . -");

/** A code in the catalogue: an area system, level, area, variable or indicator. */
export const catalogueCode = code;

const publication = z.enum(["draft", "internal", "public"]);

/** One variable (Merkmal) of a catalogue; the starter catalogue reuses it. */
export const catalogueVariable = z
  .object({
    code,
    name: z.string().min(1),
    description: z.string().optional(),
    unit: z.string().min(1),
    measure: z.enum(["stock", "flow"]),
    aggregation: z.enum(["sum", "none"]),
    nonNegative: z.boolean().default(true),
    source: z.string().optional(),
    licence: z.string().optional(),
    attribution: z.string().optional(),
    publication: publication.default("internal"),
  })
  .strict();

/** One indicator with its sheet; the starter catalogue reuses it. */
export const catalogueIndicator = z
  .object({
    code,
    name: z.string().min(1),
    theme: z.string().min(1),
    numerator: z.array(code).min(1),
    denominator: z.array(code).min(1).nullable().default(null),
    factor: z.number().positive().default(1),
    unit: z.string().min(1),
    decimals: z.number().int().min(0).max(4).default(1),
    polarity: z.enum(["higher_is_better", "lower_is_better", "neutral"]),
    definition: z.string().min(1),
    interpretation: z.string().optional(),
    limits: z.string().optional(),
    source: z.string().optional(),
    publication: publication.default("internal"),
  })
  .strict();

export const catalogueSchema = z
  .object({
    workspace: z
      .object({
        slug: z.string().regex(/^[a-z0-9-]{2,40}$/, "2–40 Kleinbuchstaben, Ziffern oder -"),
        name: z.string().min(1).max(200),
        municipalityKey: z
          .string()
          .regex(
            /^\d{8}(\d{4})?$/,
            "8 Ziffern (Amtlicher Gemeindeschlüssel) oder 12 Ziffern (Regionalschlüssel)",
          )
          .optional(),
        attribution: z.string().max(2000).optional(),
        publisher: z.string().min(1).max(200).optional(),
        publisherAddress: z.string().max(500).optional(),
        dcatContributorId: z
          .url({ protocol: /^https?$/ })
          .max(2000)
          .optional()
          .describe(
            "DCAT-AP.de contributor ID, e.g. http://dcat-ap.de/def/contributors/schleswigHolstein",
          ),
        contactEmail: z.email().max(254).optional(),
        homepage: z
          .url({ protocol: /^https?$/ })
          .max(2000)
          .optional(),
        licence: z
          .url({ protocol: /^https?$/ })
          .max(2000)
          .optional()
          .describe("Licence URI, e.g. http://dcat-ap.de/def/licenses/dl-by-de/2.0"),
        minCount: z.number().int().min(1).max(100).optional(),
        reviewInPublic: z
          .enum(["provisional", "hold"])
          .optional()
          .describe(
            "Values held for review in public outputs: shown marked p (provisional, the default) or held back as … until decided",
          ),
      })
      .strict(),
    areaSystems: z
      .array(
        z
          .object({
            code,
            name: z.string().min(1),
            description: z.string().optional(),
            levels: z.array(z.object({ code, name: z.string().min(1) }).strict()).min(1),
            areas: z
              .array(
                z
                  .object({
                    code,
                    name: z.string().min(1),
                    level: code,
                    parent: code.optional(),
                  })
                  .strict(),
              )
              .default([]),
          })
          .strict(),
      )
      .default([]),
    variables: z.array(catalogueVariable).default([]),
    indicators: z.array(catalogueIndicator).default([]),
  })
  .strict();

export type Catalogue = z.infer<typeof catalogueSchema>;

/** The catalogue file's JSON Schema (docs/catalogue.schema.json, `sopla catalogue schema`). */
export function catalogueJsonSchema(): unknown {
  return z.toJSONSchema(catalogueSchema, { io: "input", unrepresentable: "any" });
}

export type CatalogueVariable = Catalogue["variables"][number];
export type CatalogueIndicator = Catalogue["indicators"][number];
