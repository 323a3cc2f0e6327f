/**
 * The DNS weather symbols recomputed from the published series (`sopla controlling assess`):
 * the agreement on the fixture copy of the DNS indicator repository is held as a floor, so a
 * change to the rule that loses agreement fails here. No database.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { assessDnsFolder } from "../../src/cli/controlling-command.ts";

const ROOT = join(import.meta.dirname, "../..");
const FOLDER = join(ROOT, "test/fixtures/dns-indicator-ratings");
const tmp = mkdtempSync(join(tmpdir(), "sopla-dns-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("DNS weather symbols on the published ratings", () => {
  it("reproduces the published symbol in at least 92,5 % of the ratings it can recompute", async () => {
    const a = await assessDnsFolder(FOLDER);
    expect(a.issues).toEqual([]);
    expect(a.overall.published).toBe(442);
    // Reached when written: 328 of 354 recomputable ratings (92,7 %, 328/354 = 0,92655), with
    // the series map (src/imports/controlling/dns-series-map.ts).
    expect(a.overall.reproducible).toBeGreaterThanOrEqual(354);
    expect(a.overall.agreeing / a.overall.reproducible).toBeGreaterThanOrEqual(0.925);
    for (const c of a.comparisons) {
      if (c.reproducible) {
        expect(c.computed).not.toBeNull();
        // Every recomputed rating names the series it used.
        expect(c.reason).toMatch(/Zeitreihe: /);
      }
      expect(c.reason).not.toBe("");
      // Every series the map names exists in the fixture.
      expect(c.reason).not.toMatch(/^Zuordnung der Zeitreihe/);
    }
  });

  it("runs as a shell user would and writes every rating", () => {
    const out = join(tmp, "dns.csv");
    const r = spawnSync(
      process.execPath,
      [join(ROOT, "bin/sopla.mjs"), "controlling", "assess", "--dns", FOLDER, "--output", out],
      { encoding: "utf8", env: { ...process.env, TZ: "Europe/Berlin" } },
    );
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^2020: \d+ von \d+ nachrechenbaren Bewertungen stimmen überein/m);
    expect(r.stdout).toMatch(
      /^Gesamt: 328 von 354 nachrechenbaren Bewertungen stimmen überein \(92,7\s%\)/m,
    );
    const lines = readFileSync(out, "utf8")
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).toBe(
      "indikator;datei;ziel;zielkategorie;bewertungsjahr;veroeffentlicht;berechnet;nachrechenbar;uebereinstimmung;begruendung",
    );
    expect(lines).toHaveLength(443);
  });
});
