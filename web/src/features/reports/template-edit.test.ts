import { describe, expect, it } from "vitest";
import { parseReportTemplate } from "@contracts/documents/report-template.ts";
import type { ReportTemplate } from "@core/reports/template.ts";
import sozialbericht from "../../../../src/services/reports/templates/sozialbericht.json" with { type: "json" };
import {
  addBlock,
  addChapter,
  addSection,
  blockAt,
  describeBlock,
  editable,
  findSection,
  localProblems,
  moveBlock,
  moveChapter,
  moveSection,
  removeBlock,
  removeChapter,
  removeSection,
  renameChapter,
  renameSection,
  templateOf,
  updateBlock,
  type EditTemplate,
} from "./template-edit.ts";
import { tDe } from "./test-translate.ts";

const builtIn = (() => {
  const parsed = parseReportTemplate(sozialbericht);
  if (!parsed.ok) throw new Error(parsed.error.join("\n"));
  return parsed.value;
})();

const small: ReportTemplate = {
  code: "klein",
  title: "Klein {{zeitraum}}",
  periodKind: "year",
  chapters: [
    {
      title: "Eins",
      sections: [
        {
          title: "A",
          blocks: [
            { type: "text", markdown: "a" },
            { type: "findings", limit: 8 },
          ],
        },
        { title: "B", blocks: [] },
      ],
    },
    { title: "Zwei", sections: [{ title: "C", blocks: [{ type: "indicator_sheets" }] }] },
  ],
};

const titles = (e: EditTemplate) =>
  e.chapters.map((c) => `${c.title}: ${c.sections.map((s) => s.title).join(", ")}`);

describe("the editable template", () => {
  it("gives back the template it was made from, key for key", () => {
    expect(JSON.stringify(templateOf(editable(builtIn)))).toBe(JSON.stringify(builtIn));
    expect(templateOf(editable(small))).toEqual(small);
  });

  it("gives every chapter, section and block an id of its own", () => {
    const e = editable(builtIn);
    const ids = e.chapters.flatMap((c) => [
      c.id,
      ...c.sections.flatMap((s) => [s.id, ...s.blocks.map((b) => b.id)]),
    ]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("leaves an empty subtitle out", () => {
    const e = { ...editable(builtIn), subtitle: "  " };
    expect("subtitle" in templateOf(e)).toBe(false);
  });
});

describe("outline operations", () => {
  it("adds, renames, moves and removes chapters; the last one stays", () => {
    let e = editable(small);
    const added = addChapter(e, "Drei", "D");
    e = added.template;
    expect(titles(e)).toEqual(["Eins: A, B", "Zwei: C", "Drei: D"]);
    expect(findSection(e, added.section)).toMatchObject({ chapter: 2, section: 0 });
    e = renameChapter(e, added.chapter, "Drittens");
    e = moveChapter(e, added.chapter, -1);
    expect(titles(e)).toEqual(["Eins: A, B", "Drittens: D", "Zwei: C"]);
    e = moveChapter(e, e.chapters[0]!.id, -1);
    expect(titles(e)[0]).toBe("Eins: A, B");
    e = removeChapter(e, e.chapters[0]!.id);
    e = removeChapter(e, e.chapters[0]!.id);
    expect(titles(e)).toEqual(["Zwei: C"]);
    expect(removeChapter(e, e.chapters[0]!.id)).toBe(e);
  });

  it("adds, renames, moves and removes sections within their chapter; one stays", () => {
    let e = editable(small);
    const [a, b] = e.chapters[0]!.sections;
    e = renameSection(e, b!.id, "Bee");
    e = moveSection(e, b!.id, -1);
    expect(titles(e)[0]).toBe("Eins: Bee, A");
    e = moveSection(e, b!.id, -1);
    expect(titles(e)[0]).toBe("Eins: Bee, A");
    const r = addSection(e, e.chapters[1]!.id, "Neu");
    e = r.template;
    expect(titles(e)[1]).toBe("Zwei: C, Neu");
    e = removeSection(e, a!.id);
    expect(titles(e)[0]).toBe("Eins: Bee");
    expect(titles(removeSection(e, b!.id))[0]).toBe("Eins: Bee");
  });

  it("adds, changes, moves and removes blocks", () => {
    let e = editable(small);
    const section = e.chapters[0]!.sections[0]!;
    const r = addBlock(e, section.id, { type: "text", markdown: "neu" });
    e = r.template;
    e = updateBlock(e, r.block, { type: "text", markdown: "{{stadt population}}" });
    e = moveBlock(e, r.block, -2);
    expect(templateOf(e).chapters[0]!.sections[0]!.blocks).toEqual([
      { type: "text", markdown: "{{stadt population}}" },
      { type: "text", markdown: "a" },
      { type: "findings", limit: 8 },
    ]);
    e = moveBlock(e, r.block, -1);
    expect(templateOf(e).chapters[0]!.sections[0]!.blocks[0]!).toEqual({
      type: "text",
      markdown: "{{stadt population}}",
    });
    e = moveBlock(e, r.block, 1);
    e = removeBlock(e, section.blocks[0]!.id);
    expect(templateOf(e).chapters[0]!.sections[0]!.blocks.map((b) => b.type)).toEqual([
      "text",
      "findings",
    ]);
  });

  it("finds the section and block of a problem's place", () => {
    const e = editable(small);
    expect(blockAt(e, { chapter: 0, section: 0, block: 1 })).toEqual({
      section: e.chapters[0]!.sections[0]!.id,
      block: e.chapters[0]!.sections[0]!.blocks[1]!.id,
    });
    expect(blockAt(e, { chapter: 0, section: 1, block: 0 })).toEqual({
      section: e.chapters[0]!.sections[1]!.id,
      block: null,
    });
    expect(blockAt(e, { chapter: 5, section: 0, block: 0 })).toBeNull();
  });

  it("keeps the template valid for the API after editing", () => {
    let e = editable(builtIn);
    e = addChapter(e, "Anhang", "Quellen").template;
    e = moveChapter(e, e.chapters[0]!.id, 1);
    expect(parseReportTemplate(templateOf(e)).ok).toBe(true);
  });
});

describe("the editor's own problems", () => {
  it("names empty titles and a number of findings out of range, each with its field", () => {
    let e = editable(small);
    e = { ...e, title: " " };
    e = renameChapter(e, e.chapters[1]!.id, "");
    e = renameSection(e, e.chapters[0]!.sections[1]!.id, "");
    const findings = e.chapters[0]!.sections[0]!.blocks[1]!;
    e = updateBlock(e, findings.id, { type: "findings", limit: 31 });
    expect(localProblems(e, tDe)).toEqual([
      { text: "Der Titel der Vorlage fehlt.", field: "tpl-title" },
      {
        text: "Kapitel 1, Abschnitt 1, Block 2: die Zahl der Schlüsselergebnisse muss zwischen 1 und 30 liegen.",
        field: `tpl-${findings.id}-limit`,
        section: e.chapters[0]!.sections[0]!.id,
      },
      {
        text: "Kapitel 1, Abschnitt 2: der Titel fehlt.",
        field: `tpl-${e.chapters[0]!.sections[1]!.id}-title`,
      },
      { text: "Kapitel 2: der Titel fehlt.", field: `tpl-${e.chapters[1]!.id}-title` },
    ]);
    expect(localProblems(editable(builtIn), tDe)).toEqual([]);
  });
});

describe("block summaries", () => {
  const names = {
    indicator: (c: string) =>
      ({ sgb2_rate: "SGB-II-Quote", transfer_rate: "Transferquote" })[c] ?? c,
    level: (c: string) => ({ district: "Stadtteil" })[c] ?? c,
  };

  it("says in words what a block shows", () => {
    expect(
      describeBlock({ type: "map", indicator: "sgb2_rate", level: "district" }, names, tDe),
    ).toBe("Karte: SGB-II-Quote nach Stadtteil, Berichtszeitraum.");
    expect(
      describeBlock(
        {
          type: "table",
          indicators: ["sgb2_rate", "transfer_rate"],
          areas: { level: "district" },
          changeSince: "previous",
        },
        names,
        tDe,
      ),
    ).toBe(
      "Tabelle: SGB-II-Quote, Transferquote; alle Gebiete der Ebene Stadtteil; Berichtszeitraum; mit Veränderung seit Vorperiode.",
    );
    expect(
      describeBlock({ type: "chart", indicators: ["sgb2_rate"], periods: 5 }, names, tDe),
    ).toBe("Liniendiagramm: SGB-II-Quote; die letzten 5 Zeiträume.");
    expect(
      describeBlock(
        {
          type: "comparison",
          indicators: ["sgb2_rate"],
          areas: { reportArea: true },
          period: { code: "2016" },
        },
        names,
        tDe,
      ),
    ).toBe("Vergleich mit der Stadt: SGB-II-Quote; das Gebiet des Berichts; 2016.");
    expect(
      describeBlock({ type: "index", index: "sozialindex", parts: ["map", "changes"] }, names, tDe),
    ).toBe(
      "Sozialindex „sozialindex“ (aktueller Lauf des Berichtszeitraums): Karte, Klassenwechsel.",
    );
    expect(describeBlock({ type: "accommodation", parts: ["summary", "series"] }, names, tDe)).toBe(
      "Belegungsstatistik der Unterkünfte: Zusammenfassung, Verlauf.",
    );
    expect(
      describeBlock(
        {
          type: "typology",
          indicators: ["sgb2_rate", "share_65_plus"],
          level: "district",
          parts: ["map", "profiles"],
        },
        names,
        tDe,
      ),
    ).toMatch(
      /^Gebietstypen \(k-means, Startwert 1, Zahl der Typen nach der Silhouette\): SGB-II-Quote, .*; Stadtteil, .*; Karte, Profile der Typen\.$/,
    );
    expect(describeBlock({ type: "findings", limit: 6 }, names, tDe)).toBe(
      "Die Schlüsselergebnisse, höchstens 6.",
    );
  });
});
