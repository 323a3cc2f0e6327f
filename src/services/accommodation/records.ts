/**
 * Reading and storing the accommodation records: facilities with their dated capacity, and the
 * pseudonymous households, persons and stays. Stays are personal data: who may read them is
 * the route's rule (occupancy staff and planners), and every read that leaves the service
 * (`readRecords`) is audited. Counting rules and methods: docs/methods/occupancy.md.
 */
import type { Facility, Household, Person, Stay } from "../../core/accommodation/model.ts";
import {
  insertAccommodationRecords,
  listFacilities,
  loadAccommodationRecords,
  type FacilityCapacityRow,
  type FacilityRow,
} from "../../storage/accommodation.repo.ts";
import { recordMonthSpan } from "../../storage/occupancy.repo.ts";
import type { Orm } from "../../storage/db.ts";
import { audit, type Actor } from "../audit.ts";
import type { ServiceContext } from "../context.ts";
import type { Workspace } from "../workspaces.ts";

export interface FacilityView extends Facility {
  readonly address: string | null;
  readonly areaCode: string | null;
  readonly wheelchairAccess: boolean;
  readonly familyRooms: boolean;
  /** Made by the generator of example data ("Beispieldaten"), never by a person's entry. */
  readonly example: boolean;
}

function facilityView(f: FacilityRow, capacity: readonly FacilityCapacityRow[]): FacilityView {
  return {
    code: f.code,
    name: f.name,
    type: f.type,
    operator: { name: f.operatorName, kind: f.operatorKind, association: f.association },
    provision: f.provision,
    opened: f.opened,
    closed: f.closed,
    capacity: capacity.map((c) => ({ from: c.validFrom, places: c.places, units: c.units })),
    address: f.address,
    areaCode: f.areaCode,
    wheelchairAccess: f.wheelchairAccess,
    familyRooms: f.familyRooms,
    example: f.example,
  };
}

export async function getFacilities(ctx: ServiceContext, ws: Workspace): Promise<FacilityView[]> {
  return (await listFacilities(ctx.db.orm, ws.id)).map((r) => facilityView(r.facility, r.capacity));
}

/** The first and last month with records or stored figures; null for a workspace without any. */
export function recordSpan(ctx: ServiceContext, ws: Workspace) {
  return recordMonthSpan(ctx.db.orm, ws.id);
}

export interface AccommodationRecords {
  readonly facilities: FacilityView[];
  readonly households: Household[];
  readonly persons: Person[];
  readonly stays: Stay[];
}

/** Every record of the workspace, for computing (not audited: nothing leaves the service). */
export async function loadRecords(
  ctx: ServiceContext,
  ws: Workspace,
): Promise<AccommodationRecords> {
  const [facilities, r] = await Promise.all([
    getFacilities(ctx, ws),
    loadAccommodationRecords(ctx.db.orm, ws.id),
  ]);
  return { facilities, households: r.households, persons: r.persons, stays: r.stays };
}

/** The records for a person with the right to see them; the read is audited. */
export async function readRecords(
  ctx: ServiceContext,
  ws: Workspace,
  actor: Actor,
  purpose: string,
): Promise<AccommodationRecords> {
  const records = await loadRecords(ctx, ws);
  await audit(ctx.db.orm, ctx, actor, [
    {
      workspaceId: ws.id,
      action: "read",
      entity: "stay",
      entityKey: "*",
      after: { purpose, stays: records.stays.length },
    },
  ]);
  return records;
}

/** Households, persons and stays delivered together (new records, or a change's new ones). */
export interface RecordDelivery {
  readonly households: readonly Household[];
  readonly persons: readonly Person[];
  readonly stays: readonly Stay[];
}

/** Writes new records with their pseudonyms and codes (inside the caller's transaction). */
export function storeRecords(orm: Orm, ws: Workspace, records: RecordDelivery): Promise<void> {
  return insertAccommodationRecords(orm, ws.id, {
    households: records.households.map((h) => ({ pseudonym: h.id, type: h.type, size: h.size })),
    persons: records.persons.map((p) => ({
      pseudonym: p.id,
      household: p.household,
      birthYear: p.birthYear,
      sex: p.sex,
      nationality: p.nationality,
    })),
    stays: records.stays.map((s) => ({ ...s, code: s.id })),
  });
}
