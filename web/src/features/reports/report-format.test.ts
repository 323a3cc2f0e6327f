import { sanitizeSvg } from "@core/figures/sanitize-svg.ts";
import { describe, expect, it } from "vitest";
import { ApiError } from "../../lib/api.ts";
import {
  cellText,
  fileNameOf,
  isNumericCell,
  pathPlace,
  problemPlace,
  reportProblemsOf,
  unitRuns,
} from "./report-format.ts";

const words = { chapter: "Kapitel", section: "Abschnitt", block: "Block", template: "Vorlage" };

describe("table cells", () => {
  it("prints numbers in German with their decimals and a real minus sign", () => {
    expect(cellText({ number: 97882, decimals: 0 })).toBe("97.882");
    expect(cellText({ number: 9.311950336264873, decimals: 1 })).toBe("9,3");
    expect(cellText({ number: -0.6104888185893653, decimals: 1 })).toBe("−0,6");
    expect(cellText({ number: -0.01, decimals: 1 })).toBe("0,0");
    expect(cellText({ number: -1234.5, decimals: 2 })).toBe("−1.234,50");
  });

  it("prints signs and texts as they are, nothing for a missing cell", () => {
    expect(cellText({ sign: "." })).toBe(".");
    expect(cellText({ sign: "–" })).toBe("–");
    expect(cellText({ text: "Altstadt" })).toBe("Altstadt");
    expect(cellText(undefined)).toBe("");
  });

  it("right-aligns numbers and signs, not texts", () => {
    expect(isNumericCell({ number: 1, decimals: 0 })).toBe(true);
    expect(isNumericCell({ sign: "x" })).toBe(true);
    expect(isNumericCell({ text: "Neustadt" })).toBe(false);
    expect(isNumericCell(undefined)).toBe(false);
  });
});

describe("figures", () => {
  it("removes whatever could run and keeps the drawing", () => {
    const svg = `<?xml version="1.0"?>
<!-- a comment -->
<svg xmlns="http://www.w3.org/2000/svg" width="640" height="300" onload="alert(1)">
<script>alert(2)</script><foreignObject><div>x</div></foreignObject>
<a href="javascript:alert(3)"><text x="1" y="2" onclick='alert(4)'>onclick="so heißt das" &amp; Ä</text></a>
</svg>`;
    const out = sanitizeSvg(svg, "f1-", 640, 300);
    expect(out).not.toMatch(/<\?xml|<!--|<script|foreignObject|javascript:/);
    expect(out).not.toMatch(/<[^>]*\son[a-z]+=/);
    expect(out.startsWith('<svg viewBox="0 0 640 300" xmlns="http://www.w3.org/2000/svg"')).toBe(
      true,
    );
    expect(out).toContain('onclick="so heißt das" &amp; Ä</text>');
  });

  it("gives the ids of each figure a prefix, with their references", () => {
    const svg =
      '<svg viewBox="0 0 10 10"><defs><pattern id="gesperrt"/></defs>' +
      '<rect fill="url(#gesperrt)"/><use href="#gesperrt"/><use xlink:href=\'#gesperrt\'/></svg>';
    expect(sanitizeSvg(svg, "draft-c1-s0-n2-", 10, 10)).toBe(
      '<svg viewBox="0 0 10 10"><defs><pattern id="draft-c1-s0-n2-gesperrt"/></defs>' +
        '<rect fill="url(#draft-c1-s0-n2-gesperrt)"/><use href="#draft-c1-s0-n2-gesperrt"/>' +
        "<use xlink:href='#draft-c1-s0-n2-gesperrt'/></svg>",
    );
  });
});

describe("problems", () => {
  it("says a request check's path in words", () => {
    expect(pathPlace("template.chapters.0.sections.1.blocks.2.markdown", words)).toBe(
      "Kapitel 1, Abschnitt 2, Block 3 (markdown)",
    );
    expect(pathPlace("template.chapters.3.title", words)).toBe("Kapitel 4 (title)");
    expect(pathPlace("template.title", words)).toBe("Vorlage (title)");
    expect(pathPlace("period", words)).toBe("Vorlage (period)");
  });

  it("reads the problems of a refused build with their places", () => {
    const error = new ApiError(422, "report_incomplete", "Die Vorlage hat Fehler.", {
      problems: [
        {
          place:
            "Kapitel 1 „Schlüsselergebnisse“, Abschnitt 1 „Auf einen Blick“, Block 1, Zeile 2, Spalte 47",
          message: "{{foo}}: „foo“ ist kein Platzhalter.",
        },
        "eine Zeile ohne Stelle",
      ],
      warnings: [],
    });
    expect(reportProblemsOf(error, words)).toEqual([
      {
        place:
          "Kapitel 1 „Schlüsselergebnisse“, Abschnitt 1 „Auf einen Blick“, Block 1, Zeile 2, Spalte 47",
        message: "{{foo}}: „foo“ ist kein Platzhalter.",
      },
      { place: "", message: "eine Zeile ohne Stelle" },
    ]);
  });

  it("reads the issues of a request the server could not validate, else the message", () => {
    const invalid = new ApiError(400, "invalid_request", "Die Anfrage ist ungültig.", {
      issues: [{ where: "body", path: "template.chapters.0.title", message: "Too small" }],
    });
    expect(reportProblemsOf(invalid, words)).toEqual([
      { place: "Kapitel 1 (title)", message: "Too small" },
    ]);
    const named = new ApiError(400, "invalid_request", "Bitte prüfen: …", {
      issues: [
        {
          where: "body",
          path: "template.chapters.0.title",
          field: "Kapitelüberschrift (Kapitel 1)",
          message: "Kapitelüberschrift (Kapitel 1): darf nicht leer sein",
        },
      ],
    });
    expect(reportProblemsOf(named, words)).toEqual([
      { place: "", message: "Kapitelüberschrift (Kapitel 1): darf nicht leer sein" },
    ]);
    expect(reportProblemsOf(new ApiError(409, "conflict", "Gibt es schon."), words)).toEqual([
      { place: "", message: "Gibt es schon." },
    ]);
    expect(reportProblemsOf(new Error("Netz weg"), words)).toEqual([
      { place: "", message: "Netz weg" },
    ]);
  });

  it("finds chapter, section, block, line and column in a place", () => {
    expect(
      problemPlace(
        "Kapitel 2 „Bevölkerung, Demografie“, Abschnitt 1 „Entwicklung“, Block 3, Zeile 4, Spalte 18",
      ),
    ).toEqual({ chapter: 1, section: 0, block: 2, line: 4, column: 18 });
    expect(problemPlace("Kapitel 1 „A“, Abschnitt 2 „B“, Block 1")).toEqual({
      chapter: 0,
      section: 1,
      block: 0,
      line: null,
      column: null,
    });
    expect(problemPlace("Titel")).toBeNull();
    expect(problemPlace("Zeitraum")).toBeNull();
  });
});

describe("file names", () => {
  it("takes the server's name, else the fallback", () => {
    expect(fileNameOf('attachment; filename="sb-2021-entwurf.pdf"', "x.pdf")).toBe(
      "sb-2021-entwurf.pdf",
    );
    expect(fileNameOf("attachment; filename*=UTF-8''bericht%20%C3%A4.docx", "x.docx")).toBe(
      "bericht ä.docx",
    );
    expect(fileNameOf("inline; filename=a.html", "x.html")).toBe("a.html");
    expect(fileNameOf(null, "x.xlsx")).toBe("x.xlsx");
    expect(fileNameOf("attachment", "x.xlsx")).toBe("x.xlsx");
  });
});

describe("numbers with their unit", () => {
  it("marks every number with its unit, the text unchanged", () => {
    const text = "Anteil: von 14,0 % auf 19,8 % gestiegen (+5,7 Pp.), 97.882 Personen.";
    const runs = unitRuns(text);
    expect(runs.map((r) => r.text).join("")).toBe(text);
    expect(runs.filter((r) => r.keep).map((r) => r.text)).toEqual(["14,0 %", "19,8 %", "+5,7 Pp."]);
    expect(unitRuns("")).toEqual([{ text: "", keep: false }]);
    expect(unitRuns("−0,6 Pp.")).toEqual([{ text: "−0,6 Pp.", keep: true }]);
  });
});
