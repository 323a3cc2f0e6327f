import { describe, expect, it } from "vitest";
import { folderBusyMessage } from "./folder-busy.ts";

const holder = {
  pid: 1234,
  command: "sopla serve",
  startedAt: "2026-12-07T09:02:13.615Z",
  host: "planung-01",
};
const base = { dataDir: "/srv/sopla/.sopla", lockFile: "/srv/sopla/.sopla/pgdata.lock" };

describe("the message when the data folder is taken", () => {
  it("names the running server, why not, and what to do instead of the command", () => {
    expect(folderBusyMessage({ ...base, holder, sameHost: true, command: "import" })).toBe(
      [
        "Die eingebettete Datenbank in /srv/sopla/.sopla ist schon vom laufenden Sopla-Server (PID 1234, „sopla serve“, gestartet am 07.12.2026 um 10:02 Uhr) geöffnet.",
        "Ein zweiter Prozess darf sie nicht öffnen: was beide schreiben, ginge verloren.",
        "Dateien über die Weboberfläche importieren (Daten → Import) oder den Server anhalten und den Befehl wiederholen.",
      ].join("\n"),
    );
  });

  it("names another command as such, and a second server is told to use PostgreSQL", () => {
    const text = folderBusyMessage({
      ...base,
      holder: { ...holder, command: "sopla import --file a.csv --mapping m.json" },
      sameHost: true,
      command: "serve",
    });
    expect(text).toMatch(/schon von einem anderen Sopla-Prozess \(PID 1234, „sopla import --file/);
    expect(text).toMatch(/Mehrere Server auf einer Datenbank gehen nur mit PostgreSQL/);
  });

  it("points to the lock file when the holder cannot be checked from here", () => {
    const elsewhere = folderBusyMessage({ ...base, holder, sameHost: false, command: "user" });
    expect(elsewhere).toMatch(
      /gestartet am 07\.12\.2026 um 10:02 Uhr auf dem Rechner planung-01\)/,
    );
    expect(elsewhere).toMatch(/die Sperrdatei \/srv\/sopla\/\.sopla\/pgdata\.lock löschen/);
    const unreadable = folderBusyMessage({
      ...base,
      holder: null,
      sameHost: true,
      command: "demo",
    });
    expect(unreadable).toMatch(
      /^Die eingebettete Datenbank in \/srv\/sopla\/\.sopla ist schon von einem anderen Sopla-Prozess geöffnet\./,
    );
    expect(unreadable).toMatch(/Sperrdatei .* löschen/);
  });
});
