/**
 * The mapping file of an accommodation import: which column of the management system's export
 * holds what, and how the file's own words map to Sopla's lists. Read by
 * src/imports/accommodation-table.ts; format: docs/methods/occupancy.md, section 7.
 */
import { z } from "zod";
import { csvOptionsSchema } from "./observation-mapping.ts";

const column = z.string().trim().min(1).max(200);
const words = z.record(z.string(), z.string()).default({});

export const stayMappingSchema = z
  .strictObject({
    kind: z.literal("stays"),
    format: z.enum(["csv", "xlsx"]),
    csv: csvOptionsSchema.prefault({}),
    xlsx: z.strictObject({ sheet: z.union([column, z.int().min(1)]).optional() }).prefault({}),
    skipRows: z.int().min(0).max(1000).default(0),
    /** Dates as "31.01.2026" (de) or "2026-01-31" (iso); spreadsheet dates are read as such. */
    dates: z.enum(["de", "iso"]).default("de"),
    columns: z.strictObject({
      stay: column,
      household: column,
      householdType: column,
      householdSize: column,
      person: column,
      birthYear: column.optional(),
      sex: column,
      nationality: column,
      facility: column,
      legalBasis: column,
      entry: column,
      exit: column,
      movedFrom: column.optional(),
      entitledToFlat: column.optional(),
    }),
    /** The file's words for Sopla's codes; codes themselves are always understood. */
    values: z
      .strictObject({
        householdType: words,
        sex: words,
        nationality: words,
        legalBasis: words,
        facility: words,
        entitledToFlat: words,
      })
      .prefault({}),
  })
  .meta({ id: "StayMapping" });

export type StayMapping = z.infer<typeof stayMappingSchema>;
