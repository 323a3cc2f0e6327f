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
    logo: z
      .string()
      .nullable()
      .describe("Version (SHA-256) des Logos unter GET /api/workspace/logo; null: kein Logo"),
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

/** The licences the open data of a workspace can carry (dcat-ap.de licence vocabulary). */
export const OPEN_DATA_LICENCES = [
  "http://dcat-ap.de/def/licenses/dl-by-de/2.0",
  "http://dcat-ap.de/def/licenses/dl-zero-de/2.0",
  "http://dcat-ap.de/def/licenses/cc-by/4.0",
  "http://dcat-ap.de/def/licenses/cc-zero",
] as const;

const optionalText = (max: number) => z.string().trim().max(max).nullable();
const settingsShape = {
  name: z.string().trim().min(1).max(200),
  municipalityKey: z
    .string()
    .trim()
    .regex(/^\d{8}(\d{4})?$/, "8 Ziffern (Gemeindeschlüssel) oder 12 Ziffern (Regionalschlüssel)")
    .nullable(),
  publisher: z.string().trim().min(1).max(200).nullable(),
  publisherAddress: optionalText(500),
  contactEmail: z.email().max(254).nullable(),
  homepage: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .nullable(),
  licence: z.enum(OPEN_DATA_LICENCES).nullable(),
  dcatContributorId: z
    .string()
    .trim()
    .regex(
      /^http:\/\/dcat-ap\.de\/def\/contributors\/[A-Za-z0-9_-]+$/,
      "eine Adresse http://dcat-ap.de/def/contributors/…",
    )
    .nullable(),
  attribution: optionalText(2000),
  minCount: z.int().min(1).max(100),
  reviewInPublic: z.enum(["provisional", "hold"]),
  occupancyReferenceDay: z.union([
    z.literal("last"),
    z.string().regex(/^([1-9]|1\d|2[0-8])$/, "„last“ oder ein Tag von 1 bis 28"),
  ]),
  stayRetentionMonths: z.int().min(1).max(120),
  accommodationDaysAhead: z.int().min(0).max(366),
};

/** The settings of a workspace, in the order the settings form shows them. */
export const WORKSPACE_SETTINGS = Object.keys(
  settingsShape,
) as readonly (keyof typeof settingsShape)[];

export const workspaceSettingsDto = z.object(settingsShape).meta({ id: "WorkspaceSettings" });
export type WorkspaceSettingsDto = z.infer<typeof workspaceSettingsDto>;

/** `PUT /api/workspace/settings`: the settings to change; the rest stays. */
export const workspaceSettingsBody = z
  .strictObject(settingsShape)
  .partial()
  .refine((b) => Object.keys(b).length > 0, { message: "braucht mindestens eine Einstellung" })
  .meta({ id: "WorkspaceSettingsChange" });

const slugSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9-]{2,40}$/, "2–40 Kleinbuchstaben, Ziffern oder -");
const municipalityKeySchema = z
  .string()
  .trim()
  .regex(/^\d{8}(\d{4})?$/, "8 Ziffern (Gemeindeschlüssel) oder 12 Ziffern (Regionalschlüssel)");

/** A workspace as the installation's administration lists it. */
export const installationWorkspaceDto = z
  .object({
    slug: z.string(),
    name: z.string(),
    municipalityKey: z.string().nullable(),
    memberCount: z.number().int(),
    createdAt: z.string().describe("Angelegt am (ISO 8601)"),
  })
  .meta({ id: "InstallationWorkspace" });
export type InstallationWorkspaceDto = z.infer<typeof installationWorkspaceDto>;

/** `POST /api/installation/workspaces`: a new, empty workspace and its first administrator. */
export const newWorkspaceBody = z
  .strictObject({
    slug: slugSchema,
    name: z.string().trim().min(1).max(200),
    municipalityKey: municipalityKeySchema.nullable().optional(),
    firstAdminEmail: z
      .email()
      .max(254)
      .nullable()
      .optional()
      .describe("Ein bestehendes Konto als erste Administration; ohne Angabe: wer anlegt"),
  })
  .meta({ id: "NewWorkspace" });
