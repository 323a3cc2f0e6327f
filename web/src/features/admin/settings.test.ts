import { describe, expect, it } from "vitest";
import type { WorkspaceSettingsDto } from "@contracts/workspaces.ts";
import { changedSettings } from "./SettingsSection.tsx";

const SAVED: WorkspaceSettingsDto = {
  name: "Norderstedt",
  municipalityKey: null,
  publisher: "Stadt Norderstedt",
  publisherAddress: null,
  contactEmail: null,
  homepage: null,
  licence: null,
  dcatContributorId: null,
  attribution: null,
  minCount: 3,
  reviewInPublic: "provisional",
  occupancyReferenceDay: "last",
  stayRetentionMonths: 36,
  accommodationDaysAhead: 31,
};
const form = (over: Record<string, string> = {}) =>
  ({
    ...Object.fromEntries(Object.entries(SAVED).map(([k, v]) => [k, v === null ? "" : String(v)])),
    ...over,
  }) as Parameters<typeof changedSettings>[1];

describe("the settings the form changed", () => {
  it("sends nothing for an untouched form", () => {
    expect(changedSettings(SAVED, form())).toEqual({});
  });

  it("sends only what changed, numbers as numbers and an emptied field as none", () => {
    expect(
      changedSettings(
        SAVED,
        form({ minCount: "5", publisher: "", municipalityKey: " 01060063 ", name: "Norderstedt" }),
      ),
    ).toEqual({ minCount: 5, publisher: null, municipalityKey: "01060063" });
  });

  it("passes what cannot be a number on, for the server to name", () => {
    expect(changedSettings(SAVED, form({ minCount: "" }))).toEqual({ minCount: Number.NaN });
    expect(changedSettings(SAVED, form({ name: "" }))).toEqual({ name: "" });
  });
});
