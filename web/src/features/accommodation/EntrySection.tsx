/**
 * The entry forms of the accommodation staff and planners: move-in (a household with its
 * persons), move-out, move to another facility, a dated capacity change, a new facility and
 * the closing of a facility (who is still housed after it comes back as notes). The form's own
 * problems and the server's findings are listed in one alert, nothing typed is lost; after a
 * change every accommodation query of the workspace is refreshed, so the statistic, the series,
 * the forecast and the monthly check show it.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent, type ReactNode } from "react";
import {
  FACILITY_TYPES,
  FACILITY_TYPE_LABELS,
  HOUSEHOLD_TYPES,
  HOUSEHOLD_TYPE_LABELS,
  LEGAL_BASES,
  LEGAL_BASIS_LABELS,
  NATIONALITY_GROUPS,
  NATIONALITY_LABELS,
  OPERATOR_KINDS,
  OPERATOR_KIND_LABELS,
  PROVISION_KINDS,
  PROVISION_KIND_LABELS,
  SEXES,
  SEX_LABELS,
  WELFARE_ASSOCIATIONS,
  WELFARE_ASSOCIATION_LABELS,
  type FacilityType,
  type HouseholdType,
  type LegalBasis,
  type NationalityGroup,
  type OperatorKind,
  type ProvisionKind,
  type Sex,
  type WelfareAssociation,
} from "@core/accommodation/model.ts";
import { api, ApiError, problemsOf, wsPath } from "../../lib/api.ts";
import { useI18n, type MessageKey } from "../../lib/i18n.tsx";
import { accommodationKeys, type Facility, type Finding } from "./accommodation-api.ts";
import {
  newFacilityForm,
  newMoveInForm,
  newPerson,
  readCapacityForm,
  readCloseForm,
  readMoveForm,
  readMoveInForm,
  readMoveOutForm,
  readNewFacilityForm,
  type FormResult,
  type MoveInForm,
  type NewFacilityForm,
  type PersonRow,
} from "./entry-forms.ts";

/** An area the new facility may lie in (the workspace's districts). */
export interface District {
  readonly code: string;
  readonly name: string;
}

type Outcome =
  | { readonly kind: "idle" }
  | { readonly kind: "problems"; readonly problems: readonly string[] }
  | { readonly kind: "saved"; readonly warnings: readonly Finding[] };

/** The findings of a refused change (`error.details.findings`), else every problem named. */
function problemsOfChange(error: unknown): string[] {
  if (error instanceof ApiError) {
    const findings = (error.details as { findings?: unknown } | undefined)?.findings;
    if (Array.isArray(findings) && findings.length > 0) {
      return (findings as Finding[]).map((f) => f.message);
    }
  }
  return problemsOf(error);
}

/** Sends a form's body, remembers the outcome and refreshes the workspace's figures. */
function useEntry(workspace: string) {
  const client = useQueryClient();
  const [outcome, setOutcome] = useState<Outcome>({ kind: "idle" });
  const [busy, setBusy] = useState(false);
  async function submit<T>(
    read: () => FormResult<T>,
    path: string,
    onSaved?: () => void,
    method: "POST" | "PATCH" = "POST",
  ) {
    const r = read();
    if (!r.ok) {
      setOutcome({ kind: "problems", problems: r.problems });
      return;
    }
    setBusy(true);
    setOutcome({ kind: "idle" });
    try {
      // Changes of stays answer with `warnings`, so does a closing; a new facility with its code.
      const answer = await api<{ readonly warnings?: readonly Finding[] }>(
        wsPath(path, workspace),
        { method, body: r.body },
      );
      setOutcome({ kind: "saved", warnings: answer.warnings ?? [] });
      onSaved?.();
      await client.invalidateQueries({ queryKey: accommodationKeys.all(workspace) });
    } catch (e) {
      setOutcome({ kind: "problems", problems: problemsOfChange(e) });
    } finally {
      setBusy(false);
    }
  }
  return { outcome, busy, submit };
}

function OutcomeBox(props: {
  readonly outcome: Outcome;
  readonly what: string;
  readonly warningsTitle: MessageKey;
}) {
  const { t } = useI18n();
  const { outcome, what } = props;
  if (outcome.kind === "problems") {
    return (
      <div role="alert" className="problems">
        <p className="form-error">{t("acc.notSaved")}</p>
        <ul>
          {outcome.problems.map((p, i) => (
            <li key={i}>{p}</li>
          ))}
        </ul>
      </div>
    );
  }
  return (
    <div role="status" className="save-outcome">
      {outcome.kind === "saved" && (
        <>
          <p>{t("acc.saved", { what })}</p>
          {outcome.warnings.length > 0 && (
            <>
              <p>{t(props.warningsTitle)}</p>
              <ul>
                {outcome.warnings.map((w, i) => (
                  <li key={i}>{w.message}</li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </div>
  );
}

function Field(props: {
  readonly id: string;
  readonly label: string;
  readonly children: ReactNode;
}) {
  return (
    <div className="control">
      <label htmlFor={props.id}>{props.label}</label>
      {props.children}
    </div>
  );
}

function Choice<K extends string>(props: {
  readonly id: string;
  readonly label: string;
  readonly value: K;
  readonly options: readonly K[];
  readonly labels: Readonly<Record<K, string>>;
  readonly onChange: (value: K) => void;
}) {
  return (
    <Field id={props.id} label={props.label}>
      <select
        id={props.id}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value as K)}
      >
        {props.options.map((o) => (
          <option key={o} value={o}>
            {props.labels[o]}
          </option>
        ))}
      </select>
    </Field>
  );
}

function FacilityChoice(props: {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly facilities: readonly Facility[];
  readonly onChange: (code: string) => void;
}) {
  return (
    <Field id={props.id} label={props.label}>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.facilities.map((f) => (
          <option key={f.code} value={f.code}>
            {f.name} ({f.code})
          </option>
        ))}
      </select>
    </Field>
  );
}

function EntryForm(props: {
  readonly id: string;
  readonly title: MessageKey;
  readonly busy: boolean;
  readonly outcome: Outcome;
  readonly onSubmit: () => void;
  /** The words above the notes of a saved change. */
  readonly warningsTitle?: MessageKey;
  /** Across the whole width of the entry section (a form with many fields). */
  readonly wide?: boolean;
  readonly children: ReactNode;
}) {
  const { t } = useI18n();
  const what = t(props.title);
  return (
    <section
      aria-labelledby={`${props.id}-title`}
      className={props.wide ? "acc-entry acc-entry-wide" : "acc-entry"}
    >
      <h3 id={`${props.id}-title`}>{what}</h3>
      <form
        aria-labelledby={`${props.id}-title`}
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          props.onSubmit();
        }}
      >
        {props.children}
        <div className="buttons">
          <button type="submit" className="primary" disabled={props.busy}>
            {props.busy ? t("acc.saving") : t("acc.save", { what })}
          </button>
        </div>
        <OutcomeBox
          outcome={props.outcome}
          what={what}
          warningsTitle={props.warningsTitle ?? "acc.warnings"}
        />
      </form>
    </section>
  );
}

function MoveInEntry(props: {
  readonly workspace: string;
  readonly facilities: readonly Facility[];
  readonly day: string;
}) {
  const { t } = useI18n();
  const [form, setForm] = useState<MoveInForm>(() =>
    newMoveInForm(props.facilities[0]?.code ?? "", props.day),
  );
  const { outcome, busy, submit } = useEntry(props.workspace);
  const set = (patch: Partial<MoveInForm>) => setForm((f) => ({ ...f, ...patch }));
  const setPerson = (i: number, patch: Partial<PersonRow>) =>
    setForm((f) => ({
      ...f,
      persons: f.persons.map((p, j) => (j === i ? { ...p, ...patch } : p)),
    }));
  return (
    <EntryForm
      id="acc-move-in"
      title="acc.moveIn"
      busy={busy}
      outcome={outcome}
      onSubmit={() =>
        void submit(
          () => readMoveInForm(form, t),
          "/api/accommodation/move-in",
          () => setForm(newMoveInForm(form.facility, form.entry)),
        )
      }
    >
      <div className="form-grid">
        <Field id="acc-in-household" label={t("acc.household")}>
          <input
            id="acc-in-household"
            value={form.household}
            autoComplete="off"
            onChange={(e) => set({ household: e.target.value })}
          />
        </Field>
        <Choice<HouseholdType>
          id="acc-in-type"
          label={t("acc.householdType")}
          value={form.householdType}
          options={HOUSEHOLD_TYPES}
          labels={HOUSEHOLD_TYPE_LABELS}
          onChange={(v) => set({ householdType: v })}
        />
        <FacilityChoice
          id="acc-in-facility"
          label={t("acc.facility")}
          value={form.facility}
          facilities={props.facilities}
          onChange={(v) => set({ facility: v })}
        />
        <Field id="acc-in-entry" label={t("acc.entryDay")}>
          <input
            id="acc-in-entry"
            type="date"
            value={form.entry}
            onChange={(e) => set({ entry: e.target.value })}
          />
        </Field>
        <Choice<LegalBasis>
          id="acc-in-legal"
          label={t("acc.legalBasis")}
          value={form.legalBasis}
          options={LEGAL_BASES}
          labels={LEGAL_BASIS_LABELS}
          onChange={(v) => set({ legalBasis: v })}
        />
      </div>
      <div className="choice">
        <label>
          <input
            type="checkbox"
            checked={form.entitled}
            onChange={(e) => set({ entitled: e.target.checked })}
          />
          {t("acc.entitled")}
        </label>
      </div>
      {form.persons.map((p, i) => {
        const n = String(i + 1);
        return (
          <fieldset key={i} className="acc-person">
            <legend>{t("acc.person", { n })}</legend>
            <div className="form-grid">
              <Field id={`acc-in-p${i}-year`} label={t("acc.birthYear")}>
                <input
                  id={`acc-in-p${i}-year`}
                  inputMode="numeric"
                  value={p.birthYear}
                  onChange={(e) => setPerson(i, { birthYear: e.target.value })}
                />
              </Field>
              <Choice<Sex>
                id={`acc-in-p${i}-sex`}
                label={t("acc.sex")}
                value={p.sex}
                options={SEXES}
                labels={SEX_LABELS}
                onChange={(v) => setPerson(i, { sex: v })}
              />
              <Choice<NationalityGroup>
                id={`acc-in-p${i}-nationality`}
                label={t("acc.nationality")}
                value={p.nationality}
                options={NATIONALITY_GROUPS}
                labels={NATIONALITY_LABELS}
                onChange={(v) => setPerson(i, { nationality: v })}
              />
            </div>
            {form.persons.length > 1 && (
              <button
                type="button"
                className="secondary"
                onClick={() => set({ persons: form.persons.filter((_, j) => j !== i) })}
              >
                {t("acc.removePerson", { n })}
              </button>
            )}
          </fieldset>
        );
      })}
      <div className="buttons">
        <button
          type="button"
          className="secondary"
          onClick={() => set({ persons: [...form.persons, newPerson()] })}
        >
          {t("acc.addPerson")}
        </button>
      </div>
    </EntryForm>
  );
}

function MoveOutEntry(props: { readonly workspace: string; readonly day: string }) {
  const { t } = useI18n();
  const [household, setHousehold] = useState("");
  const [exit, setExit] = useState(props.day);
  const { outcome, busy, submit } = useEntry(props.workspace);
  return (
    <EntryForm
      id="acc-move-out"
      title="acc.moveOut"
      busy={busy}
      outcome={outcome}
      onSubmit={() =>
        void submit(() => readMoveOutForm({ household, exit }, t), "/api/accommodation/move-out")
      }
    >
      <div className="form-grid">
        <Field id="acc-out-household" label={t("acc.household")}>
          <input
            id="acc-out-household"
            value={household}
            autoComplete="off"
            onChange={(e) => setHousehold(e.target.value)}
          />
        </Field>
        <Field id="acc-out-exit" label={t("acc.exitDay")}>
          <input
            id="acc-out-exit"
            type="date"
            value={exit}
            onChange={(e) => setExit(e.target.value)}
          />
        </Field>
      </div>
    </EntryForm>
  );
}

function MoveEntry(props: {
  readonly workspace: string;
  readonly facilities: readonly Facility[];
  readonly day: string;
}) {
  const { t } = useI18n();
  const [household, setHousehold] = useState("");
  const [to, setTo] = useState(props.facilities[0]?.code ?? "");
  const [day, setDay] = useState(props.day);
  const { outcome, busy, submit } = useEntry(props.workspace);
  return (
    <EntryForm
      id="acc-move"
      title="acc.move"
      busy={busy}
      outcome={outcome}
      onSubmit={() =>
        void submit(() => readMoveForm({ household, to, day }, t), "/api/accommodation/move")
      }
    >
      <div className="form-grid">
        <Field id="acc-move-household" label={t("acc.household")}>
          <input
            id="acc-move-household"
            value={household}
            autoComplete="off"
            onChange={(e) => setHousehold(e.target.value)}
          />
        </Field>
        <FacilityChoice
          id="acc-move-to"
          label={t("acc.target")}
          value={to}
          facilities={props.facilities}
          onChange={setTo}
        />
        <Field id="acc-move-day" label={t("acc.moveDay")}>
          <input
            id="acc-move-day"
            type="date"
            value={day}
            onChange={(e) => setDay(e.target.value)}
          />
        </Field>
      </div>
    </EntryForm>
  );
}

function CapacityEntry(props: {
  readonly workspace: string;
  readonly facilities: readonly Facility[];
  readonly day: string;
}) {
  const { t } = useI18n();
  const [facility, setFacility] = useState(props.facilities[0]?.code ?? "");
  const [from, setFrom] = useState(props.day);
  const [places, setPlaces] = useState("");
  const [units, setUnits] = useState("");
  const { outcome, busy, submit } = useEntry(props.workspace);
  return (
    <EntryForm
      id="acc-capacity"
      title="acc.capacity"
      busy={busy}
      outcome={outcome}
      onSubmit={() =>
        void submit(
          () => readCapacityForm({ from, places, units }, t),
          `/api/accommodation/facilities/${encodeURIComponent(facility)}/capacity`,
        )
      }
    >
      <div className="form-grid">
        <FacilityChoice
          id="acc-cap-facility"
          label={t("acc.facility")}
          value={facility}
          facilities={props.facilities}
          onChange={setFacility}
        />
        <Field id="acc-cap-from" label={t("acc.from")}>
          <input
            id="acc-cap-from"
            type="date"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
          />
        </Field>
        <Field id="acc-cap-places" label={t("acc.places")}>
          <input
            id="acc-cap-places"
            inputMode="numeric"
            value={places}
            onChange={(e) => setPlaces(e.target.value)}
          />
        </Field>
        <Field id="acc-cap-units" label={t("acc.units")}>
          <input
            id="acc-cap-units"
            inputMode="numeric"
            value={units}
            onChange={(e) => setUnits(e.target.value)}
          />
        </Field>
      </div>
    </EntryForm>
  );
}

function NewFacilityEntry(props: {
  readonly workspace: string;
  readonly districts: readonly District[];
  readonly day: string;
}) {
  const { t } = useI18n();
  const [form, setForm] = useState<NewFacilityForm>(() => newFacilityForm(props.day));
  const { outcome, busy, submit } = useEntry(props.workspace);
  const set = (patch: Partial<NewFacilityForm>) => setForm((f) => ({ ...f, ...patch }));
  const associations: readonly (WelfareAssociation | "")[] = ["", ...WELFARE_ASSOCIATIONS];
  const districts: readonly string[] = ["", ...props.districts.map((d) => d.code)];
  return (
    <EntryForm
      id="acc-new-facility"
      title="acc.newFacility"
      wide
      busy={busy}
      outcome={outcome}
      onSubmit={() =>
        void submit(
          () => readNewFacilityForm(form, t),
          "/api/accommodation/facilities",
          () => setForm(newFacilityForm(props.day)),
        )
      }
    >
      <div className="form-grid">
        <Field id="acc-new-code" label={t("acc.code")}>
          <input
            id="acc-new-code"
            value={form.code}
            maxLength={64}
            autoComplete="off"
            onChange={(e) => set({ code: e.target.value })}
          />
        </Field>
        <Field id="acc-new-name" label={t("acc.name")}>
          <input
            id="acc-new-name"
            value={form.name}
            maxLength={200}
            autoComplete="off"
            onChange={(e) => set({ name: e.target.value })}
          />
        </Field>
        <Field id="acc-new-opened" label={t("acc.opening")}>
          <input
            id="acc-new-opened"
            type="date"
            value={form.opened}
            onChange={(e) => set({ opened: e.target.value })}
          />
        </Field>
        <Field id="acc-new-address" label={t("acc.address")}>
          <input
            id="acc-new-address"
            value={form.address}
            maxLength={300}
            autoComplete="off"
            onChange={(e) => set({ address: e.target.value })}
          />
        </Field>
        {props.districts.length > 0 && (
          <Choice<string>
            id="acc-new-area"
            label={t("acc.area")}
            value={form.areaCode}
            options={districts}
            labels={Object.fromEntries([
              ["", t("acc.none")],
              ...props.districts.map((d) => [d.code, d.name]),
            ])}
            onChange={(v) => set({ areaCode: v })}
          />
        )}
      </div>
      <div className="acc-fields">
        <Choice<FacilityType>
          id="acc-new-type"
          label={t("acc.facilityType")}
          value={form.type}
          options={FACILITY_TYPES}
          labels={FACILITY_TYPE_LABELS}
          onChange={(v) => set({ type: v })}
        />
        <Choice<ProvisionKind>
          id="acc-new-provision"
          label={t("acc.provision")}
          value={form.provision}
          options={PROVISION_KINDS}
          labels={PROVISION_KIND_LABELS}
          onChange={(v) => set({ provision: v })}
        />
      </div>
      <fieldset className="acc-group">
        <legend>{t("acc.operator")}</legend>
        <div className="acc-fields">
          <Field id="acc-new-operator" label={t("acc.operatorName")}>
            <input
              id="acc-new-operator"
              value={form.operatorName}
              maxLength={200}
              autoComplete="off"
              onChange={(e) => set({ operatorName: e.target.value })}
            />
          </Field>
          <Choice<OperatorKind>
            id="acc-new-operator-kind"
            label={t("acc.operatorKind")}
            value={form.operatorKind}
            options={OPERATOR_KINDS}
            labels={OPERATOR_KIND_LABELS}
            onChange={(v) => set({ operatorKind: v })}
          />
          {form.operatorKind === "free_provider" && (
            <Choice<WelfareAssociation | "">
              id="acc-new-association"
              label={t("acc.association")}
              value={form.association}
              options={associations}
              labels={{ "": t("acc.none"), ...WELFARE_ASSOCIATION_LABELS }}
              onChange={(v) => set({ association: v })}
            />
          )}
        </div>
      </fieldset>
      <fieldset className="acc-group">
        <legend>{t("acc.capacityFromOpening")}</legend>
        <div className="form-grid">
          <Field id="acc-new-places" label={t("acc.places")}>
            <input
              id="acc-new-places"
              inputMode="numeric"
              value={form.places}
              onChange={(e) => set({ places: e.target.value })}
            />
          </Field>
          <Field id="acc-new-units" label={t("acc.units")}>
            <input
              id="acc-new-units"
              inputMode="numeric"
              value={form.units}
              onChange={(e) => set({ units: e.target.value })}
            />
          </Field>
        </div>
      </fieldset>
      <fieldset className="acc-group">
        <legend>{t("acc.features")}</legend>
        <div className="choice">
          <label>
            <input
              type="checkbox"
              checked={form.wheelchairAccess}
              onChange={(e) => set({ wheelchairAccess: e.target.checked })}
            />
            {t("acc.wheelchairAccess")}
          </label>
          <label>
            <input
              type="checkbox"
              checked={form.familyRooms}
              onChange={(e) => set({ familyRooms: e.target.checked })}
            />
            {t("acc.hasFamilyRooms")}
          </label>
        </div>
      </fieldset>
    </EntryForm>
  );
}

function CloseFacilityEntry(props: {
  readonly workspace: string;
  /** The facilities still open (not closed before today). */
  readonly facilities: readonly Facility[];
  readonly day: string;
}) {
  const { t } = useI18n();
  const [picked, setPicked] = useState("");
  const [closed, setClosed] = useState(props.day);
  const { outcome, busy, submit } = useEntry(props.workspace);
  // A facility closed a moment ago leaves the list: the choice falls back to the first.
  const facility = props.facilities.some((f) => f.code === picked)
    ? picked
    : (props.facilities[0]?.code ?? "");
  return (
    <EntryForm
      id="acc-close-facility"
      title="acc.closeFacility"
      warningsTitle="acc.closeWarnings"
      busy={busy}
      outcome={outcome}
      onSubmit={() =>
        void submit(
          () => readCloseForm({ facility, closed }, t),
          `/api/accommodation/facilities/${encodeURIComponent(facility)}`,
          undefined,
          "PATCH",
        )
      }
    >
      <div className="acc-fields">
        <FacilityChoice
          id="acc-close-facility-code"
          label={t("acc.facility")}
          value={facility}
          facilities={props.facilities}
          onChange={setPicked}
        />
        <Field id="acc-close-day" label={t("acc.closingDay")}>
          <input
            id="acc-close-day"
            type="date"
            value={closed}
            onChange={(e) => setClosed(e.target.value)}
          />
        </Field>
      </div>
    </EntryForm>
  );
}

export function EntrySection(props: {
  readonly workspace: string;
  readonly facilities: readonly Facility[];
  /** The districts a new facility may lie in, by name. */
  readonly districts: readonly District[];
  /** The day the date fields start with (today). */
  readonly day: string;
}) {
  const { t } = useI18n();
  const open = props.facilities.filter((f) => f.closed === null || f.closed >= props.day);
  return (
    <section aria-labelledby="acc-entry-title">
      <h2 id="acc-entry-title">{t("acc.entry")}</h2>
      <p className="note">{t("acc.entryIntro")}</p>
      <div className="acc-entries">
        <MoveInEntry workspace={props.workspace} facilities={open} day={props.day} />
        <MoveOutEntry workspace={props.workspace} day={props.day} />
        <MoveEntry workspace={props.workspace} facilities={open} day={props.day} />
        <CapacityEntry workspace={props.workspace} facilities={props.facilities} day={props.day} />
        <NewFacilityEntry workspace={props.workspace} districts={props.districts} day={props.day} />
        <CloseFacilityEntry workspace={props.workspace} facilities={open} day={props.day} />
      </div>
    </section>
  );
}
