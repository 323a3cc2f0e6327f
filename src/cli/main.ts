/**
 * The `sopla` command line: serve, migrate, demo, import, catalogue. Each command opens the
 * database from the environment (DATABASE_URL or the embedded PGlite in SOPLA_DATA_DIR).
 * The embedded database is open in one process at a time: while `sopla serve` holds it, the
 * account commands, `workspaces` and `backup` run inside the server (control.ts), and the
 * others are refused with what to do instead (folder-busy.ts).
 */
import { formatNumber } from "../core/format/number.ts";
import { readFile, writeFile } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { parseArgs } from "node:util";
import { parseIndexDefinition } from "../contracts/social-index.ts";
import { computeIndex } from "../core/social-index/compute.ts";
import { writeIndexResultCsv } from "../exports/csv/index-result-csv.ts";
import { readIndexInput } from "../imports/index-input.ts";
import { buildApp } from "../server/app.ts";
import { AppError } from "../services/app-error.ts";
import { cliActor } from "../services/audit.ts";
import { purgeExpiredRecords } from "../services/accommodation/retention.ts";
import { applyCatalogue, parseCatalogue } from "../services/data/apply-catalogue.ts";
import { restoreFromFile } from "../services/backup.ts";
import { createServiceContext, type ServiceContext } from "../services/context.ts";
import { runImport } from "../services/data/run-import.ts";
import { ensureFirstAdmin, type Role } from "../services/access/users.ts";
import { getWorkspaces, resolveWorkspace } from "../services/workspaces.ts";
import { openDatabase, type Database } from "../storage/db.ts";
import { FolderLockedError, systemProbe } from "../storage/folder-lock.ts";
import { pgliteDir, readConfig, type Config } from "./config.ts";
import { askServer, controlSocketPath, openControlChannel, ServerError } from "./control.ts";
import { seedDemo } from "./demo.ts";
import { folderBusyMessage } from "./folder-busy.ts";
import {
  runOperation,
  type OperationInput,
  type OperationName,
  type OperationOutput,
  type Progress,
} from "./operations.ts";
import { classifyCommand, ClassifyUsageError } from "./classify-command.ts";
import { formatReport } from "./format-report.ts";
import { reportCommand, ReportUsageError } from "./report-command.ts";
import { VERSION } from "./version.ts";

/** The options of `sopla index compute`, in the overall help and in the command's own. */
const INDEX_OPTIONS = `      --definition <Pfad> die Indexdefinition (JSON, siehe docs/methods/social-index.md)
      --input <Pfad>      Werte je Gebiet (CSV: Gebiet, Einwohner, eine Spalte je Indikator)
      --output <Pfad>     das Ergebnis (CSV, eine Zeile je Gebiet)
      --area-column <Spalte>
                          die Spalte mit dem Gebietsschlüssel, z. B. id (Standard: eine von
                          area, gebiet, gebietsschlüssel, code, plr_id)
      --population-column <Spalte>
                          die Spalte mit der Einwohnerzahl, z. B. inhabitants (Standard: eine
                          von population, einwohner, ew)
      --na=<Text>         weiterer Text für „kein Wert“, z. B. --na=-9999 (mehrfach möglich)
      --intl              Ergebnis mit Komma und Dezimalpunkt statt Semikolon und Dezimalkomma`;

const INDEX_HELP = `Aufruf: sopla index compute --definition <Pfad> --input <Pfad> --output <Pfad> [Optionen]

Berechnet einen Sozialindex aus einer CSV-Tabelle, ohne Datenbank: Standardisierung,
Status- und Dynamikindex, Klassen und Matrixgruppe je Gebiet (docs/methods/social-index.md).

Optionen:
${INDEX_OPTIONS}

Abgelehnt wird, ohne dass eine Datei entsteht: eine fehlerhafte Definition, eine Zelle, die
keine Zahl ist, ein doppeltes Gebiet, eine fehlende Spalte und ein Ausschluss der Definition,
dessen Gebiet nicht in der Tabelle steht (etwa weil eine führende Null verloren ging).

Beispiel (eine veröffentlichte Tabelle mit den Spalten id und inhabitants):
  sopla index compute --definition mss-2021.json --input plr.csv \\
    --area-column id --population-column inhabitants --na=-9999 --output ergebnis.csv

Exit-Codes: 0 erfolgreich, 1 abgelehnt oder Fehler, 2 falscher Aufruf.`;

const HELP = `Sopla ${VERSION} – Plattform für kommunale Sozialplanung

Aufruf: sopla <Befehl> [Optionen]

Befehle:
  serve                 Startet Web-App und API (Standard: http://localhost:3000).
                        Legt beim ersten Start die Datenbank an und lädt die Demodaten.
  migrate               Bringt das Datenbankschema auf den neuesten Stand.
  demo                  Lädt den Demo-Arbeitsbereich „Flensburg (Sozialatlas 2022)“.
  import                Importiert eine Datei (CSV, XLSX, GeoJSON, TopoJSON) mit einer Zuordnungsdatei.
      --file <Pfad>       die Datei
      --mapping <Pfad>    die Zuordnung (JSON, siehe docs/import-mapping.md)
      --workspace <slug>  der Arbeitsbereich (entfällt, wenn es nur einen gibt)
      --dry-run           nur prüfen, nichts schreiben
      --label <Text>      Bezeichnung im Importverlauf
      --json              den vollständigen Bericht als JSON ausgeben
  catalogue apply       Legt Gebietsgliederungen, Merkmale und Indikatoren aus einer Katalogdatei an.
      --file <Pfad>
  workspaces            Listet die Arbeitsbereiche.
  user add              Legt ein Konto an und gibt ein Einmalpasswort aus.
      --email <Adresse> --name <Name> --role <Rolle> [--workspace <slug>]
  user list [--workspace <slug>]
                        Listet Konten mit ihren Rollen.
  user set-role         Gibt einem Konto eine Rolle in einem Arbeitsbereich.
      --email <Adresse> --role <Rolle> [--workspace <slug>]
  user reset-password   Setzt ein neues Einmalpasswort und beendet die Sitzungen des Kontos.
      --email <Adresse>
  user disable | enable Sperrt ein Konto (Sitzungen enden) oder gibt es wieder frei.
      --email <Adresse>
  user installation-admin
                        Macht ein Konto zur Installationsverwaltung (verwaltet Konten aller
                        Arbeitsbereiche, siehe docs/adr/0007-separation-of-duties.md).
      --email <Adresse> [--remove]   --remove nimmt das Recht wieder weg
                        Rollen: admin, planner, contributor, occupancy, viewer.
  index compute         Berechnet einen Sozialindex aus einer CSV-Tabelle, ohne Datenbank.
${INDEX_OPTIONS}
  classify              Teilt eine Spalte einer CSV-Tabelle in Klassen wie der Atlas, ohne Datenbank;
                        das Ergebnis ist die Tabelle mit einer Spalte mehr (Klasse 1 = niedrigste Werte).
      --input <Pfad>      die Tabelle (CSV; Trennzeichen, Kodierung und Dezimalkomma werden erkannt)
      --column <Name>     die Spalte mit den Werten
      --method <Methode>  quantile, equal_interval, natural_breaks, std_dev oder manual
      --classes <Zahl>    1 bis 12 (bei manual und std_dev mit --breaks: folgt aus den Grenzen)
      --breaks=<Grenzen>  bei manual die Grenzen, bei std_dev Grenzen in Standardabweichungen,
                          mit Semikolon getrennt, z. B. --breaks="-1;1;1,5"
      --group <Name>      jede Gruppe (z. B. jedes Jahr) für sich klassifizieren
      --output <Pfad>     das Ergebnis (CSV)
      --class-column <Name>  Name der neuen Spalte (Standard: <Spalte>_klasse)
      --na=<Text>         weiterer Text für „kein Wert“, z. B. --na=-9999 (mehrfach möglich)
  report render         Erstellt einen Bericht aus den aktuellen Daten (für geplante Läufe).
      --template <Code|Pfad.json>  die Vorlage (sozialbericht, halbjahresbericht,
                          monatsbericht-unterkuenfte, gebietsprofil oder eine eigene)
      --period <Zeitraum> 2021, 2026-H1 oder 2026-10, je nach Vorlage
      --format <Format>   pdf, docx, xlsx oder html
      --output <Pfad>     die Datei; sie entsteht ganz oder gar nicht
      --area <Gebiet>     bei einem Gebietsprofil; ohne: alle Gebiete in einer Datei
      --workspace <slug>
  accommodation purge [--workspace <slug>]
                        Löscht Aufenthalte, die länger als die Aufbewahrungsfrist (Standard
                        36 Monate nach Auszug) zurückliegen; die Monatsstatistik bleibt.
  backup <Datei> [--workspace <slug>]
                        Sichert die ganze Installation (oder einen Arbeitsbereich) in eine Datei
                        (gzip-komprimiertes NDJSON). Anmeldesitzungen werden nicht gesichert.
  restore <Datei>       Stellt eine Sicherung in einer leeren Datenbank wieder her (PGlite oder
                        PostgreSQL); eine nicht leere Datenbank bleibt unverändert.

Umgebung:
  DATABASE_URL          PostgreSQL-Server (15 oder neuer); ohne: eingebettete Datenbank (PGlite)
  SOPLA_DATA_DIR        Datenordner der eingebetteten Datenbank (Standard: ./.sopla)
  PORT, HOST            Adresse des Servers (Standard: 3000, 127.0.0.1)
  SOPLA_MAX_UPLOAD_MB   größte Importdatei in MB (Standard: 64)
  SOPLA_DEMO=off        beim ersten Start keine Demodaten (und keine Demokonten) laden
  SOPLA_ADMIN_EMAIL     Anmeldename des ersten Administrationskontos (Standard: admin@sopla.localhost)
  SOPLA_TRUST_PROXY     Adressen der vorgeschalteten Proxys (z. B. 127.0.0.1), deren
                        X-Forwarded-For/-Proto gelten; ohne: keinem Proxy vertrauen

Solange „sopla serve“ mit der eingebetteten Datenbank läuft, öffnet nur der Server sie:
user, workspaces und backup führt er selbst aus (über control.sock im Datenordner), die
anderen Befehle werden abgelehnt (Sperrdatei pgdata.lock im Datenordner).

Exit-Codes: 0 erfolgreich, 1 abgelehnt oder Fehler, 2 falscher Aufruf.`;

class UsageError extends Error {
  /** `help`: where the right call is explained. */
  constructor(
    message: string,
    readonly help = "sopla --help",
  ) {
    super(message);
  }
}

/** How the lock file of the embedded database names this process: the command line. */
const HOLDER = ["sopla", ...process.argv.slice(2)].join(" ").slice(0, 200);

async function open(config: Config): Promise<{ db: Database; ctx: ServiceContext }> {
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: pgliteDir(config),
    holder: HOLDER,
  });
  const ctx = createServiceContext(db, { limits: { maxImportBytes: config.maxImportBytes } });
  return { db, ctx };
}

async function serve(config: Config): Promise<void> {
  const { db, ctx } = await open(config);
  console.log(
    `Datenbank: ${db.kind === "pglite" ? `eingebettet (PGlite) in ${db.location}` : db.location}`,
  );
  if (config.seedDemo && (await getWorkspaces(ctx)).length === 0) {
    console.log("Erster Start: lade Demodaten „Flensburg (Sozialatlas 2022)“ …");
    const demo = await seedDemo(ctx);
    const rejected = demo.reports.filter((r) => r.status === "rejected").length;
    console.log(
      `Demodaten geladen: ${demo.reports.length} Importe, davon ${rejected} wegen Fehlern in der Quelle abgelehnt (siehe Importverlauf).`,
    );
  }
  // Also with the demo on: the demo's administrator has a published password and manages its
  // workspace only, so the installation gets its own administrator (ADR 0007).
  const admin = await ensureFirstAdmin(ctx, config.adminEmail);
  if (admin?.kind === "created") {
    console.log(
      `\nErstes Administrationskonto: ${admin.email}\nEinmalpasswort (nur jetzt sichtbar, bei der ersten Anmeldung zu ändern): ${admin.oneTimePassword}\nEs gehört zur Installationsverwaltung: Es verwaltet die Konten aller Arbeitsbereiche.`,
    );
  } else if (admin?.kind === "taken") {
    console.log(
      `\nEs gibt noch keine Installationsverwaltung, und für ${admin.email} (SOPLA_ADMIN_EMAIL) gibt es schon ein Konto. Bestimmen mit: sopla user installation-admin --email <Adresse>`,
    );
  }
  const app = await buildApp({
    ctx,
    version: VERSION,
    publicUrl: config.publicUrl,
    tileUrl: config.tileUrl,
    tileAttribution: config.tileAttribution,
    trustProxy: config.trustProxy,
    logger: { level: config.logLevel === "debug" ? "debug" : "warn" },
  });
  let control: Awaited<ReturnType<typeof openControlChannel>> | null = null;
  const shutdown = async () => {
    await control?.close();
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown());
  process.once("SIGTERM", () => void shutdown());
  await app.listen({ port: config.port, host: config.host });
  if (db.kind === "pglite") {
    try {
      control = await openControlChannel({
        path: controlSocketPath(config.dataDir),
        ctx,
        version: VERSION,
        onError: (e) => console.error("Steuerkanal:", e),
      });
    } catch (e) {
      console.error(
        `Hinweis: ohne Steuerkanal (${e instanceof Error ? e.message : String(e)}). Befehle wie „sopla user add“ werden abgelehnt, solange der Server läuft.`,
      );
    }
  }
  const shown =
    config.host === "0.0.0.0" || config.host === "127.0.0.1" ? "localhost" : config.host;
  console.log(`\nSopla läuft: http://${shown}:${config.port}/`);
  console.log(`API-Dokumentation: http://${shown}:${config.port}/api/docs`);
  console.log("Beenden mit Strg+C.");
}

async function withContext<T>(config: Config, fn: (ctx: ServiceContext) => Promise<T>): Promise<T> {
  const { db, ctx } = await open(config);
  try {
    return await fn(ctx);
  } finally {
    await db.close();
  }
}

/**
 * Runs an operation of operations.ts: inside the running server when one holds the embedded
 * database (it answers on its control socket), else on the database opened here.
 */
async function operate<N extends OperationName>(
  config: Config,
  command: N,
  input: OperationInput<N>,
  onProgress: (p: Progress) => void = () => undefined,
): Promise<OperationOutput<N>> {
  const actor = cliActor();
  if (config.databaseUrl === undefined) {
    const answer = await askServer(controlSocketPath(config.dataDir), {
      command,
      input,
      version: VERSION,
      user: actor.label.replace(/^cli:/, ""),
      onProgress,
    });
    if (answer) {
      console.error("(Ausgeführt vom laufenden Sopla-Server.)");
      return answer.result;
    }
  }
  return withContext(config, (ctx) => runOperation(command, input, ctx, actor, onProgress));
}

const ROLE_TEXT: Record<Role, string> = {
  admin: "Verwaltung",
  planner: "Sozialplanung",
  contributor: "Fachdienst",
  occupancy: "Unterkünfte",
  viewer: "Lesen (Politik)",
};

async function userCommand(config: Config, argv: string[]): Promise<number> {
  const [sub, ...args] = argv;
  const { values } = parseArgs({
    args,
    options: {
      email: { type: "string" },
      name: { type: "string" },
      role: { type: "string" },
      workspace: { type: "string" },
      remove: { type: "boolean" },
    },
    strict: true,
  });
  const need = (key: "email" | "name" | "role"): string => {
    const v = values[key];
    if (v === undefined) throw new UsageError(`user ${sub ?? ""} braucht --${key}.`);
    return v;
  };
  switch (sub ?? "") {
    case "add": {
      const acc = await operate(config, "user.add", {
        email: need("email"),
        displayName: need("name"),
        role: need("role"),
        workspace: values.workspace,
      });
      console.log(
        `Konto angelegt: ${acc.email} (${acc.displayName}), Rolle ${acc.role} in „${acc.workspace}“.`,
      );
      console.log(`Einmalpasswort (wird nur jetzt angezeigt, bei der ersten Anmeldung zu ändern):`);
      console.log(acc.oneTimePassword);
      return 0;
    }
    case "list": {
      const members = await operate(config, "user.list", { workspace: values.workspace });
      for (const m of members) {
        const flags = [
          m.installationAdmin ? "Installationsverwaltung" : null,
          m.pendingRole ? `angefragt: ${m.pendingRole}` : null,
          m.mustChangePassword ? "Einmalpasswort" : null,
          m.disabled ? "gesperrt" : null,
        ]
          .filter(Boolean)
          .join(", ");
        console.log(
          `${m.workspace}\t${m.email}\t${m.displayName}\t${m.role} (${ROLE_TEXT[m.role]})${flags ? `\t${flags}` : ""}`,
        );
      }
      if (members.length === 0) console.log("Keine Konten.");
      return 0;
    }
    case "set-role": {
      const email = need("email");
      const role = need("role");
      await operate(config, "user.set-role", { email, role, workspace: values.workspace });
      console.log(`Rolle von ${email.trim().toLowerCase()} ist jetzt ${role}.`);
      return 0;
    }
    case "reset-password": {
      const email = need("email");
      const { oneTimePassword: password } = await operate(config, "user.reset-password", {
        email,
      });
      console.log(`Neues Einmalpasswort für ${email.trim().toLowerCase()} (nur jetzt sichtbar):`);
      console.log(password);
      return 0;
    }
    case "disable":
    case "enable": {
      const email = need("email");
      const active = sub === "enable";
      await operate(config, "user.set-active", { email, active });
      console.log(
        `Konto ${email.trim().toLowerCase()} ist ${active ? "wieder freigegeben" : "gesperrt; seine Sitzungen sind beendet"}.`,
      );
      return 0;
    }
    case "installation-admin": {
      const email = need("email");
      const on = values.remove !== true;
      await operate(config, "user.installation-admin", { email, on });
      console.log(
        `${email.trim().toLowerCase()} gehört ${on ? "jetzt" : "nicht mehr"} zur Installationsverwaltung.`,
      );
      return 0;
    }
    default:
      throw new UsageError(
        "user kennt add, list, set-role, reset-password, disable, enable und installation-admin.",
      );
  }
}

const germanNumber = (n: number, digits = 0): string => formatNumber(n, digits);

const counted = (n: number, one: string, many: string): string =>
  `${germanNumber(n)} ${n === 1 ? one : many}`;

function fileSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${germanNumber(bytes / 1024, 1)} KB`;
  return `${germanNumber(bytes / 1024 / 1024, 1)} MB`;
}

function onePath(command: string, positionals: string[]): string {
  if (positionals.length !== 1 || positionals[0] === "") {
    throw new UsageError(`${command} braucht genau eine Datei: sopla ${command} <Datei>.`);
  }
  return positionals[0]!;
}

async function backupCommand(config: Config, argv: string[]): Promise<number> {
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
    `Sicherung geschrieben: ${file} (${scope}) – ${counted(summary.tables, "Tabelle", "Tabellen")}, ${counted(summary.rows, "Zeile", "Zeilen")}, ${fileSize(summary.bytes)}, ${germanNumber(seconds, 1)} s.`,
  );
  console.log("Anmeldesitzungen und fehlgeschlagene Anmeldungen sind nicht Teil der Sicherung.");
  return 0;
}

async function restoreCommand(config: Config, argv: string[]): Promise<number> {
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
    `Wiederhergestellt: ${file} (${scope}, gesichert ${header.createdAt} mit Sopla ${header.appVersion}, Schemastand ${header.schema}) – ${counted(summary.tables, "Tabelle", "Tabellen")}, ${counted(summary.rows, "Zeile", "Zeilen")}, ${fileSize(summary.bytes)}, ${germanNumber(seconds, 1)} s.`,
  );
  console.log("Anmeldesitzungen werden nicht wiederhergestellt: alle melden sich neu an.");
  return 0;
}

/** `sopla index compute`: the index engine on files, for statisticians; no database. */
async function indexCommand(argv: string[]): Promise<number> {
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
      if (sub !== "apply") throw new UsageError("catalogue kennt nur „apply“.");
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
    case "user":
      return userCommand(config, rest);
    case "index":
      return indexCommand(rest);
    case "report":
      return reportCommand(rest, (fn) => withContext(config, fn));
    case "classify":
      return classifyCommand(rest);
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

/** A wrong call in German; node's argument parser words its errors in English. */
function usageMessage(e: Error): string {
  const code = "code" in e ? String(e.code) : "";
  const quoted = /'([^']*)'/.exec(e.message)?.[1] ?? "";
  switch (code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `Unbekannte Option „${quoted}“.`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return `Die Option „${quoted.split(" ")[0] ?? quoted}“ braucht einen Wert.`;
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return `Unerwartetes Argument „${quoted}“.`;
    default:
      return e.message;
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
