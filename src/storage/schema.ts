/**
 * The one database schema of Sopla (PostgreSQL dialect). `drizzle-kit generate` turns it into
 * the SQL migrations under ./migrations, which are committed and read in review.
 * Every domain table carries `workspace_id`: one installation serves many municipalities.
 *
 * Why one file of this length: drizzle-kit reads the schema from the one file named in
 * `drizzle.config.ts` and diffs it against the migrations as a whole, and the tables refer to
 * each other by foreign keys; split in parts, a reader would have to jump between files to
 * follow one reference, and every new table would need another entry in the config.
 */
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import type { MultiPolygon, Polygon } from "geojson";
import { ROLES } from "../core/access/roles.ts";
import { AUDIT_ACTIONS } from "../core/audit/actions.ts";

/** Areas are polygons; GeoJSON in WGS84 with RFC 7946 winding. */
export type AreaGeometry = Polygon | MultiPolygon;

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

/** Every domain table's link to its workspace; deleting a workspace deletes its data. */
const workspaceRef = () =>
  integer("workspace_id")
    .notNull()
    .references(() => workspace.id, { onDelete: "cascade" });

/** A municipality (or any tenant) with its own areas, data and settings. */
export const workspace = pgTable("workspace", {
  id: serial("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  /** Amtlicher Gemeindeschlüssel (AGS), 8 digits, for geocoding open data. */
  municipalityKey: text("municipality_key"),
  /** Minimum count for disclosure control (primary suppression); 3 unless set. */
  minCount: integer("min_count").notNull().default(3),
  /** Attribution of the workspace's data, shown wherever the data appears. */
  attribution: text("attribution"),
  /** Open-data catalogue: who publishes, whom to ask, the portal page, the licence (URI). */
  publisher: text("publisher"),
  contactEmail: text("contact_email"),
  homepage: text("homepage"),
  licence: text("licence"),
  /** The publisher's postal address, printed on reports' title pages. */
  publisherAddress: text("publisher_address"),
  /** DCAT-AP.de contributor ID (http://dcat-ap.de/def/contributors/…) of the open-data catalogue. */
  dcatContributorId: text("dcat_contributor_id"),
  /** Stay records are deleted this many months after their exit; the monthly figures stay. */
  stayRetentionMonths: integer("stay_retention_months").notNull().default(36),
  /** The occupancy statistic's reference day: "last" (end of month) or "1" … "28". */
  occupancyReferenceDay: text("occupancy_reference_day").notNull().default("last"),
  /** Bumped by every committed import; caches of computed values key on it. */
  dataVersion: integer("data_version").notNull().default(0),
  /**
   * Bumped by every change of the accommodation records (facilities, capacity, stays, stored
   * months); the occupancy figures computed for readers key on it.
   */
  accommodationVersion: integer("accommodation_version").notNull().default(0),
  /**
   * How many days after today an entry, exit, move, capacity change, opening or closing of
   * the accommodation may lie (31 unless set).
   */
  accommodationDaysAhead: integer("accommodation_days_ahead").notNull().default(31),
  /**
   * How public outputs show a value still under review: "provisional" (with `p`, the
   * default) or "hold" (held back as `…`).
   */
  reviewInPublic: text("review_in_public", { enum: ["provisional", "hold"] })
    .notNull()
    .default("provisional"),
  createdAt: createdAt(),
});

/** A set of areas covering the city: statistical districts, social areas, school catchments … */
export const areaSystem = pgTable(
  "area_system",
  {
    id: serial("id").primaryKey(),
    workspaceId: workspaceRef(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    description: text("description"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("area_system_code_uq").on(t.workspaceId, t.code)],
);

/** The ordered levels of an area system: depth 0 is the whole city. */
export const areaLevel = pgTable(
  "area_level",
  {
    id: serial("id").primaryKey(),
    workspaceId: workspaceRef(),
    areaSystemId: integer("area_system_id")
      .notNull()
      .references(() => areaSystem.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    name: text("name").notNull(),
    depth: smallint("depth").notNull(),
  },
  (t) => [
    uniqueIndex("area_level_code_uq").on(t.areaSystemId, t.code),
    uniqueIndex("area_level_depth_uq").on(t.areaSystemId, t.depth),
    check("area_level_depth_ck", sql`${t.depth} >= 0`),
  ],
);

/** An area's identity: its code, name and place in the hierarchy. Geometry lives in versions. */
export const area = pgTable(
  "area",
  {
    id: serial("id").primaryKey(),
    workspaceId: workspaceRef(),
    areaSystemId: integer("area_system_id")
      .notNull()
      .references(() => areaSystem.id, { onDelete: "cascade" }),
    levelId: integer("level_id")
      .notNull()
      .references(() => areaLevel.id),
    code: text("code").notNull(),
    name: text("name").notNull(),
    parentId: integer("parent_id").references((): AnyPgColumn => area.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("area_code_uq").on(t.workspaceId, t.code),
    index("area_parent_ix").on(t.parentId),
    index("area_level_ix").on(t.levelId),
  ],
);

/**
 * A boundary version (Gebietsstand) of an area: its geometry valid from one date to another.
 * `valid_to` is null for the current version. Geometry is GeoJSON in WGS84 (RFC 7946).
 */
export const areaBoundary = pgTable(
  "area_boundary",
  {
    id: serial("id").primaryKey(),
    workspaceId: workspaceRef(),
    areaId: integer("area_id")
      .notNull()
      .references(() => area.id, { onDelete: "cascade" }),
    validFrom: date("valid_from", { mode: "string" }).notNull(),
    validTo: date("valid_to", { mode: "string" }),
    geometry: jsonb("geometry").$type<AreaGeometry>(),
    importId: integer("import_id"),
    createdAt: createdAt(),
  },
  (t) => [
    index("area_boundary_area_ix").on(t.areaId, t.validFrom),
    check("area_boundary_valid_ck", sql`${t.validTo} IS NULL OR ${t.validTo} >= ${t.validFrom}`),
  ],
);

/** A counted quantity (Merkmal) with its metadata. */
export const variable = pgTable(
  "variable",
  {
    id: serial("id").primaryKey(),
    workspaceId: workspaceRef(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    description: text("description"),
    unit: text("unit").notNull().default("Personen"),
    /** `stock` (a count at a reference date) or `flow` (events in a period). */
    measure: text("measure", { enum: ["stock", "flow"] }).notNull(),
    /** `sum`: children add up to the parent; `none`: exists only where delivered. */
    aggregation: text("aggregation", { enum: ["sum", "none"] }).notNull(),
    nonNegative: boolean("non_negative").notNull().default(true),
    source: text("source"),
    licence: text("licence"),
    attribution: text("attribution"),
    publication: text("publication", { enum: ["draft", "internal", "public"] })
      .notNull()
      .default("internal"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("variable_code_uq").on(t.workspaceId, t.code)],
);

/** A period an observation refers to (year, half-year, quarter, month, reference date). */
export const period = pgTable(
  "period",
  {
    id: serial("id").primaryKey(),
    workspaceId: workspaceRef(),
    code: text("code").notNull(),
    kind: text("kind", {
      enum: ["year", "half_year", "quarter", "month", "reference_date"],
    }).notNull(),
    startDate: date("start_date", { mode: "string" }).notNull(),
    endDate: date("end_date", { mode: "string" }).notNull(),
    referenceDate: date("reference_date", { mode: "string" }).notNull(),
  },
  (t) => [uniqueIndex("period_code_uq").on(t.workspaceId, t.code)],
);

/**
 * The fact table: variable × area × period → value. A correction never overwrites: it
 * inserts a new revision and stamps the old one `superseded_at`. Exactly one revision per
 * key is current (`superseded_at IS NULL`). `value` is null when the source withheld it.
 */
export const observation = pgTable(
  "observation",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    workspaceId: workspaceRef(),
    variableId: integer("variable_id")
      .notNull()
      .references(() => variable.id, { onDelete: "cascade" }),
    areaId: integer("area_id")
      .notNull()
      .references(() => area.id, { onDelete: "cascade" }),
    periodId: integer("period_id")
      .notNull()
      .references(() => period.id, { onDelete: "cascade" }),
    value: doublePrecision("value"),
    status: text("status", { enum: ["final", "provisional", "estimated", "missing"] })
      .notNull()
      .default("final"),
    revision: integer("revision").notNull().default(1),
    importId: integer("import_id").references(() => importRun.id),
    /** A correction made by hand (no import): who made it and why. */
    changedBy: text("changed_by"),
    reason: text("reason"),
    createdAt: createdAt(),
    supersededAt: timestamp("superseded_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("observation_current_uq")
      .on(t.variableId, t.periodId, t.areaId)
      .where(sql`${t.supersededAt} IS NULL`),
    index("observation_history_ix").on(t.variableId, t.areaId, t.periodId, t.revision),
    index("observation_workspace_period_ix")
      .on(t.workspaceId, t.periodId)
      .where(sql`${t.supersededAt} IS NULL`),
  ],
);

/**
 * A value held for review or marked: one row per revision of a cell that a plausibility check
 * flagged (`check`) or a planner marked (`check` = "manual"). `state` is "open" until someone
 * decides: "confirmed" (the value stands), "corrected" (a new revision replaced it) or
 * "marked" (it stands with `reliability`: "limited" = ( ), "unreliable" = /). Flags apply only
 * while `observation_id` is the cell's current revision.
 */
export const valueReview = pgTable(
  "value_review",
  {
    id: serial("id").primaryKey(),
    workspaceId: workspaceRef(),
    variableId: integer("variable_id")
      .notNull()
      .references(() => variable.id, { onDelete: "cascade" }),
    areaId: integer("area_id")
      .notNull()
      .references(() => area.id, { onDelete: "cascade" }),
    periodId: integer("period_id")
      .notNull()
      .references(() => period.id, { onDelete: "cascade" }),
    observationId: bigint("observation_id", { mode: "number" })
      .notNull()
      .references(() => observation.id, { onDelete: "cascade" }),
    check: text("check", {
      enum: ["implausible_jump", "outlier", "sum_mismatch", "manual"],
    }).notNull(),
    /** What the check found, in German, as the import report said it. */
    message: text("message").notNull(),
    importId: integer("import_id").references(() => importRun.id),
    state: text("state", { enum: ["open", "confirmed", "corrected", "marked"] })
      .notNull()
      .default("open"),
    reliability: text("reliability", { enum: ["limited", "unreliable"] }),
    reason: text("reason"),
    decidedBy: text("decided_by"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("value_review_observation_uq").on(t.observationId),
    index("value_review_workspace_state_ix").on(t.workspaceId, t.state),
  ],
);

/** A derived figure: numerator / denominator × factor, with its indicator sheet. */
export const indicator = pgTable(
  "indicator",
  {
    id: serial("id").primaryKey(),
    workspaceId: workspaceRef(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    theme: text("theme").notNull(),
    /** Variable codes summed for the numerator. */
    numerator: text("numerator").array().notNull(),
    /** Variable codes summed for the denominator; null for a plain count or published rate. */
    denominator: text("denominator").array(),
    factor: doublePrecision("factor").notNull().default(1),
    unit: text("unit").notNull(),
    decimals: smallint("decimals").notNull().default(1),
    polarity: text("polarity", {
      enum: ["higher_is_better", "lower_is_better", "neutral"],
    }).notNull(),
    definition: text("definition").notNull(),
    interpretation: text("interpretation"),
    limits: text("limits"),
    source: text("source"),
    sortOrder: integer("sort_order").notNull().default(0),
    publication: text("publication", { enum: ["draft", "internal", "public"] })
      .notNull()
      .default("internal"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("indicator_code_uq").on(t.workspaceId, t.code)],
);

/** One run of an import, dry or real, with its full report. */
export const importRun = pgTable(
  "import_run",
  {
    id: serial("id").primaryKey(),
    workspaceId: workspaceRef(),
    kind: text("kind", { enum: ["observations", "areas", "crosswalk", "budget"] }).notNull(),
    label: text("label").notNull(),
    fileName: text("file_name").notNull(),
    fileSha256: text("file_sha256").notNull(),
    fileSize: integer("file_size").notNull(),
    mapping: jsonb("mapping").notNull(),
    dryRun: boolean("dry_run").notNull(),
    /** `committed`, `rejected` (errors: nothing written) or `checked` (a dry run). */
    status: text("status", { enum: ["committed", "rejected", "checked"] }).notNull(),
    summary: jsonb("summary").notNull(),
    issues: jsonb("issues").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    finishedAt: timestamp("finished_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("import_run_workspace_ix").on(t.workspaceId, t.startedAt)],
);

// The roles of a member in a workspace (see PRODUCT.md, "Who uses it"); defined in the core.

/**
 * A person who can log in. `password_hash` is an argon2id hash, or null for a person who logs
 * in only through the city's single sign-on (`external_subject`, the OpenID Connect `sub`).
 */
export const appUser = pgTable(
  "app_user",
  {
    id: serial("id").primaryKey(),
    /** Lower-cased; the login name. */
    email: text("email").notNull(),
    displayName: text("display_name").notNull(),
    passwordHash: text("password_hash"),
    /** Set for a one-time password: the next login must choose a new one. */
    mustChangePassword: boolean("must_change_password").notNull().default(false),
    externalIssuer: text("external_issuer"),
    externalSubject: text("external_subject"),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    /**
     * An installation administrator manages accounts across workspaces (ADR 0007); set for the
     * first administrator and with `sopla user installation-admin`, never through the web app.
     */
    installationAdmin: boolean("installation_admin").notNull().default(false),
    /**
     * The web administrator who issued the one-time password this account's password comes from
     * (by creating the account or resetting its password); null when the command line did. It
     * stays when the holder changes the password: whoever had the one-time password could have.
     */
    passwordIssuedBy: integer("password_issued_by"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("app_user_email_uq").on(t.email),
    uniqueIndex("app_user_external_uq").on(t.externalIssuer, t.externalSubject),
  ],
);

/** A user's role in one workspace; a user may belong to several. */
export const membership = pgTable(
  "membership",
  {
    id: serial("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => appUser.id, { onDelete: "cascade" }),
    workspaceId: workspaceRef(),
    role: text("role", { enum: ROLES }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("membership_user_workspace_uq").on(t.userId, t.workspaceId)],
);

/**
 * A workspace administrator's request to give an account a guarded role (planner, occupancy,
 * admin) in a workspace, or to add an account of another workspace: it takes effect only when
 * a different administrator (or the installation level) confirms it (ADR 0007). One request
 * per account and workspace; a new one replaces it. Confirming or withdrawing deletes the row;
 * the audit log keeps the history.
 */
export const roleRequest = pgTable(
  "role_request",
  {
    id: serial("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => appUser.id, { onDelete: "cascade" }),
    workspaceId: workspaceRef(),
    role: text("role", { enum: ROLES }).notNull(),
    requestedBy: integer("requested_by")
      .notNull()
      .references(() => appUser.id, { onDelete: "cascade" }),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("role_request_user_workspace_uq").on(t.userId, t.workspaceId)],
);

/**
 * A login session, shared by every app server through the database. Only the SHA-256 of the
 * session token is stored, so a copy of this table lets nobody log in.
 */
export const session = pgTable(
  "session",
  {
    id: serial("id").primaryKey(),
    tokenHash: text("token_hash").notNull(),
    userId: integer("user_id")
      .notNull()
      .references(() => appUser.id, { onDelete: "cascade" }),
    csrfToken: text("csrf_token").notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("session_token_uq").on(t.tokenHash), index("session_user_ix").on(t.userId)],
);

/** Failed logins by key (a login name or a client address), for rate limiting across servers. */
export const loginAttempt = pgTable(
  "login_attempt",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    key: text("key").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("login_attempt_key_ix").on(t.key, t.at)],
);

/**
 * The audit log: one row per write — who, when, which entity, and the entity before and after
 * (never a password or token). Append-only: a trigger refuses UPDATE, DELETE and TRUNCATE.
 * `workspace_id` and `actor_user_id` are plain numbers, not foreign keys, so the trail of a
 * deleted workspace or user stays.
 */
export const auditEvent = pgTable(
  "audit_event",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    workspaceId: integer("workspace_id"),
    actorUserId: integer("actor_user_id"),
    /** The actor as people read it: an e-mail address, `cli:<os user>` or `system`. */
    actor: text("actor").notNull(),
    action: text("action", { enum: AUDIT_ACTIONS }).notNull(),
    /** The kind of entity: variable, indicator, import_run, user, membership, session, … */
    entity: text("entity").notNull(),
    /** The entity's key within its kind (a code, an id, an e-mail address). */
    entityKey: text("entity_key").notNull(),
    before: jsonb("before"),
    after: jsonb("after"),
  },
  (t) => [
    index("audit_event_workspace_ix").on(t.workspaceId, t.at),
    index("audit_event_entity_ix").on(t.entity, t.entityKey),
    index("audit_event_actor_ix").on(t.actorUserId, t.at),
  ],
);

/**
 * A social index definition, versioned: saving a changed definition adds a version, and a
 * version never changes afterwards, so every run can say exactly which method it used.
 * `definition` is the parsed definition (src/core/social-index/definition.ts) as JSON.
 */
export const indexDefinition = pgTable(
  "index_definition",
  {
    id: serial("id").primaryKey(),
    workspaceId: workspaceRef(),
    code: text("code").notNull(),
    version: integer("version").notNull(),
    name: text("name").notNull(),
    definition: jsonb("definition").notNull(),
    /** The indicator with each area's inhabitants (for the minimum population). */
    populationIndicator: text("population_indicator").notNull(),
    /** What changed and why, in the planner's words. */
    comment: text("comment"),
    createdBy: text("created_by").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("index_definition_version_uq").on(t.workspaceId, t.code, t.version)],
);

/**
 * One run of an index version on one level and period: the full result (every area's values,
 * z-values, sums, indices, classes and exclusion), the method as a report prints it, and the
 * data version it was computed from. Runs are kept; nothing updates them.
 */
export const indexRun = pgTable(
  "index_run",
  {
    id: serial("id").primaryKey(),
    workspaceId: workspaceRef(),
    definitionId: integer("definition_id")
      .notNull()
      .references(() => indexDefinition.id, { onDelete: "cascade" }),
    level: text("level").notNull(),
    period: text("period").notNull(),
    /** The workspace's data version the values were read at. */
    dataVersion: integer("data_version").notNull(),
    included: integer("included").notNull(),
    excluded: integer("excluded").notNull(),
    /** Class and group counts: { status, dynamics, groups }. */
    counts: jsonb("counts").notNull(),
    /** Per indicator: mean, SD, min and max over the included areas. */
    moments: jsonb("moments").notNull(),
    /** Every area's result (the SocialIndexResult areas). */
    areas: jsonb("areas").notNull(),
    /** The method in German sentences, for reports (src/core/social-index/method.ts). */
    method: jsonb("method").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("index_run_definition_ix").on(t.workspaceId, t.definitionId, t.id)],
);

// Accommodation (Unterkünfte): facilities, pseudonymous households and persons, stays.
// Only the roles `occupancy` and `planner` see stays; every access to them is audited.

/** A facility where the city houses homeless people or refugees. */
export const facility = pgTable(
  "facility",
  {
    id: serial("id").primaryKey(),
    workspaceId: workspaceRef(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    type: text("type", {
      enum: ["homeless_shelter", "refugee_shared", "dispersed_flat", "other"],
    }).notNull(),
    operatorName: text("operator_name").notNull(),
    operatorKind: text("operator_kind", {
      enum: [
        "municipality",
        "supra_local_social_assistance",
        "free_provider",
        "commercial",
        "other",
      ],
    }).notNull(),
    association: text("association", {
      enum: ["awo", "caritas", "drk", "paritaet", "diakonie", "zwst", "other"],
    }),
    provision: text("provision", {
      enum: ["short_term", "semi_residential", "residential", "other"],
    }).notNull(),
    address: text("address"),
    /** The code of the area (any level) the facility lies in. */
    areaCode: text("area_code"),
    opened: date("opened").notNull(),
    closed: date("closed"),
    wheelchairAccess: boolean("wheelchair_access").notNull().default(false),
    familyRooms: boolean("family_rooms").notNull().default(false),
    /** Made by Sopla's generator of example data (the demo): labelled "Beispieldaten". */
    example: boolean("example").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("facility_code_uq").on(t.workspaceId, t.code)],
);

/** A facility's places and units from a day on; capacity changes are dated, never overwritten. */
export const facilityCapacity = pgTable(
  "facility_capacity",
  {
    id: serial("id").primaryKey(),
    facilityId: integer("facility_id")
      .notNull()
      .references(() => facility.id, { onDelete: "cascade" }),
    validFrom: date("valid_from").notNull(),
    places: integer("places").notNull(),
    units: integer("units").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("facility_capacity_uq").on(t.facilityId, t.validFrom),
    check("facility_capacity_positive", sql`${t.places} >= 0 AND ${t.units} >= 0`),
  ],
);

/** A household under a pseudonym: no names, no addresses. */
export const household = pgTable(
  "household",
  {
    id: serial("id").primaryKey(),
    workspaceId: workspaceRef(),
    pseudonym: text("pseudonym").notNull(),
    type: text("type", {
      enum: ["single", "single_parent", "couple", "couple_with_children", "other"],
    }).notNull(),
    size: smallint("size").notNull(),
  },
  (t) => [uniqueIndex("household_pseudonym_uq").on(t.workspaceId, t.pseudonym)],
);

/** A person under a pseudonym: a birth year, never a birth date. */
export const person = pgTable(
  "person",
  {
    id: serial("id").primaryKey(),
    workspaceId: workspaceRef(),
    pseudonym: text("pseudonym").notNull(),
    householdId: integer("household_id")
      .notNull()
      .references(() => household.id, { onDelete: "cascade" }),
    birthYear: smallint("birth_year"),
    sex: text("sex", { enum: ["female", "male", "diverse", "unknown"] }).notNull(),
    nationality: text("nationality", {
      enum: ["german", "eu", "third_country", "stateless_unknown"],
    }).notNull(),
  },
  (t) => [uniqueIndex("person_pseudonym_uq").on(t.workspaceId, t.pseudonym)],
);

/** One person in one facility from entry to exit; a move continues an earlier stay. */
export const stay = pgTable(
  "stay",
  {
    id: serial("id").primaryKey(),
    workspaceId: workspaceRef(),
    code: text("code").notNull(),
    personId: integer("person_id")
      .notNull()
      .references(() => person.id, { onDelete: "cascade" }),
    facilityId: integer("facility_id")
      .notNull()
      .references(() => facility.id),
    legalBasis: text("legal_basis", {
      enum: ["public_order", "sgb12", "asylblg", "other"],
    }).notNull(),
    entry: date("entry").notNull(),
    exit: date("exit"),
    movedFromId: integer("moved_from_id").references((): AnyPgColumn => stay.id, {
      onDelete: "set null",
    }),
    entitledToFlat: boolean("entitled_to_flat").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("stay_code_uq").on(t.workspaceId, t.code),
    index("stay_dates_ix").on(t.workspaceId, t.entry, t.exit),
    index("stay_person_ix").on(t.personId),
    check("stay_exit_after_entry", sql`${t.exit} IS NULL OR ${t.exit} >= ${t.entry}`),
  ],
);

/**
 * The monthly statistic as it was when the stays behind it were deleted after the retention
 * period: the figures stay when the records go.
 */
export const occupancyMonth = pgTable(
  "occupancy_month",
  {
    id: serial("id").primaryKey(),
    workspaceId: workspaceRef(),
    month: text("month").notNull(),
    referenceDay: text("reference_day").notNull(),
    statistic: jsonb("statistic").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("occupancy_month_uq").on(t.workspaceId, t.month, t.referenceDay)],
);

/**
 * A closed period of the accommodation statistic, one row per version: a month's statistic
 * closed after the monthly check (`kind` "month", `period` "2026-10") or a year's WoBerichtsG
 * file marked delivered ("federal", "2026"), stored as reported. Reopening (with a reason)
 * stamps the latest version; closing again adds the next version, so every version reported
 * stays and a revision can be compared with the one before.
 */
export const closedPeriod = pgTable(
  "closed_period",
  {
    id: serial("id").primaryKey(),
    workspaceId: workspaceRef(),
    kind: text("kind", { enum: ["month", "federal"] }).notNull(),
    period: text("period").notNull(),
    version: integer("version").notNull(),
    /** The full statistic of the month, or the delivery's records and summary. */
    content: jsonb("content").notNull(),
    /** A month as readers without record access saw it (after disclosure control). */
    protectedContent: jsonb("protected_content"),
    closedAt: timestamp("closed_at", { withTimezone: true }).notNull(),
    closedBy: text("closed_by").notNull(),
    reopenedAt: timestamp("reopened_at", { withTimezone: true }),
    reopenedBy: text("reopened_by"),
    reopenReason: text("reopen_reason"),
  },
  (t) => [
    uniqueIndex("closed_period_version_uq").on(t.workspaceId, t.kind, t.period, t.version),
    check("closed_period_version_positive", sql`${t.version} >= 1`),
    check(
      "closed_period_reopened_with_reason",
      sql`(${t.reopenedAt} IS NULL) = (${t.reopenReason} IS NULL)`,
    ),
  ],
);

/** Bytes of a file (a rendered report); PGlite hands back a Uint8Array, node-postgres a Buffer. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  toDriver: (v) => Buffer.from(v.buffer, v.byteOffset, v.byteLength),
  fromDriver: (v) => new Uint8Array(v.buffer, v.byteOffset, v.byteLength),
});

/**
 * A report template of a workspace as versions: a saved change is a new version, nothing
 * updates a version (a trigger refuses it). The templates Sopla brings along are not stored
 * until a workspace saves its own version of one.
 */
export const reportTemplate = pgTable(
  "report_template",
  {
    id: serial("id").primaryKey(),
    workspaceId: workspaceRef(),
    code: text("code").notNull(),
    version: integer("version").notNull(),
    title: text("title").notNull(),
    definition: jsonb("definition").notNull(),
    comment: text("comment"),
    createdBy: text("created_by").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("report_template_version_uq").on(t.workspaceId, t.code, t.version)],
);

/**
 * A report: a template applied to a period (and for an area profile, an area). Its draft is
 * built from the current data whenever it is read; the planner's decisions about the generated
 * key findings (keep, edit, drop) are kept here by the finding's id.
 */
export const report = pgTable(
  "report",
  {
    id: serial("id").primaryKey(),
    workspaceId: workspaceRef(),
    code: text("code").notNull(),
    title: text("title").notNull(),
    templateCode: text("template_code").notNull(),
    period: text("period").notNull(),
    areaCode: text("area_code"),
    decisions: jsonb("decisions").notNull().default({}),
    createdBy: text("created_by").notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("report_code_uq").on(t.workspaceId, t.code)],
);

/**
 * A published version of a report: the snapshot that never changes (a trigger refuses UPDATE
 * and DELETE): the built document, the template version and data version it was built from,
 * the rendered files, its publication state and who published it.
 */
export const reportVersion = pgTable(
  "report_version",
  {
    id: serial("id").primaryKey(),
    workspaceId: workspaceRef(),
    reportId: integer("report_id")
      .notNull()
      .references(() => report.id),
    version: integer("version").notNull(),
    state: text("state", { enum: ["internal", "public"] }).notNull(),
    templateVersion: integer("template_version").notNull(),
    dataVersion: integer("data_version").notNull(),
    document: jsonb("document").notNull(),
    html: text("html").notNull(),
    pdf: bytea("pdf").notNull(),
    docx: bytea("docx").notNull(),
    xlsx: bytea("xlsx").notNull(),
    publishedBy: text("published_by").notNull(),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("report_version_uq").on(t.reportId, t.version)],
);

/**
 * A name a file uses for an area or a variable, saved once by a planner so the next delivery
 * is understood ("Altstadt (alt)" → the district ALT). `textKey` is the spelling-insensitive
 * key (src/core/data/name-match.ts); `scope` the target area's level code, "" for variables.
 */
export const savedName = pgTable(
  "saved_name",
  {
    id: serial("id").primaryKey(),
    workspaceId: workspaceRef(),
    kind: text("kind", { enum: ["area", "variable"] }).notNull(),
    scope: text("scope").notNull(),
    text: text("text").notNull(),
    textKey: text("text_key").notNull(),
    areaId: integer("area_id").references(() => area.id, { onDelete: "cascade" }),
    variableId: integer("variable_id").references(() => variable.id, { onDelete: "cascade" }),
    createdBy: text("created_by").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("saved_name_key_uq").on(t.workspaceId, t.kind, t.scope, t.textKey),
    check(
      "saved_name_target_ck",
      sql`(${t.kind} = 'area' AND ${t.areaId} IS NOT NULL AND ${t.variableId} IS NULL) OR (${t.kind} = 'variable' AND ${t.variableId} IS NOT NULL AND ${t.areaId} IS NULL)`,
    ),
  ],
);

/**
 * A crosswalk (Umschlüsselung) from the areas before a boundary reform to the areas after it:
 * the shares of each old area in the new ones, by area (`areal`) or by population
 * (`population`). Applying it carries the counts of the periods before `valid_from` onto the
 * new areas (docs/methods/crosswalk.md). Old and new areas are both areas of the workspace.
 */
export const crosswalk = pgTable(
  "crosswalk",
  {
    id: serial("id").primaryKey(),
    workspaceId: workspaceRef(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    basis: text("basis", { enum: ["areal", "population"] }).notNull(),
    /** The day the new areas came into force: periods whose reference day lies before it are carried. */
    validFrom: date("valid_from", { mode: "string" }).notNull(),
    /** Where the shares come from (who computed them, from which geometries or counts). */
    source: text("source"),
    fileName: text("file_name"),
    createdBy: text("created_by").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("crosswalk_code_uq").on(t.workspaceId, t.code)],
);

/** One share of a crosswalk: `weight` of the old area lies in the new area, as delivered. */
export const crosswalkShare = pgTable(
  "crosswalk_share",
  {
    id: serial("id").primaryKey(),
    crosswalkId: integer("crosswalk_id")
      .notNull()
      .references(() => crosswalk.id, { onDelete: "cascade" }),
    oldAreaId: integer("old_area_id")
      .notNull()
      .references(() => area.id, { onDelete: "cascade" }),
    newAreaId: integer("new_area_id")
      .notNull()
      .references(() => area.id, { onDelete: "cascade" }),
    weight: doublePrecision("weight").notNull(),
  },
  (t) => [
    uniqueIndex("crosswalk_share_uq").on(t.crosswalkId, t.oldAreaId, t.newAreaId),
    check("crosswalk_share_weight_ck", sql`${t.weight} >= 0`),
  ],
);

/**
 * One change of an indicator's formula or sheet (Formelverlauf): the full sheet before and
 * after, who changed it and when. Written by every path that changes an indicator (the
 * editor, the catalogue file, the starter catalogue), in the same transaction as the change.
 */
export const indicatorVersion = pgTable(
  "indicator_version",
  {
    id: serial("id").primaryKey(),
    workspaceId: workspaceRef(),
    indicatorId: integer("indicator_id")
      .notNull()
      .references(() => indicator.id, { onDelete: "cascade" }),
    /** The sheet as it was before the change (code, name, formula, unit, texts, publication). */
    before: jsonb("before").notNull(),
    /** The sheet as the change left it. */
    after: jsonb("after").notNull(),
    actorUserId: integer("actor_user_id"),
    /** The actor as people read it: an e-mail address, `cli:<os user>` or `system`. */
    actor: text("actor").notNull(),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("indicator_version_indicator_ix").on(t.indicatorId, t.changedAt)],
);

/**
 * A workspace's logo (PNG or SVG, checked before it is stored: `services/workspace-logo.ts`),
 * shown in the web app's top bar and on reports' title pages. One per workspace; removing the
 * logo deletes the row.
 */
export const workspaceLogo = pgTable("workspace_logo", {
  workspaceId: integer("workspace_id")
    .primaryKey()
    .references(() => workspace.id, { onDelete: "cascade" }),
  mediaType: text("media_type", { enum: ["image/png", "image/svg+xml"] }).notNull(),
  content: bytea("content").notNull(),
  /** SHA-256 of the content, hex: the ETag and the web app's cache key. */
  sha256: text("sha256").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});

/**
 * An invitation link to an account's one-time password (ADR 0007 unchanged: the role it names
 * is granted, or requested, exactly as for an account created in the administration). Only the
 * SHA-256 of the link's token is stored; the one-time password is the account's password (an
 * argon2 hash). Single use, and it expires; after five wrong one-time passwords it is spent.
 */
export const invitation = pgTable(
  "invitation",
  {
    id: serial("id").primaryKey(),
    tokenHash: text("token_hash").notNull(),
    userId: integer("user_id")
      .notNull()
      .references(() => appUser.id, { onDelete: "cascade" }),
    workspaceId: workspaceRef(),
    /** The role named in the invitation (held, or requested until a second admin confirms). */
    role: text("role", { enum: ROLES }).notNull(),
    createdBy: integer("created_by").references(() => appUser.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    failedAttempts: integer("failed_attempts").notNull().default(0),
  },
  (t) => [uniqueIndex("invitation_token_hash_uq").on(t.tokenHash)],
);

// ---------------------------------------------------------------------------------------------
// Strategic cycle (Ziele & Maßnahmen): themes, goals, goal indicators, measures, performance
// measures and their values, budget lines, stories behind the curve. docs/methods/controlling.md
// ---------------------------------------------------------------------------------------------

/** Who may read a goal: `draft` only the planning staff, `released` also the council. */
export const GOAL_RELEASE = ["draft", "released"] as const;

/** A cross-cutting theme (Querschnittsthema), e.g. Kinderarmut, with the areas it concerns. */
export const theme = pgTable(
  "theme",
  {
    id: serial("id").primaryKey(),
    workspaceId: workspaceRef(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    description: text("description"),
    owner: text("owner"),
    /** Codes of the areas the theme concerns; empty: the whole city. */
    areaCodes: text("area_codes")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    sortOrder: integer("sort_order").notNull().default(0),
    /** Invented example data (the demo's programme): every view of it says "Beispieldaten". */
    exampleData: boolean("example_data").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("theme_code_uq").on(t.workspaceId, t.code)],
);

/** A goal in the hierarchy Leitziel → Handlungsziel → Wirkungs-/Leistungsziel. */
export const goal = pgTable(
  "goal",
  {
    id: serial("id").primaryKey(),
    workspaceId: workspaceRef(),
    code: text("code").notNull(),
    themeId: integer("theme_id")
      .notNull()
      .references(() => theme.id, { onDelete: "cascade" }),
    parentId: integer("parent_id").references((): AnyPgColumn => goal.id, {
      onDelete: "restrict",
    }),
    level: text("level", {
      enum: ["leitziel", "handlungsziel", "wirkungsziel", "leistungsziel"],
    }).notNull(),
    title: text("title").notNull(),
    description: text("description"),
    owner: text("owner"),
    periodFrom: smallint("period_from"),
    periodTo: smallint("period_to"),
    /** The council decision the goal rests on (Drucksache, date), as written. */
    decision: text("decision"),
    release: text("release", { enum: GOAL_RELEASE }).notNull().default("draft"),
    sortOrder: integer("sort_order").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("goal_code_uq").on(t.workspaceId, t.code),
    index("goal_theme_ix").on(t.themeId),
  ],
);

/** A measure (Maßnahme) of a department or provider. */
export const measure = pgTable(
  "measure",
  {
    id: serial("id").primaryKey(),
    workspaceId: workspaceRef(),
    code: text("code").notNull(),
    title: text("title").notNull(),
    description: text("description"),
    /** The owning department or provider, as people name it. */
    owner: text("owner").notNull(),
    areaCodes: text("area_codes")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    targetGroups: text("target_groups")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    startDate: date("start_date", { mode: "string" }).notNull(),
    endDate: date("end_date", { mode: "string" }),
    status: text("status", {
      enum: ["geplant", "laufend", "abgeschlossen", "ausgesetzt", "abgebrochen"],
    }).notNull(),
    /** Milestones: `[{ title, due, done }]` with ISO dates. */
    milestones: jsonb("milestones").notNull().default([]),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("measure_code_uq").on(t.workspaceId, t.code),
    check("measure_dates_ck", sql`${t.endDate} IS NULL OR ${t.endDate} >= ${t.startDate}`),
  ],
);

/** The members who report on a measure (its owners in Sopla): contributors edit only these. */
export const measureEditor = pgTable(
  "measure_editor",
  {
    measureId: integer("measure_id")
      .notNull()
      .references(() => measure.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => appUser.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.measureId, t.userId] })],
);

/** Which goals a measure serves (many to many), with what it contributes. */
export const goalMeasure = pgTable(
  "goal_measure",
  {
    goalId: integer("goal_id")
      .notNull()
      .references(() => goal.id, { onDelete: "cascade" }),
    measureId: integer("measure_id")
      .notNull()
      .references(() => measure.id, { onDelete: "cascade" }),
    contribution: text("contribution"),
  },
  (t) => [primaryKey({ columns: [t.goalId, t.measureId] })],
);

/**
 * A measure's own performance measure, in one of the three questions of Results-Based
 * Accountability: how much did we do, how well, is anyone better off.
 */
export const performanceMeasure = pgTable(
  "performance_measure",
  {
    id: serial("id").primaryKey(),
    workspaceId: workspaceRef(),
    measureId: integer("measure_id")
      .notNull()
      .references(() => measure.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    question: text("question", { enum: ["how_much", "how_well", "better_off"] }).notNull(),
    name: text("name").notNull(),
    unit: text("unit").notNull(),
    frequency: text("frequency", { enum: ["year", "quarter", "month"] }).notNull(),
    polarity: text("polarity", {
      enum: ["higher_is_better", "lower_is_better", "neutral"],
    }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("performance_measure_code_uq").on(t.workspaceId, t.code)],
);

/** A performance value for one period (`2025`, `2025-Q2`, `2025-03`), entered by an owner. */
export const performanceValue = pgTable(
  "performance_value",
  {
    id: serial("id").primaryKey(),
    performanceMeasureId: integer("performance_measure_id")
      .notNull()
      .references(() => performanceMeasure.id, { onDelete: "cascade" }),
    period: text("period").notNull(),
    value: doublePrecision("value").notNull(),
    /** For a share: the count and the base it rests on (gives its interval). */
    numerator: doublePrecision("numerator"),
    denominator: doublePrecision("denominator"),
    note: text("note"),
    enteredBy: text("entered_by").notNull(),
    enteredAt: timestamp("entered_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("performance_value_uq").on(t.performanceMeasureId, t.period)],
);

/**
 * A goal indicator: a catalogue indicator in one area, or a measure's performance measure, with
 * its baseline, its target and the kind of target (the DNS rule's kinds). A changed target is
 * a new row; the old one keeps its `valid_to` so it stays visible, greyed.
 */
export const goalIndicator = pgTable(
  "goal_indicator",
  {
    id: serial("id").primaryKey(),
    workspaceId: workspaceRef(),
    goalId: integer("goal_id")
      .notNull()
      .references(() => goal.id, { onDelete: "cascade" }),
    indicatorId: integer("indicator_id").references(() => indicator.id, { onDelete: "restrict" }),
    areaId: integer("area_id").references(() => area.id, { onDelete: "restrict" }),
    performanceMeasureId: integer("performance_measure_id").references(
      () => performanceMeasure.id,
      { onDelete: "cascade" },
    ),
    baselineYear: smallint("baseline_year").notNull(),
    baselineValue: doublePrecision("baseline_value").notNull(),
    targetKind: text("target_kind", {
      enum: ["value_by_year", "limit", "direction", "corridor"],
    }).notNull(),
    direction: text("direction", { enum: ["up", "down"] }).notNull(),
    targetValue: doublePrecision("target_value"),
    targetLow: doublePrecision("target_low"),
    targetHigh: doublePrecision("target_high"),
    targetYear: smallint("target_year"),
    validTo: smallint("valid_to"),
    sortOrder: integer("sort_order").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    index("goal_indicator_goal_ix").on(t.goalId),
    check(
      "goal_indicator_source_ck",
      sql`(${t.indicatorId} IS NOT NULL AND ${t.areaId} IS NOT NULL AND ${t.performanceMeasureId} IS NULL) OR (${t.indicatorId} IS NULL AND ${t.areaId} IS NULL AND ${t.performanceMeasureId} IS NOT NULL)`,
    ),
  ],
);

/** The story behind the curve: who wrote what about a goal indicator in one period. Versioned. */
export const curveStory = pgTable(
  "curve_story",
  {
    id: serial("id").primaryKey(),
    workspaceId: workspaceRef(),
    goalIndicatorId: integer("goal_indicator_id")
      .notNull()
      .references(() => goalIndicator.id, { onDelete: "cascade" }),
    period: text("period").notNull(),
    text: text("text").notNull(),
    author: text("author").notNull(),
    writtenAt: timestamp("written_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("curve_story_indicator_ix").on(t.goalIndicatorId, t.period)],
);

/**
 * A budget line of a measure for one budget year: planned (Ansatz), committed (gebunden) and
 * spent (Ist), booked on a product of the product budget, a cost centre and an account.
 */
export const budgetLine = pgTable(
  "budget_line",
  {
    id: serial("id").primaryKey(),
    workspaceId: workspaceRef(),
    measureId: integer("measure_id").references(() => measure.id, { onDelete: "set null" }),
    year: smallint("year").notNull(),
    productCode: text("product_code").notNull(),
    costCentre: text("cost_centre"),
    account: text("account"),
    planned: doublePrecision("planned").notNull(),
    committed: doublePrecision("committed"),
    spent: doublePrecision("spent"),
    source: text("source"),
    importRunId: integer("import_run_id").references(() => importRun.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("budget_line_measure_ix").on(t.measureId),
    uniqueIndex("budget_line_uq").on(
      t.workspaceId,
      t.year,
      t.productCode,
      t.costCentre,
      t.account,
      t.measureId,
    ),
  ],
);
