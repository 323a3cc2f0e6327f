/**
 * The pure part of the Verwaltung page: a refusal of the API as problems linked to their
 * fields, the audit filter as the API's query (days of the city's calendar), and an audit
 * event's change in words. No React, so the unit tests beside it need no browser.
 */
import { AUDIT_ENTITIES as ALL_AUDIT_ENTITIES } from "@core/audit/actions.ts";
import { RECORD_AUDIT_ENTITIES } from "@core/access/audit-scope.ts";
import { WORKSPACE_SETTINGS } from "@contracts/workspaces.ts";
import type { AuditAction } from "@core/audit/actions.ts";
import type { Role } from "@core/access/roles.ts";
import { ApiError, problemsOf } from "../../lib/api.ts";
import type { MessageKey } from "../../lib/i18n.tsx";
import type { Problem } from "../../ui/ProblemList.tsx";

export type Translate = (key: MessageKey, params?: Readonly<Record<string, string>>) => string;

/**
 * Every problem of a refused request, in the server's German words, each linked to the form's
 * field where the server names one: a field issue of the request (`details.issues[].path`) or
 * the field a service names (`details.field`). `fields` maps the API's field name to the id of
 * the form's control; a field the form does not have stays unlinked.
 */
export function problemsOfRefusal(
  error: unknown,
  fields: Readonly<Record<string, string>>,
): Problem[] {
  const idOf = (name: unknown) =>
    typeof name === "string" && Object.hasOwn(fields, name) ? fields[name]! : null;
  if (error instanceof ApiError) {
    const details = error.details as
      { issues?: { path?: unknown }[]; field?: unknown } | null | undefined;
    const issues = Array.isArray(details?.issues) ? details.issues : [];
    if (issues.length > 0) {
      const texts = problemsOf(error);
      return issues.map((issue, i) => ({
        message: texts[i] ?? error.message,
        field: idOf(issue.path),
      }));
    }
    return [{ message: error.message, field: idOf(details?.field) }];
  }
  return problemsOf(error).map((message) => ({ message, field: null }));
}

/** The audit filter as typed in the form: empty strings for "any". */
export interface AuditFilter {
  readonly action: "" | AuditAction;
  readonly entity: string;
  readonly key: string;
  readonly actor: string;
  /** A day (YYYY-MM-DD) of the city's calendar, from its start. */
  readonly from: string;
  /** A day (YYYY-MM-DD), up to its end. */
  readonly to: string;
}

export const NO_FILTER: AuditFilter = {
  action: "",
  entity: "",
  key: "",
  actor: "",
  from: "",
  to: "",
};

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const berlinHour = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Berlin",
  hour: "2-digit",
  hourCycle: "h23",
});

/**
 * The start of a day in the city's time zone (Europe/Berlin, where the app shows every time)
 * as an instant, or null for no valid day. Midnight in Berlin is UTC midnight less the offset
 * that holds then, the same as at UTC midnight (the clocks change at 01:00 UTC).
 */
export function cityDayStart(day: string): Date | null {
  const m = DAY.exec(day);
  if (!m) return null;
  const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const date = new Date(utc);
  if (date.getUTCDate() !== Number(m[3]) || date.getUTCMonth() !== Number(m[2]) - 1) return null;
  const offsetHours = Number(berlinHour.format(date));
  return new Date(utc - offsetHours * 3_600_000);
}

/** The day after a day (YYYY-MM-DD). */
function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export type AuditQuery =
  | { readonly ok: true; readonly params: Readonly<Record<string, string | undefined>> }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/**
 * The query of `GET /api/audit` for a filter and a page: empty fields left out, the days as
 * instants of the city's calendar ("to" inclusive: the API's `to` is the next day's start).
 * A filter whose "from" lies after its "to" is refused here; the server checks the rest.
 */
export function auditQuery(
  filter: AuditFilter,
  page: { readonly limit: number; readonly offset: number },
  t: Translate,
  toFieldId: string,
): AuditQuery {
  const text = (v: string) => (v.trim() === "" ? undefined : v.trim());
  const from = filter.from === "" ? undefined : cityDayStart(filter.from)?.toISOString();
  const to = filter.to === "" ? undefined : cityDayStart(nextDay(filter.to))?.toISOString();
  if (filter.from !== "" && filter.to !== "" && filter.from > filter.to) {
    return { ok: false, problems: [{ message: t("admin.fromAfterTo"), field: toFieldId }] };
  }
  return {
    ok: true,
    params: {
      action: filter.action === "" ? undefined : filter.action,
      entity: text(filter.entity),
      key: text(filter.key),
      actor: text(filter.actor),
      // A day the browser could not read goes as typed, so the server names the field.
      from: from ?? (filter.from === "" ? undefined : filter.from),
      to: to ?? (filter.to === "" ? undefined : filter.to),
      limit: String(page.limit),
      offset: String(page.offset),
    },
  };
}

/**
 * The entities of the log an administrator sees, in the order of the filter's choice: the
 * core's vocabulary without the personal records (ADR 0007).
 */
export const AUDIT_ENTITIES = ALL_AUDIT_ENTITIES.filter((e) => !RECORD_AUDIT_ENTITIES.includes(e));

/** The fields of a change that have a name of their own; others show their key. */
const AUDIT_FIELDS = [
  "role",
  "requestedBy",
  "confirmedBy",
  "roleConfirmed",
  "disabled",
  "mustChangePassword",
  "installationAdmin",
  "address",
  "knownAccount",
  "displayName",
  "email",
  "publication",
] as const;

/** Fields whose value is a role, shown with the role's name. */
const ROLE_FIELDS = new Set(["role", "roleConfirmed"]);

const isKnown = <T extends string>(list: readonly T[], x: string): x is T =>
  (list as readonly string[]).includes(x);

/** The name of an entity kind of the log, or the kind itself for one without a name. */
export function entityName(entity: string, t: Translate): string {
  return isKnown(AUDIT_ENTITIES, entity) ? t(`admin.auditEntity.${entity}`) : entity;
}

const MAX_VALUE = 80;

function valueText(field: string, value: unknown, t: Translate): string {
  if (typeof value === "boolean") return value ? t("admin.yes") : t("admin.no");
  if (typeof value === "string" && ROLE_FIELDS.has(field)) return t(`role.${value as Role}`);
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

const fieldName = (key: string, t: Translate) =>
  isKnown(AUDIT_FIELDS, key)
    ? t(`admin.auditField.${key}`)
    : isKnown(WORKSPACE_SETTINGS, key)
      ? t(`admin.setting.${key}`)
      : key;

const isRecord = (x: unknown): x is Readonly<Record<string, unknown>> =>
  typeof x === "object" && x !== null && !Array.isArray(x);

/**
 * An event's change in words: each field that differs as "Rolle: Fachdienst → Lesezugriff";
 * a created entity's fields as they are ("Rolle: Lesezugriff"), a deleted one's marked as
 * before ("vorher: Rolle: Sozialplanung"). Empty when the event carries neither state.
 */
export function describeChange(before: unknown, after: unknown, t: Translate): string {
  const b = isRecord(before) ? before : null;
  const a = isRecord(after) ? after : null;
  if (b && a) {
    const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
    return keys
      .filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]))
      .map((k) => {
        const name = fieldName(k, t);
        if (!(k in b)) return `${name}: ${valueText(k, a[k], t)}`;
        if (!(k in a)) return `${name}: ${valueText(k, b[k], t)} → –`;
        return `${name}: ${valueText(k, b[k], t)} → ${valueText(k, a[k], t)}`;
      })
      .join("; ");
  }
  const list = (r: Readonly<Record<string, unknown>>) =>
    Object.entries(r)
      .map(([k, v]) => `${fieldName(k, t)}: ${valueText(k, v, t)}`)
      .join("; ");
  if (a) return list(a);
  if (b) return `${t("admin.removed")}: ${list(b)}`;
  return "";
}
