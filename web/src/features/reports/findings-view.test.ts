import { describe, expect, it } from "vitest";
import { decisionFor, findingRows } from "./findings-view.ts";

const generated = [
  { id: "change:share_80_plus", text: "Anteil Hochaltriger: um 6,0 Pp. gestiegen." },
  { id: "change:share_65_plus", text: "Anteil Älterer: um 5,7 Pp. gestiegen." },
  { id: "class_change", text: "Sozialindex: 9 Gebiete haben die Klasse gewechselt." },
];

describe("key findings and decisions", () => {
  it("shows each generated finding with what was decided", () => {
    const rows = findingRows(generated, {
      "change:share_80_plus": { drop: true },
      class_change: { text: "Neun Gebiete wechselten die Klasse." },
      "gone:finding": { drop: true },
    });
    expect(rows.map((r) => [r.id, r.state, r.text])).toEqual([
      ["change:share_80_plus", "dropped", "Anteil Hochaltriger: um 6,0 Pp. gestiegen."],
      ["change:share_65_plus", "kept", "Anteil Älterer: um 5,7 Pp. gestiegen."],
      ["class_change", "edited", "Neun Gebiete wechselten die Klasse."],
    ]);
    expect(rows[2]!.generated).toBe("Sozialindex: 9 Gebiete haben die Klasse gewechselt.");
  });

  it("makes the body of one decision", () => {
    const [row] = findingRows(generated, {});
    expect(decisionFor(row!, "keep")).toEqual({ "change:share_80_plus": { keep: true } });
    expect(decisionFor(row!, "drop")).toEqual({ "change:share_80_plus": { drop: true } });
    expect(decisionFor(row!, { text: "  Neu.  " })).toEqual({
      "change:share_80_plus": { text: "Neu." },
    });
  });

  it("keeps a finding edited back to its generated text and refuses an empty one", () => {
    const [row] = findingRows(generated, { "change:share_80_plus": { text: "anders" } });
    expect(decisionFor(row!, { text: ` ${generated[0]!.text}` })).toEqual({
      "change:share_80_plus": { keep: true },
    });
    expect(decisionFor(row!, { text: "   " })).toBeNull();
  });
});
