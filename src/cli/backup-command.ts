/** `sopla backup <Datei>` and `sopla restore <Datei>`: the whole installation or one workspace. */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { formatNumber } from "../core/format/number.ts";
import { restoreFromFile } from "../services/backup.ts";
import type { Config } from "./config.ts";
import { operate, withContext } from "./database.ts";
import { onePath, UsageError } from "./usage.ts";
import { VERSION } from "./version.ts";
import { counted, fileSize } from "./words.ts";

export async function backupCommand(config: Config, argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { workspace: { type: "string" } },
    allowPositionals: true,
    strict: true,
  });
  const file = onePath("backup", positionals);
  if (values.workspace === "") throw new UsageError("--workspace braucht einen Namen (slug).");
  const started = performance.now();
  const summary = await operate(
    config,
    "backup",
    { file: resolve(file), workspace: values.workspace, appVersion: VERSION },
    ({ table, rows }) => console.error(`  ${table}: ${counted(rows, "Zeile", "Zeilen")}`),
  );
  const seconds = (performance.now() - started) / 1000;
  const scope =
    values.workspace === undefined ? "ganze Installation" : `Arbeitsbereich „${values.workspace}“`;
  console.log(
    `Sicherung geschrieben: ${file} (${scope}) – ${counted(summary.tables, "Tabelle", "Tabellen")}, ${counted(summary.rows, "Zeile", "Zeilen")}, ${fileSize(summary.bytes)}, ${formatNumber(seconds, 1)} s.`,
  );
  console.log("Anmeldesitzungen und fehlgeschlagene Anmeldungen sind nicht Teil der Sicherung.");
  return 0;
}

export async function restoreCommand(config: Config, argv: string[]): Promise<number> {
  const { positionals } = parseArgs({
    args: argv,
    options: {},
    allowPositionals: true,
    strict: true,
  });
  const file = onePath("restore", positionals);
  const started = performance.now();
  const summary = await withContext(config, (ctx) =>
    restoreFromFile(ctx, {
      file,
      onTable: (table, rows) => console.error(`  ${table}: ${counted(rows, "Zeile", "Zeilen")}`),
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const { header } = summary;
  const scope =
    header.scope === "all" ? "ganze Installation" : `Arbeitsbereich „${header.scope.workspace}“`;
  console.log(
    `Wiederhergestellt: ${file} (${scope}, gesichert ${header.createdAt} mit Sopla ${header.appVersion}, Schemastand ${header.schema}) – ${counted(summary.tables, "Tabelle", "Tabellen")}, ${counted(summary.rows, "Zeile", "Zeilen")}, ${fileSize(summary.bytes)}, ${formatNumber(seconds, 1)} s.`,
  );
  console.log("Anmeldesitzungen werden nicht wiederhergestellt: alle melden sich neu an.");
  return 0;
}
