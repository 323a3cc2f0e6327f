import { describe, expect, it } from "vitest";
import { readNewReportForm, suggestCode, templateName } from "./new-report.ts";
import type { TemplateSummary } from "./reports-api.ts";
import { tDe } from "./test-translate.ts";

const sozialbericht: TemplateSummary = {
  code: "sozialbericht",
  title: "Sozialbericht {{zeitraum}}",
  periodKind: "year",
  perArea: null,
  version: 0,
  builtIn: true,
};
const profile: TemplateSummary = {
  ...sozialbericht,
  code: "gebietsprofil",
  title: "Gebietsprofil {{zeitraum}}",
  perArea: { level: "district" },
};
const half: TemplateSummary = {
  ...sozialbericht,
  code: "halbjahresbericht",
  periodKind: "half_year",
};

const form = { template: "sozialbericht", period: "2021", area: "", code: "sb-2021", title: "" };

describe("the new report form", () => {
  it("suggests a code from template, period and area", () => {
    expect(suggestCode("sozialbericht", "2021", "")).toBe("sozialbericht-2021");
    expect(suggestCode("halbjahresbericht", "2026-h1", "")).toBe("halbjahresbericht-2026-h1");
    expect(suggestCode("gebietsprofil", "2021", "STGT01")).toBe("gebietsprofil-2021-stgt01");
  });

  it("names a template without its placeholders", () => {
    expect(templateName("Sozialbericht {{zeitraum}}")).toBe("Sozialbericht");
    expect(templateName("Bericht {{zeitraum}} für {{gebiet}}")).toBe("Bericht für");
  });

  it("makes the body, without an empty title and with the period as the API writes it", () => {
    expect(readNewReportForm(form, sozialbericht, tDe)).toEqual({
      ok: true,
      body: { code: "sb-2021", template: "sozialbericht", period: "2021" },
    });
    expect(
      readNewReportForm(
        { ...form, template: "halbjahresbericht", period: " 2026-h1 ", title: " HJ " },
        half,
        tDe,
      ),
    ).toEqual({
      ok: true,
      body: { code: "sb-2021", title: "HJ", template: "halbjahresbericht", period: "2026-H1" },
    });
    expect(
      readNewReportForm({ ...form, template: "gebietsprofil", area: "STGT01" }, profile, tDe),
    ).toEqual({
      ok: true,
      body: { code: "sb-2021", template: "gebietsprofil", period: "2021", area: "STGT01" },
    });
  });

  it("names every problem it can see, each with its field", () => {
    const r = readNewReportForm(
      { ...form, template: "gebietsprofil", period: "2021-10", code: "SB 2021" },
      profile,
      tDe,
    );
    expect(r).toEqual({
      ok: false,
      problems: [
        { field: "period", text: "Zeitraum: „2021-10“ ist kein Jahr (z. B. 2021)." },
        { field: "area", text: "Bitte ein Gebiet wählen: die Vorlage beschreibt ein Gebiet." },
        {
          field: "code",
          text: "Kürzel: bitte nur Kleinbuchstaben, Ziffern und Bindestriche, am Anfang ein Buchstabe oder eine Ziffer.",
        },
      ],
    });
    expect(readNewReportForm(form, undefined, tDe)).toEqual({
      ok: false,
      problems: [{ field: "template", text: "Bitte eine Vorlage wählen." }],
    });
  });
});
