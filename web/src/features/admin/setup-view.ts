/**
 * The way of a new municipality from empty to its first map, as steps the Einrichten page
 * shows: each is done when the workspace holds what it asks for, and the first open one is
 * where the page starts.
 */
import type { SetupProgressDto } from "@contracts/areas.ts";

export const SETUP_STEPS = [
  "workspace",
  "areaSystem",
  "boundaries",
  "catalogue",
  "import",
  "map",
] as const;
export type SetupStep = (typeof SETUP_STEPS)[number];

/** What the first step needs of the settings: who publishes, and the municipality key. */
export interface SetupFacts {
  readonly publisher: string | null;
  readonly municipalityKey: string | null;
}

export function doneSteps(progress: SetupProgressDto, facts: SetupFacts): Set<SetupStep> {
  const done = new Set<SetupStep>();
  if (facts.publisher !== null && facts.municipalityKey !== null) done.add("workspace");
  if (progress.areaSystems > 0) done.add("areaSystem");
  if (progress.areasWithBoundary > 0) done.add("boundaries");
  if (progress.variables > 0 && progress.indicators > 0) done.add("catalogue");
  if (progress.observations > 0) done.add("import");
  if (SETUP_STEPS.slice(0, -1).every((s) => done.has(s))) done.add("map");
  return done;
}

/** The first step not done yet; the last one when all are. */
export function currentStep(done: ReadonlySet<SetupStep>): SetupStep {
  return SETUP_STEPS.find((s) => !done.has(s)) ?? "map";
}

/** The levels a new system starts with: a city's districts, or a county's municipalities. */
export function startLevels(kind: "city" | "county") {
  return kind === "city"
    ? [
        { code: "stadt", name: "Stadt" },
        { code: "stadtteil", name: "Stadtteil" },
      ]
    : [
        { code: "kreis", name: "Kreis" },
        { code: "gemeinde", name: "Gemeinde" },
      ];
}

/** The format of a boundary file by its name, as the area mapping names it. */
export function boundaryFormat(
  fileName: string,
): "geojson" | "topojson" | "shapefile" | "geopackage" {
  if (/\.topojson$/i.test(fileName)) return "topojson";
  if (/\.zip$/i.test(fileName)) return "shapefile";
  if (/\.gpkg$/i.test(fileName)) return "geopackage";
  return "geojson";
}

const CODE_NAMES =
  /^(code|id|nr|nummer|schluessel|schlüssel|ags|ars|key|gebiet_?nr|.*_(id|nr|code))$/i;
const NAME_NAMES = /^(name|bezeichnung|gen|gebiet|stadtteil|bezirk|gemeinde|.*_?name)$/i;

/**
 * The property a file most likely holds the code (or the name) in: by its name first ("nr",
 * "AGS", "PGR_ID"; "name", "GEN"), for a code among those whose values are unique; "" when
 * none fits, so the planner chooses.
 */
export function guessProperty(
  properties: readonly { name: string; unique: boolean; examples: readonly string[] }[],
  role: "code" | "name",
): string {
  if (role === "code") {
    const unique = properties.filter((p) => p.unique);
    return (unique.find((p) => CODE_NAMES.test(p.name)) ?? unique[0])?.name ?? "";
  }
  const named = properties.find((p) => NAME_NAMES.test(p.name));
  const texty = properties.find((p) => p.examples.some((e) => /[A-Za-zÄÖÜäöüß]{3}/.test(e)));
  return (named ?? texty)?.name ?? "";
}

/** The name pattern that drops a leading number: "03 Nordstadt" → "Nordstadt". */
export const LEADING_NUMBER = "^\\d+\\s+(.+)$";

/** Whether a file's names carry a number before the name ("03 Nordstadt"). */
export function numberedNames(examples: readonly string[]): boolean {
  return examples.length > 0 && examples.every((e) => /^\d+\s+\S/.test(e));
}
