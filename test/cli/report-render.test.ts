/**
 * `sopla report render` as a scheduled job runs it: a real child process on a PGlite data
 * directory holding the demo, the files opened by the programs a reader would use — the PDF
 * read back with poppler's pdftotext and its first page drawn with pdftoppm, the DOCX and XLSX
 * converted by LibreOffice. A broken template or a period without data writes nothing.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { convertWithLibreOffice, removeLibreOfficeFiles } from "../support/libreoffice.ts";
import { canRun } from "../support/tools.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "sopla-report-cli-"));
const env = { ...process.env, SOPLA_DATA_DIR: join(dir, "db") };

function sopla(...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, "bin/sopla.mjs"), ...args], {
    encoding: "utf8",
    timeout: 240_000,
    env,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const pdfText = (file: string) =>
  execFileSync("/usr/bin/pdftotext", [file, "-"], { encoding: "utf8" });

describe.skipIf(!canRun("chromium", "pdftotext", "pdftoppm", "soffice"))(
  "sopla report render",
  () => {
    beforeAll(() => {
      const demo = sopla("demo");
      expect(demo.code, demo.err).toBe(0);
    }, 240_000);
    afterAll(async () => {
      await removeLibreOfficeFiles();
    });

    it("writes the Sozialbericht as a PDF whose text and pages a reader gets", () => {
      const out = join(dir, "sozialbericht.pdf");
      const r = sopla(
        "report",
        "render",
        "--template",
        "sozialbericht",
        "--period",
        "2021",
        "--format",
        "pdf",
        "--output",
        out,
      );
      expect(r.code, r.err).toBe(0);
      expect(r.out).toMatch(/^Sozialbericht 2021 \(PDF, [\d.]+ KB, [\d,]+ s\) geschrieben: /);
      const text = pdfText(out);
      for (const expected of [
        "Sozialbericht 2021",
        "Inhalt",
        "Ende 2021 lebten in Flensburg 97.882 Personen",
        "Tabelle 1:",
        "Abbildung 1:",
        "Methodenanhang",
        "Seite 2 von",
      ]) {
        expect(text).toContain(expected);
      }
      execFileSync("/usr/bin/pdftoppm", [
        "-png",
        "-r",
        "30",
        "-f",
        "1",
        "-l",
        "1",
        out,
        join(dir, "page"),
      ]);
      expect(statSync(join(dir, "page-01.png")).size).toBeGreaterThan(2000);
    }, 240_000);

    it("writes a DOCX and an XLSX that LibreOffice opens", async () => {
      const docx = join(dir, "sozialbericht.docx");
      const xlsx = join(dir, "sozialbericht.xlsx");
      for (const [format, out] of [
        ["docx", docx],
        ["xlsx", xlsx],
      ] as const) {
        const r = sopla(
          "report",
          "render",
          "--template",
          "sozialbericht",
          "--period",
          "2021",
          "--format",
          format,
          "--output",
          out,
        );
        expect(r.code, r.err).toBe(0);
      }
      const fromWord = pdfText(await convertWithLibreOffice(docx, "pdf"));
      expect(fromWord).toContain("Bevölkerung und Demografie");
      expect(fromWord).toContain("97.882");
      const fromCalc = pdfText(await convertWithLibreOffice(xlsx, "pdf"));
      expect(fromCalc).toContain("Tabelle 1");
      expect(fromCalc).toContain("97.882");
    }, 240_000);

    it("writes the profiles of every district in one file", () => {
      const out = join(dir, "profile.pdf");
      const r = sopla(
        "report",
        "render",
        "--template",
        "gebietsprofil",
        "--period",
        "2021",
        "--format",
        "pdf",
        "--output",
        out,
      );
      expect(r.code, r.err).toBe(0);
      const text = pdfText(out);
      expect(text).toContain("Gebietsprofile 2021: alle 13 Gebiete der Ebene Stadtteil");
      expect(text).toContain("Altstadt im Vergleich mit der Stadt, 2021");
      expect(text).toContain("Weiche im Vergleich mit der Stadt, 2021");
    }, 240_000);

    it("writes nothing for a broken template or a month without figures, and says where", () => {
      const template = join(dir, "kaputt.json");
      writeFileSync(
        template,
        JSON.stringify({
          code: "kaputt",
          title: "Kaputt {{zeitraum}}",
          periodKind: "year",
          chapters: [
            {
              title: "Eins",
              sections: [{ title: "Zwei", blocks: [{ type: "text", markdown: "{{wert armut}}" }] }],
            },
          ],
        }),
      );
      const out = join(dir, "kaputt.pdf");
      const broken = sopla(
        "report",
        "render",
        "--template",
        template,
        "--period",
        "2021",
        "--format",
        "pdf",
        "--output",
        out,
      );
      expect(broken.code).toBe(1);
      expect(broken.err).toContain("Kapitel 1 „Eins“, Abschnitt 1 „Zwei“");
      expect(broken.err).toContain("Indikator „armut“ gibt es nicht im Katalog.");
      expect(existsSync(out)).toBe(false);

      const month = sopla(
        "report",
        "render",
        "--template",
        "monatsbericht-unterkuenfte",
        "--period",
        "2019-01",
        "--format",
        "docx",
        "--output",
        out,
      );
      expect(month.code).toBe(1);
      expect(month.err).toContain(
        "Für den Zeitraum des Berichts gibt es keine Belegungsstatistik.",
      );
      expect(existsSync(out)).toBe(false);
      expect(readFileSync(template, "utf8")).toContain("kaputt");
    }, 240_000);

    it("refuses a wrong call with exit code 2", () => {
      const r = sopla(
        "report",
        "render",
        "--template",
        "sozialbericht",
        "--period",
        "2021",
        "--format",
        "odt",
        "--output",
        join(dir, "x.odt"),
      );
      expect(r.code).toBe(2);
      expect(r.err).toContain("--format odt: möglich sind pdf, docx, xlsx, html.");
    });
  },
);
