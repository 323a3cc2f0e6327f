import { describe, expect, it } from "vitest";
import {
  ADDRESS_CAP,
  ADDRESS_WINDOW_MS,
  NAME_CAP,
  NAME_WINDOW_MS,
  backoffMs,
  decideAttempt,
  refusalMessage,
  type AttemptHistory,
} from "./login-limit.ts";

const now = new Date("2026-12-07T10:00:00Z");
const before = (ms: number) => new Date(now.getTime() - ms);
const MINUTE = 60_000;

const quiet: AttemptHistory = {
  trusted: false,
  laneFailures: 0,
  laneLastFailure: null,
  nameFailures: 0,
  nameFirstFailure: null,
  addressFailures: 0,
  addressFirstFailure: null,
};

describe("the back-off of one lane", () => {
  it.each([
    [0, 0],
    [4, 0],
    [5, 1],
    [6, 2],
    [7, 4],
    [10, 32],
    [11, 60],
    [500, 60],
  ])("after %i failures waits %i minutes", (failures, minutes) => {
    expect(backoffMs(failures)).toBe(minutes * MINUTE);
  });

  it("admits the first five tries, then waits from the last failure", () => {
    expect(decideAttempt({ ...quiet, laneFailures: 4, laneLastFailure: now }, now).kind).toBe(
      "admit",
    );
    expect(decideAttempt({ ...quiet, laneFailures: 5, laneLastFailure: now }, now)).toEqual({
      kind: "refuse",
      reason: "backoff",
      retryAfterSeconds: 60,
    });
    const later = { ...quiet, laneFailures: 6, laneLastFailure: before(90_000) };
    expect(decideAttempt(later, now)).toEqual({
      kind: "refuse",
      reason: "backoff",
      retryAfterSeconds: 30,
    });
    expect(decideAttempt({ ...later, laneLastFailure: before(2 * MINUTE) }, now).kind).toBe(
      "admit",
    );
  });

  it("applies to a trusted browser too: its own lane slows a thief of the cookie", () => {
    const h = { ...quiet, trusted: true, laneFailures: 5, laneLastFailure: now };
    expect(decideAttempt(h, now).kind).toBe("refuse");
  });
});

describe("the caps against guessing from many addresses and spraying from one", () => {
  const name = {
    ...quiet,
    nameFailures: NAME_CAP,
    nameFirstFailure: before(NAME_WINDOW_MS - 5000),
  };
  const address = {
    ...quiet,
    addressFailures: ADDRESS_CAP,
    addressFirstFailure: before(ADDRESS_WINDOW_MS - 10 * MINUTE),
  };

  it("refuse untrusted attempts until the earliest counted failure leaves the window", () => {
    expect(decideAttempt(name, now)).toEqual({
      kind: "refuse",
      reason: "name_cap",
      retryAfterSeconds: 5,
    });
    expect(decideAttempt(address, now)).toEqual({
      kind: "refuse",
      reason: "address_cap",
      retryAfterSeconds: 600,
    });
    expect(decideAttempt({ ...address, addressFailures: ADDRESS_CAP - 1 }, now).kind).toBe("admit");
  });

  it("never stop a browser that signed in with this login name before", () => {
    expect(decideAttempt({ ...name, trusted: true }, now).kind).toBe("admit");
    expect(decideAttempt({ ...address, trusted: true }, now).kind).toBe("admit");
  });

  it("say in German how long to wait and how to get on", () => {
    expect(refusalMessage({ kind: "refuse", reason: "backoff", retryAfterSeconds: 60 })).toBe(
      "Zu viele fehlgeschlagene Anmeldungen. Bitte in einer Minute erneut versuchen.",
    );
    expect(
      refusalMessage({ kind: "refuse", reason: "address_cap", retryAfterSeconds: 601 }),
    ).toMatch(/schon angemeldet haben, geht es weiter; sonst bitte in 11 Minuten/);
  });
});
