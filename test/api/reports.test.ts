/**
 * The report API over HTTP on the demo: templates (built-in and saved as versions, every
 * problem with its place), reports and their drafts from current data, the planner's decisions
 * about key findings, publishing frozen versions with their files, comparing versions, and who
 * sees what. Runs on PGlite and (test:pg) on PostgreSQL.
 */
import { executeRows } from "../../src/storage/db.ts";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../src/cli/demo.ts";
import { buildApp } from "../../src/server/app.ts";
import { createServiceContext, type ServiceContext } from "../../src/services/context.ts";
import { builtInTemplates } from "../../src/services/reports/built-in-templates.ts";
import { injectAs, signIn } from "../support/sign-in.ts";
import { openTestDatabase, type TestDatabase } from "../support/test-db.ts";
import { canRun } from "../support/tools.ts";

let t: TestDatabase;
let ctx: ServiceContext;
let app: Awaited<ReturnType<typeof buildApp>>;
let planner: ReturnType<typeof injectAs>;
let viewer: ReturnType<typeof injectAs>;

beforeAll(async () => {
  t = await openTestDatabase();
  ctx = createServiceContext(t.db, { now: () => new Date("2026-11-24T10:00:00Z") });
  await seedDemo(ctx);
  app = await buildApp({ ctx, version: "test" });
  planner = injectAs(app, await signIn(ctx, "planner"));
  viewer = injectAs(app, await signIn(ctx, "viewer"));
}, 120_000);
afterAll(async () => {
  await app.close();
  await t.close();
});

interface Problem {
  place: string;
  message: string;
}
interface Doc {
  title: string;
  chapters: {
    title: string;
    sections: {
      title: string;
      nodes: {
        kind: string;
        number?: number;
        caption?: string;
        rows?: ({ text: string } | { number: number })[][];
      }[];
    }[];
  }[];
}
const text = (d: Doc) => JSON.stringify(d);
const nodes = (d: Doc) => d.chapters.flatMap((c) => c.sections.flatMap((s) => s.nodes));

describe("report templates", () => {
  it("lists the built-in templates for planners only", async () => {
    const res = await planner({ method: "GET", url: "/api/reports/templates" });
    expect(res.statusCode).toBe(200);
    const { templates } = res.json<{ templates: { code: string; version: number }[] }>();
    expect(templates.map((x) => [x.code, x.version])).toEqual([
      ["controllingbericht", 0],
      ["gebietsprofil", 0],
      ["halbjahresbericht", 0],
      ["monatsbericht-unterkuenfte", 0],
      ["sozialbericht", 0],
    ]);
    expect((await viewer({ method: "GET", url: "/api/reports/templates" })).statusCode).toBe(403);
  });

  it("refuses a template with a broken placeholder or an unknown indicator, naming the place", async () => {
    const base = builtInTemplates().get("monatsbericht-unterkuenfte")!;
    const broken = {
      ...base,
      code: "kaputt",
      chapters: [
        {
          title: "Eins",
          sections: [
            {
              title: "Erster Abschnitt",
              blocks: [
                { type: "text", markdown: "Zeile eins.\nDie Quote: {{wert armut}} und {{wurst}}." },
                { type: "table", indicators: ["gibtsnicht"], areas: { level: "district" } },
              ],
            },
          ],
        },
      ],
    };
    const res = await planner({
      method: "PUT",
      url: "/api/reports/templates/kaputt",
      payload: { template: broken },
    });
    expect(res.statusCode).toBe(400);
    const problems = res.json<{ error: { details: { problems: Problem[] } } }>().error.details
      .problems;
    expect(problems).toEqual([
      {
        place: "Kapitel 1 „Eins“, Abschnitt 1 „Erster Abschnitt“, Block 1, Zeile 2, Spalte 31",
        message: expect.stringMatching(/^\{\{wurst\}\}: „wurst“ ist kein Platzhalter/),
      },
      {
        place: "Kapitel 1 „Eins“, Abschnitt 1 „Erster Abschnitt“, Block 1",
        message: "Indikator „armut“ gibt es nicht im Katalog.",
      },
      {
        place: "Kapitel 1 „Eins“, Abschnitt 1 „Erster Abschnitt“, Block 2",
        message: "Indikator „gibtsnicht“ gibt es nicht im Katalog.",
      },
    ]);
    const list = await planner({ method: "GET", url: "/api/reports/templates" });
    expect(list.body).not.toContain("kaputt");
  });

  it("saves a changed template as a new version and an unchanged one not at all", async () => {
    const own = { ...builtInTemplates().get("sozialbericht")!, subtitle: "Eigene Fassung" };
    const save = () =>
      planner({
        method: "PUT",
        url: "/api/reports/templates/sozialbericht",
        payload: { template: own, comment: "Untertitel" },
      });
    const first = await save();
    expect(first.statusCode).toBe(201);
    expect(first.json()).toEqual({ version: 1, created: true });
    expect((await save()).json()).toEqual({ version: 1, created: false });
    const got = await planner({ method: "GET", url: "/api/reports/templates/sozialbericht" });
    expect(got.json<{ version: number; template: { subtitle: string } }>()).toMatchObject({
      version: 1,
      template: { subtitle: "Eigene Fassung" },
    });
    // A saved version never changes.
    await expect(
      t.db.orm.execute(sql`UPDATE report_template SET title = 'anders'`),
    ).rejects.toThrow();
  });

  it("previews a template without saving, and names a period without data with its place", async () => {
    const template = {
      ...builtInTemplates().get("monatsbericht-unterkuenfte")!,
      periodKind: "year",
      chapters: [
        {
          title: "Test",
          sections: [
            {
              title: "Werte",
              blocks: [
                {
                  type: "text",
                  markdown:
                    "Einwohner: {{stadt population}}; 2005: {{stadt population zeitraum=2005}}",
                },
              ],
            },
          ],
        },
      ],
    };
    const res = await planner({
      method: "POST",
      url: "/api/reports/preview",
      payload: { template, period: "2021" },
    });
    expect(res.statusCode).toBe(422);
    expect(
      res.json<{ error: { details: { problems: Problem[] } } }>().error.details.problems,
    ).toEqual([
      {
        place: "Kapitel 1 „Test“, Abschnitt 1 „Werte“, Block 1, Zeile 1, Spalte 40",
        message:
          "{{stadt population zeitraum=2005}}: Einwohnerinnen und Einwohner: für 2005 gibt es keine Daten.",
      },
    ]);
    template.chapters[0]!.sections[0]!.blocks[0]!.markdown = "Einwohner: {{stadt population}}";
    const ok = await planner({
      method: "POST",
      url: "/api/reports/preview",
      payload: { template, period: "2021" },
    });
    expect(ok.statusCode).toBe(200);
    expect(text(ok.json<{ document: Doc }>().document)).toContain("Einwohner: 97.882 Personen");
  });

  it("names a typology that cannot be made with its block", async () => {
    const typology = (indicators: string[], level: string) => ({
      ...builtInTemplates().get("sozialbericht")!,
      chapters: [
        {
          title: "Test",
          sections: [
            {
              title: "Typen",
              blocks: [{ type: "typology", indicators, level, parts: ["map", "profiles"] }],
            },
          ],
        },
      ],
    });
    const problems = async (template: object) => {
      const res = await planner({
        method: "POST",
        url: "/api/reports/preview",
        payload: { template, period: "2021" },
      });
      expect(res.statusCode).toBe(422);
      return res.json<{ error: { details: { problems: Problem[] } } }>().error.details.problems;
    };
    const place = "Kapitel 1 „Test“, Abschnitt 1 „Typen“, Block 1";
    // The demo has no figures for the statistical districts.
    expect(
      await problems(typology(["sgb2_rate", "share_65_plus"], "statistical_district")),
    ).toEqual([
      {
        place,
        message:
          "Typisierung 2021: Nur 0 Gebiete haben alle Werte; eine Typisierung braucht mindestens drei.",
      },
    ]);
    expect(await problems(typology(["sgb2_rate", "sgb2_rate"], "district"))).toEqual([
      { place, message: "Typisierung 2021: Ein Indikator steht zweimal in der Auswahl." },
    ]);
    expect(await problems(typology(["sgb2_rate", "share_65_plus"], "quartier"))).toEqual([
      { place, message: "Die Ebene „quartier“ gibt es nicht." },
    ]);
    // A template whose only map is the typology's still gets the level's outlines.
    const alone = await planner({
      method: "POST",
      url: "/api/reports/preview",
      payload: { template: typology(["sgb2_rate", "share_65_plus"], "district"), period: "2021" },
    });
    expect(alone.statusCode, alone.body).toBe(200);
    const figure = nodes(alone.json<{ document: Doc }>().document).find((n) => n.kind === "figure");
    expect(figure?.caption).toBe(
      "Gebietstypen (Stadtteil) nach SGB-II-Quote und Anteil Älterer (65 Jahre und älter), 2021",
    );
  });
});

describe("reports", () => {
  it("has the demo's reports ready; no finding rests on the value held for review, tables mark it", async () => {
    for (const code of [
      "sozialbericht-2021",
      "unterkuenfte-2026-10",
      "gebietsprofil-altstadt-2021",
    ]) {
      const res = await planner({ method: "GET", url: `/api/reports/${code}/draft` });
      expect(res.statusCode, `${code}: ${res.body}`).toBe(200);
    }
    const draft = (
      await planner({ method: "GET", url: "/api/reports/sozialbericht-2021/draft" })
    ).json<{
      document: Doc;
      findings: { id: string }[];
    }>();
    // 625 persons aged 80+ in 2020 is held for review: the changes built on it are no facts.
    const ids = draft.findings.map((f) => f.id);
    expect(ids).not.toContain("change:share_80_plus");
    expect(ids).not.toContain("change:share_65_plus");
    expect(text(draft.document)).not.toContain(
      "Anteil Hochaltriger (80 Jahre und älter): von 2020 bis 2021",
    );
    const notes = JSON.stringify(draft.document);
    expect(notes).toContain("p = vorläufige Zahl");
    expect(notes).toContain("zu prüfen");
  });

  it("creates a report only for a period of the template's kind, and only once", async () => {
    const create = (payload: object) => planner({ method: "POST", url: "/api/reports", payload });
    const wrong = await create({ code: "sb-h1", template: "sozialbericht", period: "2021-H1" });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<{ error: { message: string } }>().error.message).toMatch(/braucht ein Jahr/);
    expect(
      (await create({ code: "sb-2021", template: "sozialbericht", period: "2021" })).statusCode,
    ).toBe(201);
    expect(
      (await create({ code: "sb-2021", template: "sozialbericht", period: "2021" })).statusCode,
    ).toBe(409);
  });

  it("builds the Sozialbericht's draft from the current data", async () => {
    const res = await planner({ method: "GET", url: "/api/reports/sb-2021/draft" });
    expect(res.statusCode, res.body).toBe(200);
    const { document, findings } = res.json<{ document: Doc; findings: { id: string }[] }>();
    expect(document.title).toBe("Sozialbericht 2021");
    expect(document.chapters.map((c) => c.title)).toEqual([
      "Schlüsselergebnisse",
      "Bevölkerung und Demografie",
      "Soziale Lage und Transferleistungen",
      "Kinder, Jugendliche und Familien",
      "Ältere Menschen",
      "Sozialräume im Vergleich",
      "Unterbringung",
      "Methodenanhang",
    ]);
    const tables = nodes(document).filter((n) => n.kind === "table");
    const figures = nodes(document).filter((n) => n.kind === "figure");
    expect(tables.map((n) => n.number)).toEqual(tables.map((_, i) => i + 1));
    expect(figures.length).toBeGreaterThanOrEqual(7);
    expect(text(document)).toContain("Ende 2021 lebten in Flensburg 97.882 Personen");
    // The demo's accommodation figures begin in November 2023: the chapter says so.
    expect(text(document)).toContain(
      "Für 2021 liegen keine Belegungszahlen der städtischen Unterkünfte vor; sie beginnen im November 2023.",
    );
    expect(findings.length).toBeGreaterThan(2);
    // Every table and figure names the source of its indicators (the sheets' source), maps
    // the boundaries as well.
    const sources = [...tables, ...figures].map((n) => (n as { source?: string }).source);
    expect(new Set(sources.map((x) => x?.replace(/ Gebietsgrenzen: .*$/, "")))).toEqual(
      new Set(["Quelle: Stadt Flensburg, Sozialatlas 2022; Berechnung und Darstellung mit Sopla."]),
    );
    // The index's class changes are introduced with the two editions they compare.
    expect(text(document)).toMatch(
      /"9 Klassenwechsel 2021 gegenüber 2020 \(Lauf \d+ vom 24\.11\.2026 und Lauf \d+ vom 24\.11\.2026\):"/,
    );

    // Sozialräume im Vergleich: the index and a typology of the 13 Stadtteile, reproducible
    // (k-means with its seed) and profiled against the city.
    const types = document.chapters[5]!.sections.find((s) => s.title === "Gebietstypen")!;
    expect(types.nodes.map((n) => n.kind)).toEqual([
      "paragraph",
      "paragraph",
      "figure",
      "list",
      "table",
      "table",
    ]);
    expect(text({ ...document, chapters: [{ title: "", sections: [types] }] })).toMatch(
      /13 von 13 Gebieten der Ebene Stadtteil sind nach .* in \d Typen gruppiert \(k-means, beste von 10 Startlösungen mit Startwert 1\)\. Die Zahl der Typen hat unter k = 2 bis 8 die höchste mittlere Silhouettenbreite/,
    );
    const [profiles, byArea] = types.nodes.filter((n) => n.kind === "table");
    expect(profiles!.rows!.map((r) => r[0])).toEqual([
      { text: "Anteil Minderjähriger (%)" },
      { text: "Anteil Älterer (65 Jahre und älter) (%)" },
      { text: "Anteil mit Migrationshintergrund (%)" },
      { text: "SGB-II-Quote (%)" },
    ]);
    const typed = byArea!.rows!.map((r) => (r[1] as { text: string }).text);
    expect(typed).toHaveLength(13);
    expect(typed.every((x) => /^Typ \d$/.test(x))).toBe(true);
    // The list names each type's Stadtteile, as the area table gives them.
    const list = JSON.stringify(types.nodes[3]);
    for (const row of byArea!.rows!) {
      const [name, type] = row.map((c) => (c as { text: string }).text);
      expect(list).toMatch(new RegExp(`"${type}"[^\\]]*?Gebiete?: [^\\]]*${name}`));
    }
  });

  it("applies the planner's decisions about key findings: drop, edit, keep again", async () => {
    const draft = async () =>
      (await planner({ method: "GET", url: "/api/reports/sb-2021/draft" })).json<{
        document: Doc;
        findings: { id: string; text: string }[];
      }>();
    const { findings } = await draft();
    const [a, b] = findings;
    const decide = (decisions: object) =>
      planner({ method: "PUT", url: "/api/reports/sb-2021/findings", payload: { decisions } });
    expect(
      (await decide({ [a!.id]: { drop: true }, [b!.id]: { text: "Von Hand formuliert." } }))
        .statusCode,
    ).toBe(200);
    let doc = text((await draft()).document);
    expect(doc).not.toContain(a!.text);
    expect(doc).toContain("Von Hand formuliert.");
    await decide({ [a!.id]: { keep: true } });
    doc = text((await draft()).document);
    expect(doc).toContain(a!.text);
  });

  it.skipIf(!canRun("chromium"))(
    "publishes frozen versions with their files, compares them, and refuses to change one",
    async () => {
      const publish = () =>
        planner({
          method: "POST",
          url: "/api/reports/sb-2021/versions",
          payload: { state: "internal" },
        });
      const first = await publish();
      expect(first.statusCode, first.body).toBe(201);
      expect(first.json()).toMatchObject({ version: 1, state: "internal" });
      const file = (format: string, version = 1) =>
        viewer({ method: "GET", url: `/api/reports/sb-2021/versions/${version}?format=${format}` });
      const pdf = await file("pdf");
      expect(pdf.headers["content-type"]).toBe("application/pdf");
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
      expect((await file("docx")).rawPayload.subarray(0, 2).toString()).toBe("PK");
      expect((await file("xlsx")).rawPayload.subarray(0, 2).toString()).toBe("PK");
      expect((await file("html")).body).toContain("<title>Sozialbericht 2021</title>");

      // A change of decision, then a second version: the first stays as it was.
      const { findings } = (
        await planner({ method: "GET", url: "/api/reports/sb-2021/draft" })
      ).json<{ findings: { id: string }[] }>();
      await planner({
        method: "PUT",
        url: "/api/reports/sb-2021/findings",
        payload: { decisions: { [findings[2]!.id]: { text: "Geänderte Aussage für Version 2." } } },
      });
      expect((await publish()).json()).toMatchObject({ version: 2 });
      expect((await file("pdf")).rawPayload.equals(pdf.rawPayload)).toBe(true);
      const cmp = await viewer({
        method: "GET",
        url: "/api/reports/sb-2021/comparison?from=1&to=2",
      });
      const comparison = cmp.json<{ text: { after: string | null }[]; figures: unknown[] }>();
      expect(
        comparison.text.some((c) => c.after?.includes("Geänderte Aussage für Version 2.")),
      ).toBe(true);
      expect(comparison.figures).toEqual([]);
      await expect(
        t.db.orm.execute(sql`UPDATE report_version SET state = 'public'`),
      ).rejects.toThrow();
    },
    120_000,
  );

  it("shows a council member published reports only, without drafts or decisions", async () => {
    await planner({
      method: "POST",
      url: "/api/reports",
      payload: { code: "unveroeffentlicht", template: "sozialbericht", period: "2020" },
    });
    const list = await viewer({ method: "GET", url: "/api/reports" });
    const reports = list.json<{ reports: { code: string; decisions?: unknown }[] }>().reports;
    expect(reports.map((r) => r.code)).toEqual(["sb-2021"]);
    expect(reports[0]!.decisions).toBeUndefined();
    const one = await viewer({ method: "GET", url: "/api/reports/sb-2021" });
    expect(one.statusCode).toBe(200);
    expect(one.json()).not.toHaveProperty("decisions");
    const versions = one.json<{ versions: { version: number; publishedAt: string }[] }>().versions;
    expect(versions.map((v) => v.version).sort()).toEqual([1, 2]);
    expect(versions[0]!.publishedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect((await planner({ method: "GET", url: "/api/reports/sb-2021" })).json()).toHaveProperty(
      "decisions",
    );
    expect((await viewer({ method: "GET", url: "/api/reports/sb-2021/draft" })).statusCode).toBe(
      403,
    );
    expect(
      (await viewer({ method: "GET", url: "/api/reports/unveroeffentlicht" })).statusCode,
    ).toBe(404);
  });

  it("deletes a report never published, for planners only", async () => {
    const del = (code: string, as = planner) =>
      as({ method: "DELETE", url: `/api/reports/${code}` });
    expect((await del("unveroeffentlicht", viewer)).statusCode).toBe(403);
    expect((await del("unveroeffentlicht")).statusCode).toBe(204);
    expect(
      (await planner({ method: "GET", url: "/api/reports/unveroeffentlicht" })).statusCode,
    ).toBe(404);
    expect((await del("unveroeffentlicht")).statusCode).toBe(404);
    // The deletion is in the audit log with what the report was.
    const [event] = await executeRows<{ before: { period: string } }>(
      t.db.orm,
      sql`SELECT before FROM audit_event WHERE entity = 'report' AND entity_key = 'unveroeffentlicht' AND action = 'delete'`,
    );
    expect(event?.before.period).toBe("2020");
  });

  it.skipIf(!canRun("chromium"))("keeps a report with published versions", async () => {
    const kept = await planner({ method: "DELETE", url: "/api/reports/sb-2021" });
    expect(kept.statusCode).toBe(409);
    expect(kept.json<{ error: { message: string } }>().error.message).toMatch(
      /hat 2 veröffentlichte Versionen und bleibt deshalb erhalten/,
    );
    expect((await planner({ method: "GET", url: "/api/reports/sb-2021" })).statusCode).toBe(200);
  });

  it("publishes as public only when every indicator is public", async () => {
    await planner({
      method: "PUT",
      url: "/api/indicators/old_age_ratio/publication",
      payload: { publication: "internal" },
    });
    const res = await planner({
      method: "POST",
      url: "/api/reports/sb-2021/versions",
      payload: { state: "public" },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { message: string } }>().error.message).toContain("old_age_ratio");
    await planner({
      method: "PUT",
      url: "/api/indicators/old_age_ratio/publication",
      payload: { publication: "public" },
    });
  });

  it("builds an area profile and a monthly accommodation report, and refuses a month without figures whole", async () => {
    const create = (payload: object) => planner({ method: "POST", url: "/api/reports", payload });
    await create({
      code: "profil-altstadt",
      template: "gebietsprofil",
      period: "2021",
      area: "STGT01",
    });
    const profile = await planner({ method: "GET", url: "/api/reports/profil-altstadt/draft" });
    expect(profile.statusCode, profile.body).toBe(200);
    const profileText = text(profile.json<{ document: Doc }>().document);
    expect(profileText).toContain("Altstadt im Vergleich mit der Stadt, 2021");
    // The map of the profile outlines its own area.
    expect(profileText).toContain("SGB-II-Quote 2021 nach Stadtteil");
    expect(profileText).toContain("Altstadt hervorgehoben");

    await create({
      code: "monat-2026-10",
      template: "monatsbericht-unterkuenfte",
      period: "2026-10",
    });
    const month = await planner({ method: "GET", url: "/api/reports/monat-2026-10/draft" });
    expect(month.statusCode, month.body).toBe(200);
    const monthDoc = month.json<{ document: Doc }>().document;
    expect(text(monthDoc)).toContain("Belegung nach Art der Unterkunft, Oktober 2026");
    // A report goes to the council: no figures per facility, whatever the template asks.
    expect(text(monthDoc)).not.toContain("Belegung je Unterkunft");
    // The demo's accommodation is synthetic: the report says so above the figures and in
    // every source line, and states the counting rules in words.
    expect(text(monthDoc)).toContain('"text":"Beispieldaten: "');
    const monthTables = nodes(monthDoc).filter((n) => n.kind === "table" || n.kind === "figure");
    expect(monthTables.length).toBeGreaterThan(2);
    for (const t of monthTables) {
      expect((t as { source?: string }).source).toBe(
        "Quelle: Belegungsstatistik der städtischen Unterkünfte (Beispieldaten), Flensburg (Sozialatlas 2022); Berechnung und Darstellung mit Sopla.",
      );
    }
    expect(text(monthDoc)).toContain(
      "Stichtag: 31.10.2026, letzter Tag des Monats. Untergebracht am Stichtag ist, wer bis dahin",
    );
    expect(text(monthDoc)).not.toContain("docs/methods");

    await create({
      code: "monat-2019-01",
      template: "monatsbericht-unterkuenfte",
      period: "2019-01",
    });
    const none = await planner({
      method: "GET",
      url: "/api/reports/monat-2019-01/draft?format=pdf",
    });
    expect(none.statusCode).toBe(422);
    const problems = none.json<{ error: { details: { problems: Problem[] } } }>().error.details
      .problems;
    expect(problems[0]!.place).toMatch(
      /^Kapitel 1 „Belegung“, Abschnitt 1 „Kennzahlen des Monats“, Block 1, Zeile 1, Spalte \d+$/,
    );
    expect(
      problems.some(
        (p) => p.message === "Für den Zeitraum des Berichts gibt es keine Belegungsstatistik.",
      ),
    ).toBe(true);
  });
});

describe("report defaults and checks", () => {
  it("titles a new report with the period in words and the profile's area, and checks the area", async () => {
    const create = (payload: object) => planner({ method: "POST", url: "/api/reports", payload });
    const month = await create({
      code: "titel-monat",
      template: "monatsbericht-unterkuenfte",
      period: "2026-09",
    });
    expect(month.json<{ title: string }>().title).toBe("Monatsbericht Unterkünfte September 2026");
    const profile = await create({
      code: "titel-profil",
      template: "gebietsprofil",
      period: "2021",
      area: "STGT02",
    });
    expect(profile.json<{ title: string }>().title).toBe("Gebietsprofil 2021: Neustadt");
    const noArea = await create({ code: "ohne-gebiet", template: "gebietsprofil", period: "2021" });
    expect(noArea.statusCode).toBe(400);
    expect(noArea.json<{ error: { message: string } }>().error.message).toContain(
      "braucht ein Gebiet der Ebene Stadtteil",
    );
    const wrongLevel = await create({
      code: "falsche-ebene",
      template: "gebietsprofil",
      period: "2021",
      area: "STBZ011",
    });
    expect(wrongLevel.statusCode).toBe(400);
    const list = await planner({ method: "GET", url: "/api/reports" });
    expect(list.body).not.toContain("ohne-gebiet");
    expect(list.body).not.toContain('"reportId"');
  });
});

describe("the workspace's logo", () => {
  it("stands on the title page of a draft once the workspace has one", async () => {
    const { setWorkspaceLogo, removeWorkspaceLogo } =
      await import("../../src/services/workspace-logo.ts");
    const { resolveWorkspace } = await import("../../src/services/workspaces.ts");
    const { SYSTEM_ACTOR } = await import("../../src/services/audit.ts");
    const ws = await resolveWorkspace(ctx, "flensburg");
    const png = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
      "base64",
    );
    const url = "/api/reports/sozialbericht-2021/draft?format=html";
    expect((await planner({ method: "GET", url })).body).not.toContain('<img class="logo"');
    await setWorkspaceLogo(ctx, ws, png, SYSTEM_ACTOR);
    try {
      const html = (await planner({ method: "GET", url })).body;
      expect(html).toContain(
        `<img class="logo" src="data:image/png;base64,${png.toString("base64")}"`,
      );
    } finally {
      await removeWorkspaceLogo(ctx, ws, SYSTEM_ACTOR);
    }
  });
});
