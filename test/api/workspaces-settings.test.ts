/**
 * A workspace's settings as its administrator changes them: only the named ones change, each
 * change is audited, a refused one names its field in German and changes nothing; the
 * publisher reaches the reports' title page and the contributor ID the DCAT-AP.de catalogue.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app.ts";
import { SYSTEM_ACTOR } from "../../src/services/audit.ts";
import { applyCatalogue, parseCatalogue } from "../../src/services/data/apply-catalogue.ts";
import { createServiceContext, type ServiceContext } from "../../src/services/context.ts";
import { dcatCatalogue } from "../../src/services/open-data/open-data-answers.ts";
import { PublicDatasetCache } from "../../src/services/open-data/open-data.ts";
import { resolveWorkspace } from "../../src/services/workspaces.ts";
import { injectAs, signIn } from "../support/sign-in.ts";
import { openTestDatabase, type TestDatabase } from "../support/test-db.ts";

let t: TestDatabase;
let ctx: ServiceContext;
let app: FastifyInstance;
let admin: ReturnType<typeof injectAs>;
let planner: ReturnType<typeof injectAs>;

beforeAll(async () => {
  t = await openTestDatabase();
  ctx = createServiceContext(t.db);
  await applyCatalogue(
    ctx,
    parseCatalogue({ workspace: { slug: "norderstedt", name: "Norderstedt" } }),
    SYSTEM_ACTOR,
  );
  app = await buildApp({ ctx, version: "test" });
  admin = injectAs(app, await signIn(ctx, "admin", "norderstedt"));
  planner = injectAs(app, await signIn(ctx, "planner", "norderstedt"));
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const settings = async () =>
  (await admin({ method: "GET", url: "/api/workspace/settings" })).json<Record<string, unknown>>();

describe("workspace settings", () => {
  it("shows the defaults to an administrator, and nothing to a planner", async () => {
    expect(await settings()).toEqual({
      name: "Norderstedt",
      municipalityKey: null,
      publisher: null,
      publisherAddress: null,
      contactEmail: null,
      homepage: null,
      licence: null,
      dcatContributorId: null,
      attribution: null,
      minCount: 3,
      reviewInPublic: "provisional",
      occupancyReferenceDay: "last",
      stayRetentionMonths: 36,
      accommodationDaysAhead: 31,
    });
    const refused = await planner({ method: "GET", url: "/api/workspace/settings" });
    expect(refused.statusCode).toBe(403);
    const put = await planner({
      method: "PUT",
      url: "/api/workspace/settings",
      payload: { minCount: 1 },
    });
    expect(put.statusCode).toBe(403);
  });

  it("changes only the settings named, audits them, and marks computed figures stale", async () => {
    const before = (await admin({ method: "GET", url: "/api/workspaces" })).json<
      { dataVersion: number }[]
    >()[0]!.dataVersion;
    const res = await admin({
      method: "PUT",
      url: "/api/workspace/settings",
      payload: {
        municipalityKey: "01060063",
        publisher: "Stadt Norderstedt, Fachbereich Sozialplanung",
        publisherAddress: "Rathausallee 50, 22846 Norderstedt",
        contactEmail: "sozialplanung@norderstedt.example",
        licence: "http://dcat-ap.de/def/licenses/dl-zero-de/2.0",
        dcatContributorId: "http://dcat-ap.de/def/contributors/schleswigHolstein",
        minCount: 5,
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      name: "Norderstedt",
      publisher: "Stadt Norderstedt, Fachbereich Sozialplanung",
      minCount: 5,
      occupancyReferenceDay: "last",
    });
    const after = (await admin({ method: "GET", url: "/api/workspaces" })).json<
      { dataVersion: number; minCount: number }[]
    >()[0]!;
    expect(after.minCount).toBe(5);
    expect(after.dataVersion).toBe(before + 1);

    const audit = await admin({ method: "GET", url: "/api/audit?entity=workspace" });
    const entries = audit.json<{ items: { before: unknown; after: unknown }[] }>().items;
    expect(entries[0]).toMatchObject({
      before: { minCount: 3, publisher: null },
      after: { minCount: 5, publisher: "Stadt Norderstedt, Fachbereich Sozialplanung" },
    });

    // The same values again change nothing and log nothing.
    await admin({ method: "PUT", url: "/api/workspace/settings", payload: { minCount: 5 } });
    const again = await admin({ method: "GET", url: "/api/audit?entity=workspace" });
    expect(again.json<{ items: unknown[] }>().items).toHaveLength(entries.length);
  });

  it("puts the contributor ID and the licence into the open-data catalogue", async () => {
    const ws = await resolveWorkspace(ctx, "norderstedt");
    const { catalogue } = await dcatCatalogue(
      ctx,
      new PublicDatasetCache(ctx),
      ws,
      "https://sopla.example",
    );
    expect(catalogue).toMatchObject({
      publisher: { name: "Stadt Norderstedt, Fachbereich Sozialplanung" },
      licence: "http://dcat-ap.de/def/licenses/dl-zero-de/2.0",
      contributorId: "http://dcat-ap.de/def/contributors/schleswigHolstein",
      municipalityKey: "01060063",
    });
    const ttl = await app.inject({ method: "GET", url: "/open/norderstedt/catalog.ttl" });
    expect(ttl.statusCode).toBe(200);
    expect(ttl.body).toContain("Stadt Norderstedt, Fachbereich Sozialplanung");
  });

  it.each([
    [{ minCount: 0 }, "Mindestfallzahl"],
    [{ municipalityKey: "0106" }, "Gemeinde- oder Regionalschlüssel"],
    [{ contactEmail: "keine-adresse" }, "Kontakt (E-Mail)"],
    [{ licence: "https://example.org/meine-lizenz" }, "Lizenz der offenen Daten"],
    [{ dcatContributorId: "schleswigHolstein" }, "DCAT-AP.de-Kennung"],
    [{ occupancyReferenceDay: "31" }, "Stichtag der Belegung"],
    [{ name: "" }, "Name"],
    [{ logo: "x" }, "logo"],
    [{}, "mindestens eine Einstellung"],
  ])("refuses %j naming the field, and changes nothing", async (payload, field) => {
    const before = await settings();
    const res = await admin({ method: "PUT", url: "/api/workspace/settings", payload });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { message: string } }>().error.message).toContain(field);
    expect(await settings()).toEqual(before);
  });
});
