/**
 * Wer hat was getan: the workspace's audit log as the administration sees it (every event but
 * those about accommodation records), newest first, filtered by action, kind of entry, key,
 * person and days (the city's calendar, "Bis" inclusive), fifty at a time. Times in the
 * interface's language; each change in words ("Rolle: Fachdienst → Lesezugriff"). A filter
 * the server refuses is listed with its field.
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Fragment, useState, type FormEvent, type ReactNode } from "react";
import { AUDIT_ACTIONS, type AuditAction } from "@core/audit/actions.ts";
import { formatDateTime, formatNumber } from "../../lib/format.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { ProblemList, toField, type Problem } from "../../ui/ProblemList.tsx";
import { SelectField } from "../../ui/SelectField.tsx";
import { Empty, Loading } from "../../ui/states.tsx";
import { TextField } from "../../ui/TextField.tsx";
import { TableView } from "../../ui/ViewTable.tsx";
import { adminCalls, adminKeys, type AuditEvent } from "./admin-api.ts";
import {
  AUDIT_ENTITIES,
  auditQuery,
  describeChange,
  entityName,
  NO_FILTER,
  problemsOfRefusal,
  type AuditFilter,
} from "./admin-view.ts";

const PAGE = 50;
const id = (field: keyof AuditFilter) => `audit-${field}`;
const FIELD_IDS: Readonly<Record<string, string>> = Object.fromEntries(
  (Object.keys(NO_FILTER) as (keyof AuditFilter)[]).map((f) => [f, id(f)]),
);

export function AuditSection({ workspace }: { readonly workspace: string }) {
  const { t, locale } = useI18n();
  const [form, setForm] = useState<AuditFilter>(NO_FILTER);
  const [applied, setApplied] = useState<AuditFilter>(NO_FILTER);
  const [offset, setOffset] = useState(0);
  const [formProblems, setFormProblems] = useState<readonly Problem[]>([]);
  const query = auditQuery(applied, { limit: PAGE, offset }, t, id("to"));
  const params = query.ok ? query.params : {};
  const events = useQuery({
    queryKey: adminKeys.audit(workspace, params),
    enabled: query.ok,
    retry: false,
    placeholderData: keepPreviousData,
    queryFn: () => adminCalls.audit(workspace, params),
  });
  const problems = events.isError ? problemsOfRefusal(events.error, FIELD_IDS) : formProblems;
  const invalid = new Set(problems.flatMap((p) => (p.field ? [p.field] : [])));
  const aria = (f: keyof AuditFilter) =>
    invalid.has(id(f)) ? { "aria-invalid": true as const } : {};
  const change = (next: Partial<AuditFilter>) => setForm((f) => ({ ...f, ...next }));

  function apply(e: FormEvent) {
    e.preventDefault();
    const checked = auditQuery(form, { limit: PAGE, offset: 0 }, t, id("to"));
    setFormProblems(checked.ok ? [] : checked.problems);
    if (!checked.ok) return;
    setApplied(form);
    setOffset(0);
  }

  const page = events.data;
  const n = (x: number) => formatNumber(locale, x, 0);
  return (
    <section className="admin-audit">
      <h2 id="audit-title">{t("admin.audit")}</h2>
      <p className="intro">{t("admin.auditIntro")}</p>
      <form className="admin-form" aria-label={t("admin.filters")} onSubmit={apply} noValidate>
        <div className="form-grid">
          <SelectField
            id={id("action")}
            label={t("admin.action")}
            value={form.action}
            options={[
              { value: "", label: t("admin.all") },
              ...AUDIT_ACTIONS.map((a) => ({ value: a, label: t(`admin.auditAction.${a}`) })),
            ]}
            onChange={(v) => change({ action: v as "" | AuditAction })}
          />
          <SelectField
            id={id("entity")}
            label={t("admin.entity")}
            value={form.entity}
            options={[
              { value: "", label: t("admin.all") },
              ...AUDIT_ENTITIES.map((x) => ({ value: x, label: entityName(x, t) })),
            ]}
            onChange={(entity) => change({ entity })}
          />
          <TextField
            id={id("key")}
            label={t("admin.key")}
            hint={t("admin.keyHint")}
            type="text"
            spellCheck={false}
            maxLength={254}
            value={form.key}
            onChange={(key) => change({ key })}
            {...aria("key")}
          />
          <TextField
            id={id("actor")}
            label={t("admin.actor")}
            hint={t("admin.actorHint")}
            type="text"
            spellCheck={false}
            maxLength={254}
            value={form.actor}
            onChange={(actor) => change({ actor })}
            {...aria("actor")}
          />
          <TextField
            id={id("from")}
            label={t("admin.from")}
            type="date"
            value={form.from}
            onChange={(from) => change({ from })}
            {...aria("from")}
          />
          <TextField
            id={id("to")}
            label={t("admin.to")}
            type="date"
            value={form.to}
            onChange={(to) => change({ to })}
            {...aria("to")}
          />
        </div>
        <div className="buttons">
          <button type="submit" className="primary">
            {t("admin.filter")}
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setForm(NO_FILTER);
              setApplied(NO_FILTER);
              setOffset(0);
              setFormProblems([]);
            }}
          >
            {t("admin.filterReset")}
          </button>
        </div>
        {problems.length > 0 && (
          <ProblemList title={t("admin.notFiltered")} problems={problems} jump={toField} />
        )}
      </form>
      {events.isPending && query.ok && <Loading />}
      {page && page.items.length === 0 && <Empty>{t("admin.noEvents")}</Empty>}
      {page && page.items.length > 0 && (
        <>
          <p id="audit-range" role="status">
            {t("admin.range", {
              from: n(page.offset + 1),
              to: n(page.offset + page.items.length),
              total: n(page.total),
            })}
          </p>
          <EventTable events={page.items} />
          <div className="button-row pager">
            <button
              type="button"
              className="secondary"
              disabled={offset === 0}
              onClick={() => setOffset(Math.max(0, offset - PAGE))}
            >
              {t("admin.newer")}
            </button>
            <button
              type="button"
              className="secondary"
              disabled={page.offset + page.items.length >= page.total}
              onClick={() => setOffset(offset + PAGE)}
            >
              {t("admin.older")}
            </button>
          </div>
        </>
      )}
    </section>
  );
}

/** A text whose e-mail addresses may break after the "@" in a narrow column. */
function breakable(text: string): ReactNode {
  const parts = text.split("@");
  return parts.map((part, i) => (
    <Fragment key={i}>
      {part}
      {i < parts.length - 1 && (
        <>
          @<wbr />
        </>
      )}
    </Fragment>
  ));
}

function EventTable({ events }: { readonly events: readonly AuditEvent[] }) {
  const { t, locale } = useI18n();
  const cell = (text: ReactNode) => ({ text, numeric: false });
  return (
    <div className="scroll admin-scroll" role="region" aria-labelledby="audit-title" tabIndex={0}>
      <TableView
        className="admin-table audit-table"
        labelledBy="audit-title"
        heads={[
          t("admin.at"),
          t("admin.actor"),
          t("admin.action"),
          t("admin.object"),
          t("admin.change"),
        ].map(cell)}
        rows={events.map((e) => [
          cell(formatDateTime(locale, e.at)),
          cell(breakable(e.actor)),
          cell(t(`admin.auditAction.${e.action}`)),
          cell(breakable(`${entityName(e.entity, t)}: ${e.entityKey}`)),
          cell(breakable(describeChange(e.before, e.after, t))),
        ])}
      />
    </div>
  );
}
