/**
 * The WoBerichtsG delivery of a year (the federal statistic of housed homeless persons):
 * computed from the records, or as delivered while it is marked delivered, with the changes
 * against the delivery before. It holds person records, so the read is audited.
 */
import {
  compareDeliveries,
  type Delivery,
  type DeliveryChanges,
} from "../../core/accommodation/closing.ts";
import { federalStatistic } from "../../core/accommodation/federal-statistic.ts";
import { closedPeriodVersions } from "../../storage/closed-periods.repo.ts";
import { AppError } from "../app-error.ts";
import type { Actor } from "../audit.ts";
import type { ServiceContext } from "../context.ts";
import type { Workspace } from "../workspaces.ts";
import { loadRecords, readRecords } from "./records.ts";

/** A delivery as stored when it was marked delivered (records removed after retention). */
export interface StoredDelivery extends Delivery {
  /** Set when the records were deleted under the retention rule (the summary stays). */
  readonly recordsDeletedOn?: string;
}

/** Where a year's WoBerichtsG delivery stands, for the accommodation staff and planners. */
export interface DeliveryState {
  readonly state: "open" | "delivered" | "reopened";
  /** The latest version marked delivered; 0 before the first. */
  readonly version: number;
  readonly deliveredAt: string | null;
  readonly deliveredBy: string | null;
  readonly reopenedAt: string | null;
  readonly reopenedBy: string | null;
  readonly reason: string | null;
  /** Delivered again after a reopening: the file is a revision ("r"). */
  readonly revised: boolean;
  /** The delivery the changes are against: the one before a revision, or the one delivered while reopened. */
  readonly comparedWith: { readonly version: number; readonly deliveredAt: string } | null;
  readonly changes: DeliveryChanges | null;
  /** The day the delivered records were deleted under the retention rule, if they were. */
  readonly recordsDeletedOn: string | null;
}

function requireMunicipalityKey(ws: Workspace): string {
  if (!ws.municipalityKey) {
    throw new AppError(
      "invalid_input",
      "Für die Bundesstatistik fehlt der Amtliche Gemeindeschlüssel des Arbeitsbereichs.",
    );
  }
  return ws.municipalityKey;
}

/** The delivery of `year` computed from the records now (not audited: it stays in the service). */
export async function liveFederalDelivery(
  ctx: ServiceContext,
  ws: Workspace,
  year: number,
): Promise<Delivery> {
  const key = requireMunicipalityKey(ws);
  const r = await loadRecords(ctx, ws);
  return federalStatistic(year, key, r.facilities, r.households, r.persons, r.stays);
}

/**
 * The WoBerichtsG delivery of `year` with its state: as delivered while it is marked
 * delivered, else computed from the records (while reopened: with the changes against the
 * delivered file). It holds person records, so the read is audited.
 */
export async function federalDelivery(
  ctx: ServiceContext,
  ws: Workspace,
  year: number,
  actor: Actor,
): Promise<Delivery & { readonly delivery: DeliveryState }> {
  const key = requireMunicipalityKey(ws);
  const versions = await closedPeriodVersions(ctx.db.orm, ws.id, "federal", String(year));
  const latest = versions.at(-1);
  const r = await readRecords(ctx, ws, actor, `Bundesstatistik ${year}`);
  const live = (): Delivery =>
    federalStatistic(year, key, r.facilities, r.households, r.persons, r.stays);
  const stored = (row: (typeof versions)[number]) => row.content as StoredDelivery;
  const base = {
    version: latest?.version ?? 0,
    deliveredAt: latest?.closedAt.toISOString() ?? null,
    deliveredBy: latest?.closedBy ?? null,
    reopenedAt: latest?.reopenedAt?.toISOString() ?? null,
    reopenedBy: latest?.reopenedBy ?? null,
    reason: latest?.reopenReason ?? null,
    recordsDeletedOn: latest ? (stored(latest).recordsDeletedOn ?? null) : null,
  };
  if (latest === undefined) {
    return {
      ...live(),
      delivery: { ...base, state: "open", revised: false, comparedWith: null, changes: null },
    };
  }
  if (latest.reopenedAt !== null) {
    const now = live();
    return {
      ...now,
      delivery: {
        ...base,
        state: "reopened",
        revised: false,
        comparedWith: { version: latest.version, deliveredAt: latest.closedAt.toISOString() },
        changes: compareDeliveries(stored(latest), now),
      },
    };
  }
  const before = versions.at(-2);
  const delivered = stored(latest);
  return {
    records: delivered.records,
    summary: delivered.summary,
    delivery: {
      ...base,
      state: "delivered",
      revised: before !== undefined,
      comparedWith: before
        ? { version: before.version, deliveredAt: before.closedAt.toISOString() }
        : null,
      changes: before ? compareDeliveries(stored(before), delivered) : null,
    },
  };
}
