/**
 * What a `sopla` command says when the embedded database is open in another process: who holds
 * it, why a second process must not open it, and what to do instead — per command.
 */
import type { LockHolder } from "../storage/folder-lock.ts";

/** What to do instead, per command, when the folder is taken (the server, as a rule). */
export const WHILE_TAKEN: Readonly<Record<string, string>> = {
  serve:
    "Den laufenden Server benutzen oder ihn zuerst anhalten. Mehrere Server auf einer Datenbank gehen nur mit PostgreSQL (DATABASE_URL).",
  migrate:
    "Der Server bringt das Schema beim Start selbst auf den neuesten Stand; für „sopla migrate“ den Server anhalten und den Befehl wiederholen.",
  demo: "Den Server anhalten und den Befehl wiederholen.",
  import:
    "Dateien über die Weboberfläche importieren (Daten → Import) oder den Server anhalten und den Befehl wiederholen.",
  catalogue: "Den Server anhalten und den Befehl wiederholen.",
  crosswalk:
    "Umschlüsselungen über die API anlegen und anwenden (/api/crosswalks) oder den Server anhalten und den Befehl wiederholen.",
  user: "Konten über die Weboberfläche verwalten (Verwaltung) oder den Server anhalten und den Befehl wiederholen.",
  workspaces: "Den Server anhalten und den Befehl wiederholen.",
  report:
    "Berichte in der Weboberfläche erstellen und veröffentlichen (Berichte) oder den Server anhalten und den Befehl wiederholen.",
  accommodation: "Den Server anhalten und den Befehl wiederholen.",
  backup: "Den Server anhalten und den Befehl wiederholen.",
  restore:
    "Eine Sicherung wird in einen neuen, leeren Datenordner eingespielt (SOPLA_DATA_DIR), nicht in den eines laufenden Servers.",
};

/**
 * The German message for a command refused because `holder` has the database open. `holder`
 * is null when the lock file could not be read; `sameHost` says whether the holder runs here.
 */
export function folderBusyMessage(input: {
  readonly dataDir: string;
  readonly lockFile: string;
  readonly holder: LockHolder | null;
  readonly sameHost: boolean;
  readonly command: string;
}): string {
  const { holder } = input;
  const who = holder
    ? `${holder.command.startsWith("sopla serve") ? "vom laufenden Sopla-Server" : "von einem anderen Sopla-Prozess"} (PID ${holder.pid}, „${holder.command}“, gestartet ${formatStart(holder.startedAt)}${input.sameHost ? "" : ` auf dem Rechner ${holder.host}`})`
    : "von einem anderen Sopla-Prozess";
  const lines = [
    `Die eingebettete Datenbank in ${input.dataDir} ist schon ${who} geöffnet.`,
    "Ein zweiter Prozess darf sie nicht öffnen: was beide schreiben, ginge verloren.",
    WHILE_TAKEN[input.command] ?? "Den anderen Prozess beenden und den Befehl wiederholen.",
  ];
  if (holder === null || !input.sameHost) {
    lines.push(
      `Läuft dieser Prozess sicher nicht mehr, die Sperrdatei ${input.lockFile} löschen und den Befehl wiederholen.`,
    );
  }
  return lines.join("\n");
}

function formatStart(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const day = date.toLocaleDateString("de-DE", {
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
  });
  const time = date.toLocaleTimeString("de-DE", { hour: "2-digit", minute: "2-digit" });
  return `am ${day} um ${time} Uhr`;
}
