/**
 * `sopla serve`: the web server on the database, with the demo on a first start, the first
 * installation administrator, and the control socket through which the shell's commands run
 * inside the server while it holds the embedded database (ADR 0008).
 */
import { buildApp } from "../server/app.ts";
import { ensureFirstAdmin } from "../services/access/users.ts";
import { getWorkspaces } from "../services/workspaces.ts";
import type { Config } from "./config.ts";
import { controlSocketPath, openControlChannel } from "./control.ts";
import { open } from "./database.ts";
import { seedDemo } from "./demo.ts";
import { VERSION } from "./version.ts";

/** Starts the server; returns once it listens. */
export async function serve(config: Config): Promise<void> {
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
