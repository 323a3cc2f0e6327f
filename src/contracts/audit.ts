import { z } from "zod";
import { AUDIT_ACTIONS } from "../core/audit/actions.ts";
import { instant as storableInstant, workspaceQuery } from "./common.ts";

export const auditEventDto = z
  .object({
    id: z.number().int(),
    at: z.string().describe("ISO 8601 timestamp"),
    actor: z.string().describe("E-mail address of the user, `cli:<os user>` or `system`"),
    actorUserId: z.number().int().nullable(),
    action: z.enum(AUDIT_ACTIONS),
    entity: z.string(),
    entityKey: z.string(),
    before: z.unknown().describe("The entity before the change (null when created)"),
    after: z.unknown().describe("The entity after the change (null when deleted)"),
  })
  .meta({ id: "AuditEvent" });

const instant = storableInstant.describe("ISO date or date-time; a date means its start (UTC)");

export const auditQuery = workspaceQuery.extend({
  entity: z.string().max(40).optional(),
  key: z.string().max(254).optional().describe("The entity's key (a code, an id, an e-mail)"),
  actor: z.string().max(254).optional().describe("Who made the change, as the log names them"),
  action: z.enum(AUDIT_ACTIONS).optional(),
  from: instant.optional().describe("From this time on (inclusive)"),
  to: instant.optional().describe("Before this time (exclusive)"),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

export const auditPage = z
  .object({
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
    items: z.array(auditEventDto),
  })
  .meta({ id: "AuditPage" });

export const publicationBody = z.strictObject({
  publication: z.enum(["draft", "internal", "public"]),
});

export const publicationDto = z.object({
  code: z.string(),
  publication: z.enum(["draft", "internal", "public"]),
  changed: z.boolean().describe("false when the item had this state already"),
});
