/**
 * The `sopla` command line: serve, migrate, demo, import, catalogue, crosswalk. Each command opens the
 * database from the environment (DATABASE_URL or the embedded PGlite in SOPLA_DATA_DIR).
 * The embedded database is open in one process at a time: while `sopla serve` holds it, the
 * account commands, `workspaces` and `backup` run inside the server (control.ts), and the
 * others are refused with what to do instead (folder-busy.ts).
 *
 * This file picks the command and turns errors into messages and exit codes; the longer
 * commands live beside it (serve.ts, user-command.ts, backup-command.ts, index-command.ts,
 * report-command.ts, classify-command.ts, crosswalk-command.ts), the help texts in help.ts.
 */
import { readFile, writeFile } from "node:fs/promises";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { formatNumber } from "../core/format/number.ts";
import { AppError } from "../services/app-error.ts";
import { cliActor } from "../services/audit.ts";
import { purgeExpiredRecords } from "../services/accommodation/retention.ts";
import { applyCatalogue, parseCatalogue } from "../services/data/apply-catalogue.ts";
import { runImport } from "../services/data/run-import.ts";
import { resolveWorkspace } from "../services/workspaces.ts";
import { exportCatalogue } from "../services/data/export-catalogue.ts";
import { catalogueJsonSchema } from "../contracts/documents/catalogue.ts";
import { FolderLockedError, systemProbe } from "../storage/folder-lock.ts";
import { backupCommand, restoreCommand } from "./backup-command.ts";
import { classifyCommand, ClassifyUsageError } from "./classify-command.ts";
import { controllingCommand } from "./controlling-command.ts";
import { crosswalkCommand } from "./crosswalk-command.ts";
import { readConfig } from "./config.ts";
import { ServerError } from "./control.ts";
import { operate, withContext } from "./database.ts";
import { seedDemo } from "./demo.ts";
import { folderBusyMessage } from "./folder-busy.ts";
import { formatReport } from "./format-report.ts";
import { HELP, INDEX_HELP } from "./help.ts";
import { indexCommand } from "./index-command.ts";
import { reportCommand, ReportUsageError } from "./report-command.ts";
import { serve } from "./serve.ts";
import { usageMessage, UsageError } from "./usage.ts";
import { userCommand } from "./user-command.ts";
import { VERSION } from "./version.ts";
import { counted } from "./words.ts";

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "index" && (argv.includes("--help") || argv.includes("-h"))) {
    console.log(INDEX_HELP);
    return 0;
  }
  if (
    command === undefined ||
    command === "help" ||
    argv.includes("--help") ||
    argv.includes("-h")
  ) {
    console.log(HELP);
    return command === undefined ? 2 : 0;
  }
  if (command === "--version" || command === "-v") {
    console.log(VERSION);
    return 0;
  }
  const config = readConfig();
  switch (command) {
    case "serve":
      await serve(config);
      return 0;
    case "migrate":
      await withContext(config, async () => undefined);
      console.log("Datenbankschema ist aktuell.");
      return 0;
    case "demo": {
      const result = await withContext(config, (ctx) => seedDemo(ctx));
      for (const r of result.reports) console.log(formatReport(r, 10));
      return 0;
    }
    case "workspaces": {
      const all = await operate(config, "workspaces", {});
      for (const w of all) console.log(`${w.slug}\t${w.name}`);
      return 0;
    }
    case "import": {
      const { values } = parseArgs({
        args: rest,
        options: {
          file: { type: "string" },
          mapping: { type: "string" },
          workspace: { type: "string" },
          "dry-run": { type: "boolean", default: false },
          label: { type: "string" },
          json: { type: "boolean", default: false },
        },
        strict: true,
      });
      if (!values.file || !values.mapping)
        throw new UsageError("import braucht --file und --mapping.");
      const bytes = new Uint8Array(await readFile(values.file));
      let mapping: unknown;
      try {
        mapping = JSON.parse(await readFile(values.mapping, "utf8"));
      } catch (e) {
        throw new AppError(
          "invalid_mapping",
          `Die Zuordnungsdatei ist kein gültiges JSON: ${(e as Error).message}`,
        );
      }
      const report = await withContext(config, async (ctx) =>
        runImport(ctx, {
          actor: cliActor(),
          workspace: await resolveWorkspace(ctx, values.workspace),
          fileName: basename(values.file!),
          bytes,
          mapping,
          dryRun: values["dry-run"],
          label: values.label,
          onProgress: (p) => {
            const n = "records" in p ? formatNumber(p.records, { max: 3 }) : "";
            const text =
              p.phase === "read"
                ? "Lese die Datei …"
                : p.phase === "validate"
                  ? `Prüfe ${n} Werte …`
                  : `Schreibe ${n} Werte …`;
            console.error(text);
          },
        }),
      );
      console.log(values.json ? JSON.stringify(report, null, 2) : formatReport(report));
      return report.counts.errors > 0 ? 1 : 0;
    }
    case "catalogue": {
      const [sub, ...args] = rest;
      if (sub === "schema") {
        console.log(JSON.stringify(catalogueJsonSchema(), null, 2));
        return 0;
      }
      if (sub === "export") {
        const { values } = parseArgs({
          args,
          options: { workspace: { type: "string" }, file: { type: "string" } },
          strict: true,
        });
        const catalogue = await withContext(config, async (ctx) =>
          exportCatalogue(ctx, await resolveWorkspace(ctx, values.workspace)),
        );
        const text = `${JSON.stringify(catalogue, null, 2)}\n`;
        if (values.file) {
          await writeFile(values.file, text);
          console.log(
            `Katalog von „${catalogue.workspace.slug}“ geschrieben: ${values.file} (${catalogue.variables.length} Merkmale, ${catalogue.indicators.length} Indikatoren).`,
          );
        } else process.stdout.write(text);
        return 0;
      }
      if (sub !== "apply") {
        throw new UsageError("catalogue kennt „apply“, „export“ und „schema“.");
      }
      const { values } = parseArgs({ args, options: { file: { type: "string" } }, strict: true });
      if (!values.file) throw new UsageError("catalogue apply braucht --file.");
      const catalogue = parseCatalogue(JSON.parse(await readFile(values.file, "utf8")));
      const summary = await withContext(config, (ctx) =>
        applyCatalogue(ctx, catalogue, cliActor()),
      );
      console.log(
        `Katalog angewandt auf „${summary.workspace}“: ${summary.areaSystems} Gliederungen, ${summary.areas} Gebiete, ${summary.variables} Merkmale, ${summary.indicators} Indikatoren.`,
      );
      return 0;
    }
    case "crosswalk":
      return crosswalkCommand(rest, (fn) => withContext(config, fn));
    case "user":
      return userCommand(config, rest);
    case "index":
      return indexCommand(rest);
    case "report":
      return reportCommand(rest, (fn) => withContext(config, fn));
    case "classify":
      return classifyCommand(rest);
    case "controlling":
      return controllingCommand(rest);
    case "accommodation": {
      const [sub, ...args] = rest;
      if (sub !== "purge") throw new UsageError("accommodation kennt nur „purge“.");
      const { values } = parseArgs({
        args,
        options: { workspace: { type: "string" } },
        strict: true,
      });
      const r = await withContext(config, async (ctx) =>
        purgeExpiredRecords(ctx, await resolveWorkspace(ctx, values.workspace), cliActor()),
      );
      console.log(
        `Aufbewahrungsfrist angewandt (Auszug vor dem ${r.cutoff.split("-").reverse().join(".")}): ${counted(r.persons, "Person", "Personen")}, ${counted(r.stays, "Aufenthalt", "Aufenthalte")}, ${counted(r.households, "Haushalt", "Haushalte")} gelöscht; ${counted(r.months, "Monatsstatistik", "Monatsstatistiken")} gesichert.`,
      );
      return 0;
    }
    case "backup":
      return backupCommand(config, rest);
    case "restore":
      return restoreCommand(config, rest);
    default:
      throw new UsageError(`Unbekannter Befehl „${command}“.`);
  }
}

/**
 * Output that nobody reads any more (`sopla backup f | head -1`) is not an error: the command
 * has done or still does its work, so further output is dropped instead of ending the process
 * with an unhandled EPIPE.
 */
function ignoreClosedOutput(stream: NodeJS.WriteStream): void {
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code !== "EPIPE" && e.code !== "ERR_STREAM_DESTROYED") throw e;
  });
}
ignoreClosedOutput(process.stdout);
ignoreClosedOutput(process.stderr);

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0 || process.argv[2] !== "serve") process.exitCode = code;
  },
  (e: unknown) => {
    if (
      e instanceof UsageError ||
      e instanceof ReportUsageError ||
      e instanceof ClassifyUsageError ||
      (e instanceof TypeError && "code" in e && String(e.code).startsWith("ERR_PARSE_ARGS"))
    ) {
      console.error(
        `${usageMessage(e)}\nHilfe: ${e instanceof UsageError ? e.help : "sopla --help"}`,
      );
      process.exitCode = 2;
    } else if (e instanceof AppError || e instanceof ServerError) {
      console.error(`Fehler [${e.code}]: ${e.message}`);
      if (e.details !== undefined) console.error(JSON.stringify(e.details, null, 2));
      process.exitCode = 1;
    } else if (e instanceof FolderLockedError) {
      console.error(
        folderBusyMessage({
          dataDir: readConfig().dataDir,
          lockFile: e.lockFile,
          holder: e.holder,
          sameHost: e.holder === null || e.holder.host === systemProbe().host,
          command: process.argv[2] ?? "",
        }),
      );
      process.exitCode = 1;
    } else if (e instanceof Error && "code" in e && e.code === "ENOENT") {
      console.error(`Datei nicht gefunden: ${(e as NodeJS.ErrnoException).path ?? e.message}`);
      process.exitCode = 1;
    } else {
      console.error(e);
      process.exitCode = 1;
    }
  },
);
