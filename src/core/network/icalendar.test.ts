/**
 * The feed is read back by ical.js (Mozilla's maintained iCalendar parser, as calendar programs
 * read it): times land at the agreed local hour in summer and winter, a change keeps the UID
 * with a higher SEQUENCE, a cancellation says CANCELLED, text with commas, semicolons and line
 * breaks and long umlaut lines survive the round trip.
 */
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { calendarFeed, foldLine, type CalendarMeeting } from "./icalendar.ts";

const base: CalendarMeeting = {
  uid: "meeting-1@flensburg.sopla",
  title: "AG Kinderarmut, 3. Sitzung",
  start: "2025-03-04T18:30",
  end: "2025-03-04T20:00",
  place: "Rathaus, Raum 101; Eingang B",
  description: "Tagesordnung:\n1. Bericht der Lotsinnen\n2. Übergänge Kita – Schule",
  sequence: 0,
  cancelled: false,
  changedAt: new Date("2025-02-20T09:15:00Z"),
};

function events(text: string) {
  const comp = new ICAL.Component(ICAL.parse(text));
  const zone = comp.getFirstSubcomponent("vtimezone");
  if (zone) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  return comp.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
}

describe("calendarFeed", () => {
  it("is read by ical.js with the agreed local times in winter and summer", () => {
    const text = calendarFeed({
      name: "AG Kinderarmut",
      meetings: [
        base,
        {
          ...base,
          uid: "meeting-2@flensburg.sopla",
          start: "2025-07-01T10:00",
          end: "2025-07-01T11:30",
        },
      ],
    });
    const [winter, summer] = events(text);
    expect(winter!.uid).toBe("meeting-1@flensburg.sopla");
    expect(winter!.summary).toBe("AG Kinderarmut, 3. Sitzung");
    expect(winter!.location).toBe("Rathaus, Raum 101; Eingang B");
    expect(winter!.description).toBe(base.description);
    expect(winter!.startDate.toJSDate().toISOString()).toBe("2025-03-04T17:30:00.000Z");
    expect(winter!.endDate.toJSDate().toISOString()).toBe("2025-03-04T19:00:00.000Z");
    expect(summer!.startDate.toJSDate().toISOString()).toBe("2025-07-01T08:00:00.000Z");
  });

  it("keeps the UID when a meeting changes or is cancelled", () => {
    const moved = events(
      calendarFeed({
        name: "x",
        meetings: [{ ...base, start: "2025-03-05T18:30", end: "2025-03-05T20:00", sequence: 1 }],
      }),
    )[0]!;
    expect(moved.uid).toBe(base.uid);
    expect(moved.sequence).toBe(1);
    const cancelled = events(
      calendarFeed({ name: "x", meetings: [{ ...base, sequence: 2, cancelled: true }] }),
    )[0]!;
    expect(cancelled.uid).toBe(base.uid);
    expect(cancelled.component.getFirstPropertyValue("status")).toBe("CANCELLED");
  });

  it("ends lines in CRLF and folds them at 75 octets without splitting a character", () => {
    const long = "Überprüfung der Maßnahmen für Ältere in Mürwik und Weiche ".repeat(4);
    const text = calendarFeed({ name: "x", meetings: [{ ...base, title: long }] });
    expect(text.endsWith("\r\n")).toBe(true);
    for (const line of text.split("\r\n")) {
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    }
    expect(events(text)[0]!.summary).toBe(long);
    expect(foldLine("kurz")).toBe("kurz");
  });

  it("refuses a time that is not a local wall-clock time", () => {
    expect(() =>
      calendarFeed({ name: "x", meetings: [{ ...base, start: "2025-03-04 18:30" }] }),
    ).toThrow(RangeError);
  });
});
