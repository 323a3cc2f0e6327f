/**
 * The form for a new facility: code, name, opening day, address and district, type and
 * provision, operator (with the welfare association of a free provider), the capacity from the
 * opening and its features.
 */
import { useState } from "react";
import {
  FACILITY_TYPES,
  FACILITY_TYPE_LABELS,
  OPERATOR_KINDS,
  OPERATOR_KIND_LABELS,
  PROVISION_KINDS,
  PROVISION_KIND_LABELS,
  WELFARE_ASSOCIATIONS,
  WELFARE_ASSOCIATION_LABELS,
  type FacilityType,
  type OperatorKind,
  type ProvisionKind,
  type WelfareAssociation,
} from "@core/accommodation/model.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { TextField } from "../../ui/TextField.tsx";
import { Choice, EntryForm, useEntry } from "./EntryForm.tsx";
import { newFacilityForm, readNewFacilityForm, type NewFacilityForm } from "./entry-forms.ts";

/** An area the new facility may lie in (the workspace's districts). */
export interface District {
  readonly code: string;
  readonly name: string;
}

export function NewFacilityEntry(props: {
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
        submit(
          () => readNewFacilityForm(form, t),
          "/api/accommodation/facilities",
          () => setForm(newFacilityForm(props.day)),
        )
      }
    >
      <div className="form-grid">
        <TextField
          id="acc-new-code"
          label={t("acc.code")}
          value={form.code}
          maxLength={64}
          autoComplete="off"
          onChange={(code) => set({ code })}
        />
        <TextField
          id="acc-new-name"
          label={t("acc.name")}
          value={form.name}
          maxLength={200}
          autoComplete="off"
          onChange={(name) => set({ name })}
        />
        <TextField
          id="acc-new-opened"
          label={t("acc.opening")}
          type="date"
          value={form.opened}
          onChange={(opened) => set({ opened })}
        />
        <TextField
          id="acc-new-address"
          label={t("acc.address")}
          value={form.address}
          maxLength={300}
          autoComplete="off"
          onChange={(address) => set({ address })}
        />
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
          <TextField
            id="acc-new-operator"
            label={t("acc.operatorName")}
            value={form.operatorName}
            maxLength={200}
            autoComplete="off"
            onChange={(operatorName) => set({ operatorName })}
          />
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
          <TextField
            id="acc-new-places"
            label={t("acc.places")}
            inputMode="numeric"
            value={form.places}
            onChange={(places) => set({ places })}
          />
          <TextField
            id="acc-new-units"
            label={t("acc.units")}
            inputMode="numeric"
            value={form.units}
            onChange={(units) => set({ units })}
          />
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
