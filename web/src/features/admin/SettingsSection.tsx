/**
 * Einstellungen: the workspace's publisher (on every report's title page), its open-data facts
 * and licence, the disclosure minimum, how values under review appear in public, and the rules
 * of the accommodation statistic. Only what the administrator changed is sent; the server's
 * refusals name their field, and a saved change says what it affects.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import {
  OPEN_DATA_LICENCES,
  WORKSPACE_SETTINGS,
  type WorkspaceSettingsDto as Settings,
} from "@contracts/workspaces.ts";
import { api, wsPath } from "../../lib/api.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { ProblemList, toField, type Problem } from "../../ui/ProblemList.tsx";
import { SelectField } from "../../ui/SelectField.tsx";
import { ErrorState, Loading } from "../../ui/states.tsx";
import { TextField } from "../../ui/TextField.tsx";
import { problemsOfRefusal } from "./admin-view.ts";
import { LogoForm } from "./LogoForm.tsx";

type Key = keyof Settings;
/** The form's text of each setting ("" for none). */
type Form = Record<Key, string>;

const NUMBER_KEYS = [
  "minCount",
  "stayRetentionMonths",
  "accommodationDaysAhead",
] as const satisfies readonly Key[];
const KEYS: readonly Key[] = WORKSPACE_SETTINGS;
const FIELDS = Object.fromEntries(KEYS.map((k) => [k, `setting-${k}`])) as Record<Key, string>;

const formOf = (s: Settings): Form =>
  Object.fromEntries(KEYS.map((k) => [k, s[k] === null ? "" : String(s[k])])) as Form;

/** The settings the form changed, as the API takes them: "" is none, numbers are numbers. */
export function changedSettings(saved: Settings, form: Form): Partial<Settings> {
  const out: Record<string, unknown> = {};
  for (const k of KEYS) {
    const text = form[k].trim();
    const value = (NUMBER_KEYS as readonly Key[]).includes(k)
      ? text === ""
        ? Number.NaN
        : Number(text.replace(",", "."))
      : text === "" && k !== "name"
        ? null
        : text;
    if (value !== saved[k]) out[k] = value;
  }
  return out;
}

export function SettingsSection({ workspace }: { readonly workspace: string }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const path = wsPath("/api/workspace/settings", workspace);
  const settings = useQuery({
    queryKey: ["admin", workspace, "settings"],
    queryFn: () => api<Settings>(path),
  });
  const [form, setForm] = useState<Form | null>(null);
  const [problems, setProblems] = useState<readonly Problem[]>([]);
  const [saved, setSaved] = useState(false);
  const saving = useMutation({
    mutationFn: (body: Partial<Settings>) => api<Settings>(path, { method: "PUT", body }),
    onMutate: () => setSaved(false),
    onSuccess: async (next) => {
      setProblems([]);
      setForm(formOf(next));
      setSaved(true);
      // The workspace's name, minimum and review policy reach every page.
      await client.invalidateQueries({ predicate: (q) => q.queryKey.includes(workspace) });
      await client.invalidateQueries({ queryKey: ["session"] });
    },
    onError: (error) => setProblems(problemsOfRefusal(error, FIELDS)),
  });

  if (settings.isPending) return <Loading />;
  if (settings.isError) {
    return <ErrorState error={settings.error} retry={() => void settings.refetch()} />;
  }
  const current = form ?? formOf(settings.data);
  const invalid = new Set(problems.flatMap((p) => (p.field ? [p.field] : [])));
  const set = (k: Key) => (value: string) => {
    setSaved(false);
    setForm({ ...current, [k]: value });
  };
  const text = (k: Key, extra: { hint?: string; type?: string; maxLength?: number } = {}) => (
    <TextField
      id={FIELDS[k]}
      label={t(`admin.setting.${k}`)}
      type={extra.type ?? "text"}
      {...(extra.hint !== undefined ? { hint: extra.hint } : {})}
      {...(extra.maxLength !== undefined ? { maxLength: extra.maxLength } : {})}
      value={current[k]}
      onChange={set(k)}
      {...(invalid.has(FIELDS[k]) ? { "aria-invalid": true as const } : {})}
    />
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    const patch = changedSettings(settings.data!, current);
    if (Object.keys(patch).length === 0) {
      setProblems([{ message: t("admin.settingsUnchanged"), field: null }]);
      return;
    }
    saving.mutate(patch);
  }

  return (
    <section aria-labelledby="settings-title">
      <h2 id="settings-title">{t("admin.settings")}</h2>
      <form className="admin-form" aria-labelledby="settings-title" onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t("admin.settingsPublisher")}</legend>
          <div className="form-grid">
            {text("name", { maxLength: 200 })}
            {text("publisher", { hint: t("admin.setting.publisherHint"), maxLength: 200 })}
            {text("publisherAddress", { maxLength: 500 })}
            {text("municipalityKey", { hint: t("admin.setting.municipalityKeyHint") })}
            {text("contactEmail", { type: "email", maxLength: 254 })}
            {text("homepage", { type: "url" })}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t("admin.settingsOpenData")}</legend>
          <div className="form-grid">
            <SelectField
              id={FIELDS.licence}
              label={t("admin.setting.licence")}
              value={current.licence}
              options={[
                { value: "", label: t("admin.setting.licenceDefault") },
                ...OPEN_DATA_LICENCES.map((l) => ({ value: l, label: t(`admin.licence.${l}`) })),
              ]}
              onChange={set("licence")}
            />
            {text("dcatContributorId", { hint: t("admin.setting.dcatContributorIdHint") })}
            {text("attribution", { maxLength: 2000 })}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t("admin.settingsDisclosure")}</legend>
          <div className="form-grid">
            {text("minCount", { hint: t("admin.setting.minCountHint"), type: "number" })}
            <SelectField
              id={FIELDS.reviewInPublic}
              label={t("admin.setting.reviewInPublic")}
              value={current.reviewInPublic}
              options={(["provisional", "hold"] as const).map((v) => ({
                value: v,
                label: t(`admin.reviewInPublic.${v}`),
              }))}
              onChange={set("reviewInPublic")}
            />
          </div>
        </fieldset>
        <fieldset>
          <legend>{t("admin.settingsAccommodation")}</legend>
          <div className="form-grid">
            <SelectField
              id={FIELDS.occupancyReferenceDay}
              label={t("admin.setting.occupancyReferenceDay")}
              value={current.occupancyReferenceDay}
              options={[
                { value: "last", label: t("admin.referenceDay.last") },
                ...Array.from({ length: 28 }, (_, i) => ({
                  value: String(i + 1),
                  label: t("admin.referenceDay.day", { day: String(i + 1) }),
                })),
              ]}
              onChange={set("occupancyReferenceDay")}
            />
            {text("stayRetentionMonths", { type: "number" })}
            {text("accommodationDaysAhead", { type: "number" })}
          </div>
        </fieldset>
        <div className="buttons">
          <button type="submit" className="primary" disabled={saving.isPending}>
            {saving.isPending ? t("admin.busy") : t("admin.settingsSave")}
          </button>
        </div>
        {saved && (
          <p role="status" className="note">
            {t("admin.settingsSaved")}
          </p>
        )}
        {problems.length > 0 && (
          <ProblemList title={t("admin.settingsNotSaved")} problems={problems} jump={toField} />
        )}
      </form>
      <LogoForm workspace={workspace} />
    </section>
  );
}
