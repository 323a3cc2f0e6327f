/**
 * The starter catalogue over HTTP: the library of standard indicators with what each would
 * bring into the workspace, and the request that takes a set of them over.
 */
import { z } from "zod";

const variableRef = z.object({ code: z.string(), name: z.string(), unit: z.string() });

export const starterIndicatorDto = z
  .object({
    code: z.string(),
    name: z.string(),
    theme: z.string(),
    numerator: z.array(z.string()),
    denominator: z.array(z.string()).nullable(),
    factor: z.number(),
    unit: z.string(),
    polarity: z.enum(["higher_is_better", "lower_is_better", "neutral"]),
    definition: z.string(),
    interpretation: z.string(),
    limits: z.string(),
    source: z.string(),
    present: z.boolean().describe("The workspace already has an indicator with this code"),
    newVariables: z
      .array(variableRef)
      .describe("The variables of its formula the workspace lacks; taking it over creates them"),
  })
  .meta({ id: "StarterIndicator" });

export const starterCatalogueDto = z
  .object({
    name: z.string(),
    version: z.string(),
    indicators: z.array(starterIndicatorDto),
  })
  .meta({ id: "StarterCatalogue" });

export const starterPicksBody = z
  .strictObject({
    indicators: z.array(z.string().trim().min(1).max(64)).min(1).max(200),
  })
  .meta({ id: "StarterPicks" });

export const starterPicksDto = z
  .object({
    indicators: z.array(z.string()).describe("Codes of the indicators created"),
    variables: z.array(z.string()).describe("Codes of the variables created"),
  })
  .meta({ id: "StarterPicksResult" });

export type StarterIndicatorDto = z.infer<typeof starterIndicatorDto>;
export type StarterCatalogueDto = z.infer<typeof starterCatalogueDto>;
export type StarterPicksBody = z.infer<typeof starterPicksBody>;
export type StarterPicksDto = z.infer<typeof starterPicksDto>;
