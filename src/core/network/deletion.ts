/**
 * Deletion rules for personal data in the network, after the scheme of DIN 66398 (Leitlinie zur
 * Entwicklung eines Löschkonzepts): every kind of personal data belongs to one named deletion
 * class, a class is a retention period counted from a start event, and a record is due when
 * its start event lies that long in the past. Pure: the service finds the due records, deletes
 * them and audits that (not what) it deleted.
 */

/** What starts the retention period of a record. */
export type StartEvent = "last_contact" | "membership_end" | "meeting_date" | "consent_withdrawn";

export interface DeletionClass {
  readonly code: string;
  /** What the class is for, in German, e.g. "Kontaktdaten von Ansprechpersonen". */
  readonly name: string;
  readonly startEvent: StartEvent;
  /** Whole months after the start event; 0: at once. */
  readonly months: number;
}

/** The classes Sopla brings along; a workspace may set longer or shorter periods. */
export const DEFAULT_DELETION_CLASSES: readonly DeletionClass[] = [
  {
    code: "kontakt-2j",
    name: "Kontaktdaten von Ansprechpersonen",
    startEvent: "last_contact",
    months: 24,
  },
  {
    code: "mitglied-1j",
    name: "Mitgliedschaft in Arbeitsgruppen",
    startEvent: "membership_end",
    months: 12,
  },
  { code: "teilnahme-3j", name: "Teilnahme an Sitzungen", startEvent: "meeting_date", months: 36 },
  {
    code: "widerruf-0",
    name: "Daten nach Widerruf der Einwilligung",
    startEvent: "consent_withdrawn",
    months: 0,
  },
];

/** A record with its class and the day its start event happened (ISO date); null: not yet. */
export interface HeldRecord {
  readonly id: string;
  readonly deletionClass: string;
  readonly startedOn: string | null;
}

/** The day `months` whole months after `iso` (the month's last day where it is shorter). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

export interface DueRecord {
  readonly id: string;
  readonly deletionClass: string;
  /** The first day the record may no longer be held. */
  readonly dueOn: string;
}

/**
 * The records due for deletion on `today`, oldest due first. A record of an unknown class is
 * an error, not kept silently: the caller must fix the class.
 */
export function dueForDeletion(
  records: readonly HeldRecord[],
  classes: readonly DeletionClass[],
  today: string,
): { due: DueRecord[]; unknownClass: string[] } {
  const byCode = new Map(classes.map((c) => [c.code, c]));
  const due: DueRecord[] = [];
  const unknownClass: string[] = [];
  for (const r of records) {
    const c = byCode.get(r.deletionClass);
    if (!c) {
      unknownClass.push(r.id);
      continue;
    }
    if (r.startedOn === null) continue;
    const dueOn = addMonths(r.startedOn, c.months);
    if (dueOn <= today) due.push({ id: r.id, deletionClass: c.code, dueOn });
  }
  due.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.id.localeCompare(b.id));
  return { due, unknownClass };
}
