/**
 * Builds the demo workspace "Flensburg (Sozialatlas 2022)" from the real published tables in
 * demo/flensburg through the product's own catalogue and import pipeline. Source defects are
 * not patched: the imports report them (and reject a table that cannot be read).
 */
import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { parseIndexDefinition } from "../contracts/documents/index-definition.ts";
import { applyCatalogue, parseCatalogue } from "../services/data/apply-catalogue.ts";
import type { Actor } from "../services/audit.ts";
import type { ServiceContext } from "../services/context.ts";
import type { ImportReport } from "../services/data/import-report.ts";
import { syntheticAccommodation } from "../core/accommodation/synthetic.ts";
import { addFacilities } from "../services/accommodation/facilities.ts";
import { addRecords } from "../services/accommodation/stay-import.ts";
import { createReport, decideFindings } from "../services/reports/reports.ts";
import { getAreas } from "../services/areas.ts";
import { runIndex } from "../services/social-index/index-runs.ts";
import { saveIndexDefinition } from "../services/social-index/index-definitions.ts";
import { runImport } from "../services/data/run-import.ts";
import { addDemoUsers } from "../services/access/users.ts";
import { resolveWorkspace } from "../services/workspaces.ts";
import { seedProgramme } from "./demo-programme.ts";

export const DEMO_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../demo/flensburg");

const manifestSchema = z.object({
  catalogue: z.string(),
  users: z.string().optional(),
  imports: z.array(z.object({ file: z.string(), mapping: z.string() })),
  /** Social indices saved and run after the imports, so the Analysen page has results. */
  indices: z
    .array(
      z.object({
        definition: z.string(),
        populationIndicator: z.string(),
        comment: z.string().optional(),
        runs: z.array(z.object({ level: z.string(), period: z.string() })),
      }),
    )
    .default([]),
  /** A synthetic accommodation history ("Beispieldaten"): no real records exist for a demo. */
  accommodation: z
    .object({
      note: z.string(),
      seed: z.int(),
      start: z.string(),
      months: z.int().min(6).max(240),
      householdsPerMonth: z.number().positive(),
    })
    .optional(),
  /** The strategic programme (Beispieldaten), written after the users its measures name. */
  programme: z.string().optional(),
  /** Reports to start from (drafts; publishing needs Chromium and is left to the planner). */
  reports: z
    .array(
      z.object({
        code: z.string(),
        template: z.string(),
        period: z.string(),
        area: z.string().optional(),
        /** Generated key findings to drop, with the reason in `note`. */
        drop: z.array(z.string()).default([]),
        note: z.string().optional(),
      }),
    )
    .default([]),
});

const usersFileSchema = z.object({
  note: z.string(),
  users: z.array(
    z.object({ email: z.string(), name: z.string(), role: z.string(), password: z.string() }),
  ),
});

export interface DemoResult {
  readonly workspace: string;
  readonly reports: readonly ImportReport[];
}

/** The demo data is loaded by the system, not by a person. */
const DEMO_ACTOR: Actor = { userId: null, label: "system:demo" };

export async function seedDemo(ctx: ServiceContext, dir: string = DEMO_DIR): Promise<DemoResult> {
  const manifest = manifestSchema.parse(JSON.parse(await readFile(join(dir, "demo.json"), "utf8")));
  const catalogue = parseCatalogue(
    JSON.parse(await readFile(join(dir, manifest.catalogue), "utf8")),
  );
  await applyCatalogue(ctx, catalogue, DEMO_ACTOR);
  const ws = await resolveWorkspace(ctx, catalogue.workspace.slug);
  const reports: ImportReport[] = [];
  for (const item of manifest.imports) {
    const bytes = new Uint8Array(await readFile(join(dir, item.file)));
    const mapping: unknown = JSON.parse(await readFile(join(dir, item.mapping), "utf8"));
    const fileName = item.file.split("/").at(-1) ?? item.file;
    reports.push(
      await runImport(ctx, {
        workspace: ws,
        fileName,
        bytes,
        mapping,
        dryRun: false,
        actor: DEMO_ACTOR,
      }),
    );
  }
  for (const item of manifest.indices) {
    const definition = parseIndexDefinition(
      JSON.parse(await readFile(join(dir, item.definition), "utf8")),
    );
    if (!definition.ok) throw new Error(`${item.definition}: ${definition.error.join("; ")}`);
    const { index } = await saveIndexDefinition(
      ctx,
      ws,
      {
        definition: definition.value,
        populationIndicator: item.populationIndicator,
        comment: item.comment,
      },
      DEMO_ACTOR,
      "planning",
    );
    for (const run of item.runs) {
      // The data version moved with every import: read the workspace as it is now.
      const current = await resolveWorkspace(ctx, ws.slug);
      await runIndex(ctx, current, index.code, run, DEMO_ACTOR, "planning");
    }
  }
  if (manifest.accommodation !== undefined) {
    const a = manifest.accommodation;
    const data = syntheticAccommodation(a);
    // The facilities lie in the districts, in turn.
    const districts = (await getAreas(ctx, ws, { level: "district", geometry: false })).map(
      (x) => x.code,
    );
    await addFacilities(
      ctx,
      ws,
      data.facilities.map((f, i) => ({
        ...f,
        address: null,
        areaCode: districts.length > 0 ? districts[i % districts.length]! : null,
        wheelchairAccess: i % 3 === 0,
        familyRooms: f.type === "refugee_shared" || f.type === "dispersed_flat",
        example: true,
      })),
      DEMO_ACTOR,
    );
    await addRecords(ctx, ws, data, DEMO_ACTOR);
  }
  for (const r of manifest.reports) {
    await createReport(ctx, ws, r, DEMO_ACTOR);
    if (r.drop.length > 0) {
      await decideFindings(
        ctx,
        ws,
        r.code,
        Object.fromEntries(r.drop.map((id) => [id, { drop: true } as const])),
        DEMO_ACTOR,
      );
    }
  }
  if (manifest.users !== undefined) {
    const file = usersFileSchema.parse(
      JSON.parse(await readFile(join(dir, manifest.users), "utf8")),
    );
    await addDemoUsers(ctx, ws.slug, file.users, DEMO_ACTOR);
  }
  if (manifest.programme !== undefined) {
    await seedProgramme(
      ctx,
      await resolveWorkspace(ctx, ws.slug),
      dir,
      manifest.programme,
      DEMO_ACTOR,
    );
  }
  return { workspace: ws.slug, reports };
}
