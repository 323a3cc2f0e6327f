/**
 * The templates Sopla brings along: Sozialbericht, Halbjahresbericht, Monatsbericht
 * Unterkünfte, Gebietsprofil and Controllingbericht (src/services/reports/templates/*.json). They name the indicators of
 * Sopla's demo catalogue; a city whose catalogue differs saves its own version of a template
 * (a workspace's versions take precedence), and building reports any indicator it lacks with
 * the place in the template.
 */
import { readFileSync } from "node:fs";
import { parseReportTemplate } from "../../contracts/documents/report-template.ts";
import type { ReportTemplate } from "../../core/reports/template.ts";

export const BUILT_IN_CODES = [
  "sozialbericht",
  "halbjahresbericht",
  "monatsbericht-unterkuenfte",
  "gebietsprofil",
  "controllingbericht",
] as const;

let cache: ReadonlyMap<string, ReportTemplate> | null = null;

/** The built-in templates by code, read and checked once per process. */
export function builtInTemplates(): ReadonlyMap<string, ReportTemplate> {
  cache ??= new Map(
    BUILT_IN_CODES.map((code) => {
      const json: unknown = JSON.parse(
        readFileSync(new URL(`./templates/${code}.json`, import.meta.url), "utf8"),
      );
      const parsed = parseReportTemplate(json);
      if (!parsed.ok) {
        throw new Error(`Built-in template ${code} is invalid: ${parsed.error.join("; ")}`);
      }
      return [code, parsed.value] as const;
    }),
  );
  return cache;
}
