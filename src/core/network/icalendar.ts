/**
 * Meetings as an iCalendar feed (RFC 5545): one VCALENDAR with a VEVENT per meeting, times in
 * Europe/Berlin with the zone's rules written out (VTIMEZONE), so every calendar program shows
 * the meeting at the local time it was agreed. A meeting keeps its UID for life: a change raises
 * its SEQUENCE, a cancellation sends it once more with STATUS:CANCELLED, so calendars update or
 * remove the event they already hold instead of adding a second one. Pure: text in, text out.
 */

/** One meeting as the feed shows it. */
export interface CalendarMeeting {
  /** Stable for the meeting's life, e.g. `meeting-42@flensburg.sopla`. */
  readonly uid: string;
  readonly title: string;
  /** Local wall-clock time in Europe/Berlin, `YYYY-MM-DDTHH:MM`. */
  readonly start: string;
  readonly end: string;
  readonly place?: string | null;
  readonly description?: string | null;
  /** Raised by one with every change the participants should see. */
  readonly sequence: number;
  readonly cancelled: boolean;
  /** When the meeting was last changed (UTC instant): the event's DTSTAMP and LAST-MODIFIED. */
  readonly changedAt: Date;
}

export interface CalendarFeed {
  /** The calendar's name, e.g. "AG Kinderarmut". */
  readonly name: string;
  readonly meetings: readonly CalendarMeeting[];
}

const ZONE = "Europe/Berlin";

/** The rules of Europe/Berlin since 1996 (EU summer time): last Sunday of March and October. */
const VTIMEZONE = [
  "BEGIN:VTIMEZONE",
  `TZID:${ZONE}`,
  "BEGIN:DAYLIGHT",
  "TZOFFSETFROM:+0100",
  "TZOFFSETTO:+0200",
  "TZNAME:CEST",
  "DTSTART:19700329T020000",
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
  "END:DAYLIGHT",
  "BEGIN:STANDARD",
  "TZOFFSETFROM:+0200",
  "TZOFFSETTO:+0100",
  "TZNAME:CET",
  "DTSTART:19701025T030000",
  "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
  "END:STANDARD",
  "END:VTIMEZONE",
];

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** `2025-03-04T18:30` → `20250304T183000`; throws on anything else. */
function localTime(s: string): string {
  const m = LOCAL.exec(s);
  if (!m) throw new RangeError(`not a local time: ${s}`);
  return `${m[1]}${m[2]}${m[3]}T${m[4]}${m[5]}00`;
}

/** A UTC instant as `YYYYMMDDTHHMMSSZ`. */
function utc(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}Z$/, "Z");
}

/** TEXT escaping (RFC 5545, 3.3.11): backslash, semicolon, comma, line breaks. */
export function escapeText(s: string): string {
  return s
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/**
 * Folds a content line at 75 octets (RFC 5545, 3.1): continuation lines start with one space;
 * a UTF-8 character is never split.
 */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const ch of line) {
    const n = encoder.encode(ch).length;
    const limit = parts.length === 0 ? 75 : 74; // the leading space counts on continuations
    if (octets + n > limit) {
      parts.push(current);
      current = "";
      octets = 0;
    }
    current += ch;
    octets += n;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

/** The feed as iCalendar text, lines ending in CRLF. */
export function calendarFeed(feed: CalendarFeed): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Sopla//Netzwerk//DE",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(feed.name)}`,
    `X-WR-TIMEZONE:${ZONE}`,
    ...VTIMEZONE,
  ];
  for (const m of feed.meetings) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${m.uid}`,
      `DTSTAMP:${utc(m.changedAt)}`,
      `LAST-MODIFIED:${utc(m.changedAt)}`,
      `SEQUENCE:${m.sequence}`,
      `DTSTART;TZID=${ZONE}:${localTime(m.start)}`,
      `DTEND;TZID=${ZONE}:${localTime(m.end)}`,
      `SUMMARY:${escapeText(m.title)}`,
    );
    if (m.place) lines.push(`LOCATION:${escapeText(m.place)}`);
    if (m.description) lines.push(`DESCRIPTION:${escapeText(m.description)}`);
    lines.push(`STATUS:${m.cancelled ? "CANCELLED" : "CONFIRMED"}`, "END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join("\r\n") + "\r\n";
}
