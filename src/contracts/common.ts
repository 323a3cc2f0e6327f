import { z } from "zod";

/*
 * Validation messages in German, for every schema of the product: the API's 400 answers list
 * them with their place, and the template editor and the CLI show them to planners. Set once,
 * here, because every route and reader of JSON imports the contracts.
 */
z.config(z.locales.de());

/** The one error envelope of the API. */
export const errorEnvelope = z
  .object({
    error: z.object({
      code: z.string().describe("Stable, machine-readable snake_case code"),
      message: z.string().describe("German message for people"),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: "Error" });

export type ErrorEnvelope = z.infer<typeof errorEnvelope>;

/** Responses every route can give besides its success. */
export const errorResponses = {
  400: errorEnvelope,
  401: errorEnvelope,
  403: errorEnvelope,
  404: errorEnvelope,
  409: errorEnvelope,
  413: errorEnvelope,
  415: errorEnvelope,
  422: errorEnvelope,
} as const;

/** Query strings are strict: an unknown parameter is answered with 400, not ignored. */
export const workspaceQuery = z.strictObject({
  workspace: z
    .string()
    .max(40)
    .optional()
    .describe("Slug of the workspace; may be omitted when the installation has only one"),
});

/** A cell that may be known, missing or withheld, with the reason. */
export const valueStatus = z.enum(["known", "missing", "suppressed"]);
