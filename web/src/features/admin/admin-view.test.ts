import { describe, expect, it } from "vitest";
import { ApiError } from "../../lib/api.ts";
import { sharedDe } from "../../lib/messages.ts";
import {
  auditQuery,
  cityDayStart,
  describeChange,
  entityName,
  NO_FILTER,
  problemsOfRefusal,
  type Translate,
} from "./admin-view.ts";
import { adminDe } from "./messages.ts";

const tDe: Translate = (key, params) =>
  Object.entries(params ?? {}).reduce(
    (text, [name, v]) => text.replaceAll(`{${name}}`, v),
    ({ ...sharedDe, ...adminDe } as Record<string, string>)[key] ?? key,
  );

const FIELDS = { email: "new-email", displayName: "new-name", role: "new-role" };

describe("problemsOfRefusal", () => {
  it("links each field issue of a refused request to its control, in the server's words", () => {
    const error = new ApiError(400, "invalid_request", "Die Anfrage ist ungültig.", {
      issues: [
        {
          where: "body",
          path: "email",
          field: "E-Mail-Adresse",
          message: "E-Mail-Adresse: ist keine gültige E-Mail-Adresse",
        },
        {
          where: "body",
          path: "extra",
          field: "„extra“",
          message: "„extra“: ist hier nicht vorgesehen",
        },
      ],
    });
    expect(problemsOfRefusal(error, FIELDS)).toEqual([
      { message: "E-Mail-Adresse: ist keine gültige E-Mail-Adresse", field: "new-email" },
      { message: "„extra“: ist hier nicht vorgesehen", field: null },
    ]);
  });

  it("links a service's refusal to the field it names", () => {
    const error = new ApiError(409, "conflict", "„a@b.de“ ist schon Mitglied.", { field: "email" });
    expect(problemsOfRefusal(error, FIELDS)).toEqual([
      { message: "„a@b.de“ ist schon Mitglied.", field: "new-email" },
    ]);
  });

  it("keeps a refusal without a known field, and any other error, as its message", () => {
    const own = new ApiError(
      403,
      "forbidden",
      "Die eigene Anfrage kann nicht selbst bestätigt werden.",
      {
        reason: "own_request",
        field: "email",
      },
    );
    expect(problemsOfRefusal(own, {})).toEqual([
      { message: "Die eigene Anfrage kann nicht selbst bestätigt werden.", field: null },
    ]);
    expect(problemsOfRefusal(new Error("offline"), FIELDS)).toEqual([
      { message: "offline", field: null },
    ]);
  });
});

describe("cityDayStart", () => {
  it.each([
    ["2026-12-07", "2026-12-06T23:00:00.000Z"],
    ["2026-07-01", "2026-06-30T22:00:00.000Z"],
    // The days the clocks change: midnight still has the offset of the day before.
    ["2026-03-29", "2026-03-28T23:00:00.000Z"],
    ["2026-10-25", "2026-10-24T22:00:00.000Z"],
  ])("starts %s at Berlin's midnight", (day, iso) => {
    expect(cityDayStart(day)?.toISOString()).toBe(iso);
  });

  it.each(["", "7.12.2026", "2026-02-30", "2026-13-01"])("reads no day in %j", (day) => {
    expect(cityDayStart(day)).toBeNull();
  });
});

describe("auditQuery", () => {
  const page = { limit: 50, offset: 100 };

  it("sends only what is filled in, the days of the city's calendar, 'to' inclusive", () => {
    const q = auditQuery(
      {
        ...NO_FILTER,
        action: "update",
        key: " neu@stadt.example ",
        from: "2026-12-01",
        to: "2026-12-07",
      },
      page,
      tDe,
      "to",
    );
    expect(q).toEqual({
      ok: true,
      params: {
        action: "update",
        entity: undefined,
        key: "neu@stadt.example",
        actor: undefined,
        from: "2026-11-30T23:00:00.000Z",
        to: "2026-12-07T23:00:00.000Z",
        limit: "50",
        offset: "100",
      },
    });
  });

  it("refuses a 'from' after 'to' at the 'to' field", () => {
    expect(
      auditQuery({ ...NO_FILTER, from: "2026-12-08", to: "2026-12-07" }, page, tDe, "to"),
    ).toEqual({
      ok: false,
      problems: [{ message: "„Von“ liegt nach „Bis“.", field: "to" }],
    });
  });
});

describe("describeChange", () => {
  it.each<[unknown, unknown, string]>([
    [{ role: "contributor" }, { role: "viewer" }, "Rolle: Fachdienst → Lesezugriff"],
    [
      null,
      { role: "planner", requestedBy: "a@stadt.example" },
      "Rolle: Sozialplanung; angefragt von: a@stadt.example",
    ],
    [
      { role: "admin", requestedBy: "a@stadt.example" },
      null,
      "vorher: Rolle: Administration; angefragt von: a@stadt.example",
    ],
    [{ disabled: false }, { disabled: true }, "deaktiviert: nein → ja"],
    [{ a: 1, same: "x" }, { a: 2, same: "x", b: [1, 2] }, "a: 1 → 2; b: [1,2]"],
    [null, null, ""],
  ])("%j → %j reads %j", (before, after, text) => {
    expect(describeChange(before, after, tDe)).toBe(text);
  });

  it("shortens a long value", () => {
    const text = describeChange(null, { comment: "x".repeat(200) }, tDe);
    expect(text.length).toBeLessThan(100);
    expect(text.endsWith("…")).toBe(true);
  });
});

describe("entityName", () => {
  it("names the kinds it knows and shows the others as they are", () => {
    expect(entityName("membership", tDe)).toBe("Mitgliedschaft");
    expect(entityName("something_new", tDe)).toBe("something_new");
  });
});
