import { describe, expect, it } from "vitest";
import { issue } from "../../core/data/import-issue.ts";
import { capNotes, countIssues, MAX_NOTES_PER_CODE } from "./import-report.ts";

describe("capNotes", () => {
  it("keeps every error and summarises warnings beyond the limit per kind", () => {
    const many = Array.from({ length: MAX_NOTES_PER_CODE + 5 }, (_, i) =>
      issue("warning", "implausible_jump", `w${i}`, { row: i }),
    );
    const errors = Array.from({ length: MAX_NOTES_PER_CODE + 5 }, (_, i) =>
      issue("error", "not_a_number", `e${i}`, { row: i }),
    );
    const kept = capNotes([...many, ...errors]);
    expect(kept.filter((i) => i.severity === "error")).toHaveLength(MAX_NOTES_PER_CODE + 5);
    const warnings = kept.filter((i) => i.severity === "warning");
    expect(warnings).toHaveLength(MAX_NOTES_PER_CODE + 1);
    expect(warnings.at(-1)!.message).toMatch(/5 weitere/);
    expect(countIssues([...many, ...errors])).toEqual({
      errors: MAX_NOTES_PER_CODE + 5,
      warnings: MAX_NOTES_PER_CODE + 5,
      infos: 0,
    });
  });
});
