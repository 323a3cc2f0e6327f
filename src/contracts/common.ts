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

/**
 * The largest value of a PostgreSQL `integer` column. Ids and version numbers are stored in
 * such columns; a larger number in a request would make the database refuse the query, so the
 * schemas refuse it first (400 instead of 500).
 */
export const MAX_STORED_INT = 2_147_483_647;

/** An integer from a path or query string, from `min` to the largest a database column holds. */
export const storedInt = (min: number) => z.coerce.number().int().min(min).max(MAX_STORED_INT);

/** The id of a stored row (an import, an index run) in a path or query string. */
export const databaseId = storedInt(1);

/** A version number (1, 2, …) of a stored definition, template or report, from a URL. */
export const versionNumber = storedInt(1);

/** Whether an ISO date or date-time lies in the years 1 to 9999, which the database can store. */
export function isStorableInstant(iso: string): boolean {
  const year = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso).getUTCFullYear();
  return year >= 1 && year <= 9999;
}

const storableYears = { message: "Das Datum muss in den Jahren 1 bis 9999 liegen." };

/** A calendar day (JJJJ-MM-TT) in the years 1 to 9999. */
export const calendarDay = z.iso.date().refine(isStorableInstant, storableYears);

/** An ISO date-time with offset, or a date (its start, UTC), in the years 1 to 9999. */
export const instant = z.iso
  .datetime({ offset: true })
  .or(z.iso.date())
  .refine(isStorableInstant, storableYears);

/** A cell that may be known, missing or withheld, with the reason. */
export const valueStatus = z.enum(["known", "missing", "suppressed"]);
