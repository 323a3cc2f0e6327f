/** `sopla index compute`: a social index from a CSV table, without a database. */
import { readFile, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { parseIndexDefinition } from "../contracts/documents/index-definition.ts";
import { computeIndex } from "../core/social-index/compute.ts";
import { writeIndexResultCsv } from "../exports/csv/index-result-csv.ts";
import { readIndexInput } from "../imports/index-input.ts";
import { usageMessage, UsageError } from "./usage.ts";
import { counted } from "./words.ts";

/** `sopla index compute`: the index engine on files, for statisticians; no database. */
export async function indexCommand(argv: string[]): Promise<number> {
  const [sub, ...args] = argv;
  const help = "sopla index compute --help";
  if (sub !== "compute") throw new UsageError("index kennt nur „compute“.", help);
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        definition: { type: "string" },
        input: { type: "string" },
        output: { type: "string" },
        "area-column": { type: "string" },
        "population-column": { type: "string" },
        na: { type: "string", multiple: true },
        intl: { type: "boolean" },
      },
      strict: true,
    }));
  } catch (e) {
    throw e instanceof Error ? new UsageError(usageMessage(e), help) : e;
  }
  if (!values.definition || !values.input || !values.output) {
    throw new UsageError("index compute braucht --definition, --input und --output.", help);
  }
  let json: unknown;
  try {
    json = JSON.parse(await readFile(values.definition, "utf8"));
  } catch (e) {
    console.error(
      `Die Definition ist kein gültiges JSON: ${e instanceof Error ? e.message : String(e)}`,
    );
    return 1;
  }
  const definition = parseIndexDefinition(json);
  if (!definition.ok) {
    console.error(`Die Definition ${values.definition} ist fehlerhaft:`);
    for (const p of definition.error) console.error(`  ${p}`);
    return 1;
  }
  const input = readIndexInput(await readFile(values.input), definition.value, {
    missing: values.na ?? [],
    areaColumn: values["area-column"],
    populationColumn: values["population-column"],
  });
  if (!input.ok) {
    console.error(`Die Tabelle ${values.input} ist fehlerhaft; nichts wurde geschrieben:`);
    for (const p of input.error) console.error(`  ${p}`);
    return 1;
  }
  const result = computeIndex(definition.value, input.value);
  if (!result.ok) {
    console.error("Der Index lässt sich nicht berechnen; nichts wurde geschrieben:");
    for (const p of result.error) console.error(`  ${p}`);
    return 1;
  }
  await writeFile(values.output, writeIndexResultCsv(result.value, values.intl ? "intl" : "de"));
  const r = result.value;
  const counts = (
    c: Readonly<Record<string, number>>,
    bands: readonly { key: string; label: string }[],
  ) => bands.map((b) => `${b.label} ${c[b.key] ?? 0}`).join(", ");
  console.log(
    `${r.definition.name}: ${counted(r.included, "Gebiet", "Gebiete")} im Index, ${r.excluded} ausgeschlossen.`,
  );
  console.log(`  Status: ${counts(r.counts.status, r.definition.statusClasses)}`);
  if (r.definition.dynamics.length > 0) {
    console.log(`  Dynamik: ${counts(r.counts.dynamics, r.definition.dynamicsClasses)}`);
  }
  console.log(`Ergebnis geschrieben: ${values.output}`);
  return 0;
}
