import { describe, expect, it } from "vitest";
import { parseIndexDefinition } from "@contracts/documents/index-definition.ts";
import { bandRules } from "@core/social-index/method.ts";
import {
  bandsOf,
  changeCode,
  codeFromName,
  formFromDefinition,
  newIndexForm,
  readIndexForm,
  type IndexForm,
} from "./index-form.ts";

/** The demo's index (demo/flensburg/indices/sozialindex.json) as the API returns it. */
const stored = (() => {
  const parsed = parseIndexDefinition({
    code: "sozialindex",
    name: "Sozialindex Flensburg (Beispiel)",
    status: [
      { code: "sgb2_rate", label: "SGB-II-Quote" },
      { code: "child_sgb2_rate", label: "SGB-II-Quote der Kinder" },
    ],
    dynamics: [
      { code: "sgb2_change", label: "Veränderung der SGB-II-Quote", of: "sgb2_rate" },
      { code: "extra", direction: "higher_is_better", weight: 0.5 },
    ],
    context: ["share_under_18", "share_65_plus"],
    dynamicsYears: 1,
    exclusions: { minPopulation: 300, manual: [{ area: "STGT01", reason: "Sondergebiet" }] },
  });
  if (!parsed.ok) throw new Error(parsed.error.join("\n"));
  return parsed.value;
})();

describe("the index form", () => {
  it("gives back a stored definition unchanged", () => {
    const form = formFromDefinition(stored, "population");
    expect(form.minPopulation).toBe("300");
    expect(form.statusClasses.map((b) => b.upTo)).toEqual(["−1", "1", "1,5", ""]);
    expect(form.dynamics[1]).toMatchObject({ code: "extra", label: "", weight: "0,5", of: "" });
    const read = readIndexForm(form);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.body.populationIndicator).toBe("population");
    expect(read.body.comment).toBeUndefined();
    // What the server makes of it is the stored definition again.
    const again = parseIndexDefinition(read.body.definition);
    expect(again.ok && again.value).toEqual(stored);
  });

  it("reads German numbers: a changed class bound, a weight with a decimal comma", () => {
    const form = formFromDefinition(stored, "population");
    const edited: IndexForm = {
      ...form,
      statusClasses: form.statusClasses.map((b, i) => (i === 2 ? { ...b, upTo: "1,75" } : b)),
      status: form.status.map((r, i) => (i === 0 ? { ...r, weight: "1,5" } : r)),
      comment: "  Grenze angehoben ",
    };
    const read = readIndexForm(edited);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.body.definition.statusClasses?.[2]?.upTo).toBe(1.75);
    expect(read.body.definition.status[0]?.weight).toBe(1.5);
    expect(read.body.comment).toBe("Grenze angehoben");
  });

  it("names every problem it can see, each with its place, and keeps what was typed", () => {
    const form: IndexForm = {
      ...newIndexForm(),
      status: [
        { code: "", label: "", direction: "higher_is_worse", weight: "1", of: "" },
        { code: "sgb2_rate", label: "", direction: "higher_is_worse", weight: "zwei", of: "" },
      ],
      dynamicsYears: "1,5",
      minPopulation: "-3",
      manual: [{ area: "", reason: " " }],
      dynamicsClasses: newIndexForm().dynamicsClasses.map((b, i) =>
        i === 0 ? { ...b, upTo: "minus eins" } : b,
      ),
    };
    const read = readIndexForm(form);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems).toEqual([
      { kind: "code" },
      { kind: "name" },
      { kind: "indicator", dimension: "status", row: 0 },
      { kind: "weight", dimension: "status", row: 1, text: "zwei" },
      { kind: "dynamicsYears", text: "1,5" },
      { kind: "minPopulation", text: "-3" },
      { kind: "exclusionArea", row: 0 },
      { kind: "exclusionReason", row: 0 },
      { kind: "bound", dimension: "dynamics", row: 0, text: "minus eins" },
    ]);
    expect(form.status[1]?.weight).toBe("zwei");
  });

  it("starts a new index with the MSS defaults", () => {
    const form = newIndexForm();
    expect(form.minPopulation).toBe("300");
    expect(form.dynamicsYears).toBe("2");
    expect(form.standardisation).toBe("z");
    expect(bandRules(bandsOf(form.statusClasses))).toEqual([
      "I < −1",
      "−1 ≤ I ≤ 1",
      "1 < I ≤ 1,5",
      "I > 1,5",
    ]);
    expect(bandRules(bandsOf(form.dynamicsClasses))).toEqual(["I < −1", "−1 ≤ I ≤ 1", "I > 1"]);
  });

  it("suggests codes", () => {
    expect(changeCode("sgb2_rate")).toBe("sgb2_change");
    expect(changeCode("share_65_plus")).toBe("share_65_plus_change");
    expect(codeFromName("Sozialindex Süd (Entwurf)")).toBe("sozialindex-sud-entwurf");
  });
});
