import { describe, expect, it } from "vitest";
import { addMonths, DEFAULT_DELETION_CLASSES, dueForDeletion } from "./deletion.ts";

describe("deletion rules", () => {
  it("counts whole months, ending on a shorter month's last day", () => {
    expect(addMonths("2024-01-31", 1)).toBe("2024-02-29");
    expect(addMonths("2023-05-15", 24)).toBe("2025-05-15");
    expect(addMonths("2025-03-01", 0)).toBe("2025-03-01");
  });

  it("finds the records whose period has run out, oldest first, and names unknown classes", () => {
    const r = dueForDeletion(
      [
        { id: "p1", deletionClass: "kontakt-2j", startedOn: "2023-01-10" },
        { id: "p2", deletionClass: "kontakt-2j", startedOn: "2024-06-01" },
        { id: "p3", deletionClass: "widerruf-0", startedOn: "2025-03-01" },
        { id: "p4", deletionClass: "mitglied-1j", startedOn: null },
        { id: "p5", deletionClass: "gibt-es-nicht", startedOn: "2020-01-01" },
      ],
      DEFAULT_DELETION_CLASSES,
      "2025-03-01",
    );
    expect(r.due).toEqual([
      { id: "p1", deletionClass: "kontakt-2j", dueOn: "2025-01-10" },
      { id: "p3", deletionClass: "widerruf-0", dueOn: "2025-03-01" },
    ]);
    expect(r.unknownClass).toEqual(["p5"]);
  });
});
