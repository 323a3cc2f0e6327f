/**
 * `sopla crosswalk import | apply | list`: store a crosswalk (Umschlüsselung) from a CSV file
 * and carry the counts of the old areas onto the new ones. Method: docs/methods/crosswalk.md.
 */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { formatNumber } from "../core/format/number.ts";
import { cliActor } from "../services/audit.ts";
import type { ServiceContext } from "../services/context.ts";
import { applyCrosswalk, createCrosswalk, getCrosswalks } from "../services/data/crosswalks.ts";
import { resolveWorkspace } from "../services/workspaces.ts";
import { UsageError } from "./usage.ts";
import { counted } from "./words.ts";

type WithContext = <T>(fn: (ctx: ServiceContext) => Promise<T>) => Promise<T>;

const n = (x: number) => formatNumber(x, { max: 0 });
const germanDate = (iso: string) => iso.split("-").reverse().join(".");

export async function crosswalkCommand(
  args: readonly string[],
  withContext: WithContext,
): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === "list") {
    const { values } = parseArgs({
      args: rest,
      options: { workspace: { type: "string" } },
      strict: true,
    });
    const all = await withContext(async (ctx) =>
      getCrosswalks(ctx, await resolveWorkspace(ctx, values.workspace)),
    );
    for (const c of all) {
      console.log(
        `${c.code}\t${c.name}\tab ${germanDate(c.validFrom)}\t${c.basis}\t${n(c.oldAreas)} alt → ${n(c.newAreas)} neu`,
      );
    }
    return 0;
  }
  if (sub === "import") {
    const { values } = parseArgs({
      args: rest,
      options: {
        file: { type: "string" },
        code: { type: "string" },
        name: { type: "string" },
        basis: { type: "string" },
        "valid-from": { type: "string" },
        source: { type: "string" },
        "old-column": { type: "string" },
        "new-column": { type: "string" },
        "weight-column": { type: "string" },
        workspace: { type: "string" },
      },
      strict: true,
    });
    const missing = (["file", "code", "name", "basis", "valid-from"] as const).filter(
      (k) => !values[k],
    );
    if (missing.length > 0) {
      throw new UsageError(`crosswalk import braucht ${missing.map((m) => `--${m}`).join(", ")}.`);
    }
    if (values.basis !== "areal" && values.basis !== "population") {
      throw new UsageError(
        "--basis ist „areal“ (nach Fläche) oder „population“ (nach Bevölkerung).",
      );
    }
    const basis = values.basis;
    const bytes = new Uint8Array(await readFile(values.file!));
    const created = await withContext(async (ctx) =>
      createCrosswalk(ctx, await resolveWorkspace(ctx, values.workspace), cliActor(), {
        code: values.code!,
        name: values.name!,
        basis,
        validFrom: values["valid-from"]!,
        source: values.source,
        file: { name: basename(values.file!), bytes },
        columns: {
          old: values["old-column"],
          new: values["new-column"],
          weight: values["weight-column"],
        },
      }),
    );
    const c = created.crosswalk;
    console.log(
      `Umschlüsselung „${c.code}“ gespeichert: ${n(c.shares)} Anteile, ${n(c.oldAreas)} alte → ${n(c.newAreas)} neue Gebiete, gültig ab ${germanDate(c.validFrom)}.`,
    );
    for (const i of created.issues.filter((x) => x.severity !== "info"))
      console.log(`Warnung: ${i.message}`);
    const notes = created.issues.filter((x) => x.severity === "info").length;
    if (notes > 0)
      console.log(
        `${n(notes)} Hinweise zu Splitterflächen (weggelassen, Anteile neu auf 1 gebracht).`,
      );
    return 0;
  }
  if (sub === "apply") {
    const { values } = parseArgs({
      args: rest,
      options: {
        code: { type: "string" },
        workspace: { type: "string" },
        json: { type: "boolean", default: false },
      },
      strict: true,
    });
    if (!values.code) throw new UsageError("crosswalk apply braucht --code.");
    const report = await withContext(async (ctx) =>
      applyCrosswalk(ctx, await resolveWorkspace(ctx, values.workspace), cliActor(), values.code!),
    );
    if (values.json) {
      console.log(JSON.stringify(report, null, 2));
      return 0;
    }
    const k = report.counts;
    if (report.importId === null)
      console.log("Keine Änderung: alle übertragenen Werte stehen schon so in der Datenbank.");
    console.log(
      `Umschlüsselung „${report.crosswalk}“ angewandt: ${counted(report.variables.length, "Merkmal", "Merkmale")}, ${counted(report.periods.length, "Zeitraum", "Zeiträume")} (${report.periods.join(", ") || "keine"}).`,
    );
    console.log(
      `Neu ${n(k.new)}, geändert ${n(k.revised)}, unverändert ${n(k.unchanged)}; davon geschätzt (s) ${n(k.estimated)}, genau ${n(k.exact)}, ohne Wert ${n(k.missing)}; ${n(k.kept)} gelieferte Werte blieben stehen.`,
    );
    for (const s of report.skipped) console.log(`Nicht übertragen: ${s.reason}`);
    if (report.unmappedOld.length > 0) {
      console.log(`Alte Gebiete ohne Anteile (nicht übertragen): ${report.unmappedOld.join(", ")}`);
    }
    if (report.newWithoutValue.length > 0) {
      console.log(`Neue Gebiete ohne Wert: ${report.newWithoutValue.join(", ")}`);
    }
    for (const i of report.issues.filter((x) => x.severity === "warning"))
      console.log(`Warnung: ${i.message}`);
    return 0;
  }
  throw new UsageError("crosswalk kennt „import“, „apply“ und „list“.");
}
