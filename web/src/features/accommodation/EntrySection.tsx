/**
 * The entry forms of the accommodation staff and planners: move-in (a household with its
 * persons), move-out, move to another facility, a dated capacity change, a new facility
 * (NewFacilityEntry.tsx) and the closing of a facility (who is still housed after it comes back
 * as notes). The form's own problems and the server's findings are listed in one alert, nothing
 * typed is lost; after a change every accommodation query of the workspace is refreshed, so the
 * statistic, the series, the forecast and the monthly check show it (EntryForm.tsx).
 */
import { useState } from "react";
import {
  HOUSEHOLD_TYPES,
  HOUSEHOLD_TYPE_LABELS,
  LEGAL_BASES,
  LEGAL_BASIS_LABELS,
  NATIONALITY_GROUPS,
  NATIONALITY_LABELS,
  SEXES,
  SEX_LABELS,
  type HouseholdType,
  type LegalBasis,
  type NationalityGroup,
  type Sex,
} from "@core/accommodation/model.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { TextField } from "../../ui/TextField.tsx";
import type { Facility } from "./accommodation-api.ts";
import { Choice, EntryForm, FacilityChoice, useEntry } from "./EntryForm.tsx";
import { NewFacilityEntry, type District } from "./NewFacilityEntry.tsx";
import {
  newMoveInForm,
  newPerson,
  readCapacityForm,
  readCloseForm,
  readMoveForm,
  readMoveInForm,
  readMoveOutForm,
  type MoveInForm,
  type PersonRow,
} from "./entry-forms.ts";

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
        submit(
          () => readMoveInForm(form, t),
          "/api/accommodation/move-in",
          () => setForm(newMoveInForm(form.facility, form.entry)),
        )
      }
    >
      <div className="form-grid">
        <TextField
          id="acc-in-household"
          label={t("acc.household")}
          value={form.household}
          autoComplete="off"
          onChange={(household) => set({ household })}
        />
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
        <TextField
          id="acc-in-entry"
          label={t("acc.entryDay")}
          type="date"
          value={form.entry}
          onChange={(entry) => set({ entry })}
        />
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
              <TextField
                id={`acc-in-p${i}-year`}
                label={t("acc.birthYear")}
                inputMode="numeric"
                value={p.birthYear}
                onChange={(birthYear) => setPerson(i, { birthYear })}
              />
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
        submit(() => readMoveOutForm({ household, exit }, t), "/api/accommodation/move-out")
      }
    >
      <div className="form-grid">
        <TextField
          id="acc-out-household"
          label={t("acc.household")}
          value={household}
          autoComplete="off"
          onChange={setHousehold}
        />
        <TextField
          id="acc-out-exit"
          label={t("acc.exitDay")}
          type="date"
          value={exit}
          onChange={setExit}
        />
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
        submit(() => readMoveForm({ household, to, day }, t), "/api/accommodation/move")
      }
    >
      <div className="form-grid">
        <TextField
          id="acc-move-household"
          label={t("acc.household")}
          value={household}
          autoComplete="off"
          onChange={setHousehold}
        />
        <FacilityChoice
          id="acc-move-to"
          label={t("acc.target")}
          value={to}
          facilities={props.facilities}
          onChange={setTo}
        />
        <TextField
          id="acc-move-day"
          label={t("acc.moveDay")}
          type="date"
          value={day}
          onChange={setDay}
        />
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
        submit(
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
        <TextField
          id="acc-cap-from"
          label={t("acc.from")}
          type="date"
          value={from}
          onChange={setFrom}
        />
        <TextField
          id="acc-cap-places"
          label={t("acc.places")}
          inputMode="numeric"
          value={places}
          onChange={setPlaces}
        />
        <TextField
          id="acc-cap-units"
          label={t("acc.units")}
          inputMode="numeric"
          value={units}
          onChange={setUnits}
        />
      </div>
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
        submit(
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
        <TextField
          id="acc-close-day"
          label={t("acc.closingDay")}
          type="date"
          value={closed}
          onChange={setClosed}
        />
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
