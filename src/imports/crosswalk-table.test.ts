import { describe, expect, it } from "vitest";
import { readCrosswalkTable } from "./crosswalk-table.ts";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("readCrosswalkTable", () => {
  it("finds the columns by their header and reads GIS numbers (9.286e-05)", () => {
    const r = readCrosswalkTable(
      bytes(
        "plr_id_pre2021,plr_id_2021,mapping_type,weight\n01011101,01100101,areal,0.99915986\n01011101,01100103,areal,9.286e-05\n",
      ),
      { old: "plr_id_pre2021", new: "plr_id_2021", weight: "weight" },
    );
    expect(r).toEqual({
      ok: true,
      value: [
        { line: 2, oldCode: "01011101", newCode: "01100101", weight: 0.99915986 },
        { line: 3, oldCode: "01011101", newCode: "01100103", weight: 9.286e-5 },
      ],
    });
  });

  it("reads German files: semicolons, decimal commas, percent, empty lines skipped", () => {
    const r = readCrosswalkTable(bytes("Alt;Neu;Gewicht;Notiz\nA;X;0,25;Teil\n\nA;Y;75 %;Rest\n"));
    expect(r.ok && r.value.map((x) => [x.oldCode, x.newCode, x.weight])).toEqual([
      ["A", "X", 0.25],
      ["A", "Y", 0.75],
    ]);
  });

  it("names a missing column with the names it looked for", () => {
    const r = readCrosswalkTable(bytes("von;nach;gewicht\nA;X;1\n"));
    expect(!r.ok && r.error.map((i) => i.message)).toEqual([
      "Spalte „alt“ oder „old“ oder „alter code“ oder „code alt“ (alter Code) fehlt in der Kopfzeile (vorhanden: von, nach, gewicht).",
      "Spalte „neu“ oder „new“ oder „neuer code“ oder „code neu“ (neuer Code) fehlt in der Kopfzeile (vorhanden: von, nach, gewicht).",
    ]);
  });

  it("refuses a table without data rows", () => {
    const r = readCrosswalkTable(bytes("alt;neu;gewicht\n"));
    expect(r.ok).toBe(false);
  });
});
