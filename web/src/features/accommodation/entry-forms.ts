/**
 * The entry forms of the accommodation staff as plain data: what the fields hold (text, as
 * typed) and how a form becomes a request body, with every problem the form itself can see
 * named in German before anything is sent. The server checks the rest (overlaps, exit before
 * entry, unknown households, a facility code already taken, closing before opening) and
 * answers with its findings.
 */
import type {
  FacilityType,
  HouseholdType,
  LegalBasis,
  NationalityGroup,
  OperatorKind,
  ProvisionKind,
  Sex,
  WelfareAssociation,
} from "@core/accommodation/model.ts";
import type {
  CapacityChange,
  FacilityChange,
  Move,
  MoveIn,
  MoveOut,
  NewFacility,
} from "./accommodation-api.ts";
import type { Translate } from "./statistic-tables.ts";

export type FormResult<T> =
  | { readonly ok: true; readonly body: T }
  | { readonly ok: false; readonly problems: readonly string[] };

export interface PersonRow {
  readonly birthYear: string;
  readonly sex: Sex;
  readonly nationality: NationalityGroup;
}

export interface MoveInForm {
  readonly household: string;
  readonly householdType: HouseholdType;
  readonly persons: readonly PersonRow[];
  readonly facility: string;
  readonly entry: string;
  readonly legalBasis: LegalBasis;
  readonly entitled: boolean;
}

export const newPerson = (): PersonRow => ({
  birthYear: "",
  sex: "unknown",
  nationality: "german",
});

export function newMoveInForm(facility: string, entry: string): MoveInForm {
  return {
    household: "",
    householdType: "single",
    persons: [newPerson()],
    facility,
    entry,
    legalBasis: "public_order",
    entitled: false,
  };
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const WHOLE = /^\d+$/;

/**
 * The move-in body: the household with its size (the number of persons), each person with a
 * pseudonym made from the household's ("H-17-P1", "H-17-P2" …) and a birth year or none.
 */
export function readMoveInForm(form: MoveInForm, t: Translate): FormResult<MoveIn> {
  const problems: string[] = [];
  const household = form.household.trim();
  if (household === "") problems.push(t("acc.problem.household"));
  if (!ISO_DAY.test(form.entry)) problems.push(t("acc.problem.day", { field: t("acc.entryDay") }));
  if (form.persons.length === 0) problems.push(t("acc.problem.persons"));
  const persons = form.persons.map((p, i) => {
    const text = p.birthYear.trim();
    const year = Number(text);
    const ok = text === "" || (WHOLE.test(text) && year >= 1900 && year <= 2100);
    if (!ok) problems.push(t("acc.problem.birthYear", { n: String(i + 1), text }));
    return {
      id: `${household}-P${i + 1}`,
      household,
      birthYear: text === "" || !ok ? null : year,
      sex: p.sex,
      nationality: p.nationality,
    };
  });
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    body: {
      household: { id: household, type: form.householdType, size: persons.length },
      persons,
      facility: form.facility,
      entry: form.entry,
      legalBasis: form.legalBasis,
      entitledToFlat: form.entitled,
    },
  };
}

export function readMoveOutForm(
  form: { readonly household: string; readonly exit: string },
  t: Translate,
): FormResult<MoveOut> {
  const problems: string[] = [];
  const household = form.household.trim();
  if (household === "") problems.push(t("acc.problem.household"));
  if (!ISO_DAY.test(form.exit)) problems.push(t("acc.problem.day", { field: t("acc.exitDay") }));
  return problems.length > 0
    ? { ok: false, problems }
    : { ok: true, body: { household, exit: form.exit } };
}

export function readMoveForm(
  form: { readonly household: string; readonly to: string; readonly day: string },
  t: Translate,
): FormResult<Move> {
  const problems: string[] = [];
  const household = form.household.trim();
  if (household === "") problems.push(t("acc.problem.household"));
  if (!ISO_DAY.test(form.day)) problems.push(t("acc.problem.day", { field: t("acc.moveDay") }));
  return problems.length > 0
    ? { ok: false, problems }
    : { ok: true, body: { household, to: form.to, day: form.day } };
}

export function readCapacityForm(
  form: { readonly from: string; readonly places: string; readonly units: string },
  t: Translate,
): FormResult<CapacityChange> {
  const problems: string[] = [];
  if (!ISO_DAY.test(form.from)) problems.push(t("acc.problem.day", { field: t("acc.from") }));
  const { places, units } = checkedCapacity(form, problems, t);
  return problems.length > 0
    ? { ok: false, problems }
    : { ok: true, body: { from: form.from, places: Number(places), units: Number(units) } };
}

export interface NewFacilityForm {
  readonly code: string;
  readonly name: string;
  readonly type: FacilityType;
  readonly operatorName: string;
  readonly operatorKind: OperatorKind;
  /** "" for none; sent only for a free provider. */
  readonly association: WelfareAssociation | "";
  readonly provision: ProvisionKind;
  readonly opened: string;
  readonly places: string;
  readonly units: string;
  readonly address: string;
  /** "" for none. */
  readonly areaCode: string;
  readonly wheelchairAccess: boolean;
  readonly familyRooms: boolean;
}

export function newFacilityForm(opened: string): NewFacilityForm {
  return {
    code: "",
    name: "",
    type: "homeless_shelter",
    operatorName: "",
    operatorKind: "municipality",
    association: "",
    provision: "short_term",
    opened,
    places: "",
    units: "",
    address: "",
    areaCode: "",
    wheelchairAccess: false,
    familyRooms: false,
  };
}

/**
 * The new facility's body: open from the opening day with one capacity entry from that day;
 * the welfare association only for a free provider, empty address and area as none.
 */
export function readNewFacilityForm(form: NewFacilityForm, t: Translate): FormResult<NewFacility> {
  const problems: string[] = [];
  const code = form.code.trim();
  const name = form.name.trim();
  const operatorName = form.operatorName.trim();
  const address = form.address.trim();
  if (code === "") problems.push(t("acc.problem.code"));
  if (name === "") problems.push(t("acc.problem.name"));
  if (operatorName === "") problems.push(t("acc.problem.operator"));
  if (!ISO_DAY.test(form.opened)) problems.push(t("acc.problem.day", { field: t("acc.opening") }));
  const { places, units } = checkedCapacity(form, problems, t);
  if (problems.length > 0) return { ok: false, problems };
  const free = form.operatorKind === "free_provider";
  return {
    ok: true,
    body: {
      code,
      name,
      type: form.type,
      operator: {
        name: operatorName,
        kind: form.operatorKind,
        association: free && form.association !== "" ? form.association : null,
      },
      provision: form.provision,
      opened: form.opened,
      closed: null,
      capacity: [{ from: form.opened, places: Number(places), units: Number(units) }],
      address: address === "" ? null : address,
      areaCode: form.areaCode === "" ? null : form.areaCode,
      wheelchairAccess: form.wheelchairAccess,
      familyRooms: form.familyRooms,
    },
  };
}

/** Closing a facility: its last day. Closing before the opening the server refuses. */
export function readCloseForm(
  form: { readonly facility: string; readonly closed: string },
  t: Translate,
): FormResult<FacilityChange> {
  const problems: string[] = [];
  if (form.facility === "") problems.push(t("acc.problem.facility"));
  if (!ISO_DAY.test(form.closed)) {
    problems.push(t("acc.problem.day", { field: t("acc.closingDay") }));
  }
  return problems.length > 0
    ? { ok: false, problems }
    : { ok: true, body: { closed: form.closed } };
}

/** The places and units typed, trimmed; a missing or not whole number is added to `problems`. */
function checkedCapacity(
  form: { readonly places: string; readonly units: string },
  problems: string[],
  t: Translate,
): { places: string; units: string } {
  const places = form.places.trim();
  const units = form.units.trim();
  if (places === "") problems.push(t("acc.problem.placesMissing"));
  else if (!WHOLE.test(places)) problems.push(t("acc.problem.places", { text: places }));
  if (units === "") problems.push(t("acc.problem.unitsMissing"));
  else if (!WHOLE.test(units)) problems.push(t("acc.problem.units", { text: units }));
  return { places, units };
}
