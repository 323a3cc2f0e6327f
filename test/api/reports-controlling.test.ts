/**
 * The Controllingbericht on both databases: a small programme built through the API (a theme,
 * a released goal with two goal indicators, a draft goal the council must not see, measures
 * with milestones and performance measures, a story, budget lines) becomes a report with the
 * lights as sign and word, their reasons, the story behind the curve, the three RBA rows and
 * the resources. Published once ("erster Bericht"), changed, published again: the second
 * version says what changed since the first. Its PDF is read with pdftotext, its DOCX and XLSX
 * opened with LibreOffice.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProgrammeDto } from "../../src/contracts/controlling.ts";
import type { ReportDocument } from "../../src/core/reports/document.ts";
import { buildApp } from "../../src/server/app.ts";
import { createServiceContext, type ServiceContext } from "../../src/services/context.ts";
import { convertWithLibreOffice, removeLibreOfficeFiles } from "../support/libreoffice.ts";
import { multipartBody } from "../support/multipart.ts";
import { injectAs, signIn } from "../support/sign-in.ts";
import { seedPovertyCity } from "../support/poverty-city.ts";
import { openTestDatabase, type TestDatabase } from "../support/test-db.ts";
import { canRun } from "../support/tools.ts";

const SLUG = "berichtstadt";
const GOAL = "Weniger Kinder in Bedarfsgemeinschaften";
const STORY = "Der Rückgang verlangsamt sich seit 2021; die Lotsen arbeiten erst seit 2023.";
const NEW_STORY = "Das neue Ziel verlangt mehr als der bisherige Trend hergibt.";

let t: TestDatabase;
let ctx: ServiceContext;
let app: FastifyInstance;
let planner: ReturnType<typeof injectAs>;
let viewer: ReturnType<typeof injectAs>;
const dir = mkdtempSync(join(tmpdir(), "sopla-controlling-report-"));

beforeAll(async () => {
  t = await openTestDatabase();
  ctx = createServiceContext(t.db, { now: () => new Date("2025-03-15T10:00:00Z") });
  await seedPovertyCity(ctx, SLUG, "Berichtstadt");
  app = await buildApp({ ctx, version: "test" });
  planner = injectAs(app, await signIn(ctx, "planner", SLUG));
  viewer = injectAs(app, await signIn(ctx, "viewer", SLUG));
});
afterAll(async () => {
  await app?.close();
  await t?.close();
  await removeLibreOfficeFiles();
  rmSync(dir, { recursive: true, force: true });
});

const send = async (method: "POST" | "PUT", url: string, payload: unknown) => {
  const r = await planner({ method, url, payload: payload as Record<string, unknown> });
  expect(r.statusCode, `${url}: ${r.body}`).toBeLessThan(300);
  return r;
};

async function programme(): Promise<ProgrammeDto> {
  return (await planner({ method: "GET", url: "/api/controlling/programme" })).json<ProgrammeDto>();
}

const allText = (d: ReportDocument) => JSON.stringify(d);
/** The nodes of the section titled `title`. */
const section = (d: ReportDocument, title: string) =>
  d.chapters.flatMap((c) => c.sections).find((s) => s.title === title)!.nodes;
const pdfText = (file: string) =>
  execFileSync("/usr/bin/pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
/** Text with its line breaks and runs of spaces as single spaces (a table cell may wrap). */
const flat = (s: string) => s.replace(/\s+/g, " ");

describe("the Controllingbericht", () => {
  it("a planner builds a small programme", async () => {
    await send("POST", "/api/controlling/themes", {
      code: "KA",
      name: "Kinderarmut",
      areas: ["A", "B"],
    });
    await send("POST", "/api/controlling/goals", {
      code: "L1",
      theme: "KA",
      goalLevel: "leitziel",
      title: "Jedes Kind wächst ohne Armut auf",
      release: "released",
    });
    await send("POST", "/api/controlling/goals", {
      code: "H1",
      theme: "KA",
      parent: "L1",
      goalLevel: "handlungsziel",
      title: GOAL,
      owner: "Sozialplanung",
      decision: "Drucksache 2019/123",
      release: "released",
    });
    await send("POST", "/api/controlling/goals", {
      code: "H2",
      theme: "KA",
      parent: "L1",
      goalLevel: "handlungsziel",
      title: "Vertrauliches Entwurfsziel",
      release: "draft",
    });
    await send("POST", "/api/controlling/goals/H1/indicators", {
      indicator: "kinderarmut",
      area: "B",
      baselineYear: 2018,
      baselineValue: 17,
      targetKind: "value_by_year",
      targetValue: 12,
      targetYear: 2030,
    });
    await send("POST", "/api/controlling/goals/H1/indicators", {
      indicator: "kinderarmut",
      area: "A",
      baselineYear: 2018,
      baselineValue: 5,
      targetKind: "limit",
      targetValue: 5,
    });
    await send("POST", "/api/controlling/measures", {
      code: "M01",
      title: "Familienlotsen",
      owner: "Fachdienst Jugend",
      areas: ["B"],
      startDate: "2023-01-01",
      endDate: "2026-12-31",
      state: "laufend",
      milestones: [
        { title: "Lotsen eingestellt", due: "2023-06-30", done: true },
        { title: "Evaluation", due: "2025-01-31", done: false },
      ],
      goals: [{ goal: "H1", contribution: "Beratung vor Ort" }],
    });
    await send("POST", "/api/controlling/measures", {
      code: "M02",
      title: "Ferienfreizeiten",
      owner: "Fachdienst Jugend",
      startDate: "2024-01-01",
      state: "geplant",
      goals: [{ goal: "H1" }],
    });
    await send("POST", "/api/controlling/measures", {
      code: "M09",
      title: "Geheime Vorbereitung",
      owner: "Sozialplanung",
      startDate: "2024-01-01",
      state: "laufend",
      goals: [{ goal: "H2" }],
    });
    for (const pm of [
      {
        code: "M01-BER",
        question: "how_much",
        name: "Beratene Familien",
        unit: "Familien",
        polarity: "higher_is_better",
      },
      {
        code: "M01-OK",
        question: "better_off",
        name: "Familien mit gesichertem Leistungsbezug",
        unit: "%",
        polarity: "higher_is_better",
      },
    ]) {
      await send("POST", "/api/controlling/measures/M01/performance-measures", {
        ...pm,
        frequency: "year",
      });
    }
    await send("PUT", "/api/controlling/measures/M01/performance-measures/M01-BER/values", {
      values: [
        { period: "2023", value: 96 },
        { period: "2024", value: 120 },
      ],
    });
    await send("PUT", "/api/controlling/measures/M01/performance-measures/M01-OK/values", {
      values: [{ period: "2024", value: 70, numerator: 35, denominator: 50 }],
    });
    const onB = (await programme()).goals
      .find((g) => g.code === "H1")!
      .indicators.find((i) => i.area === "B")!;
    await send("POST", `/api/controlling/goals/H1/indicators/${onB.id}/stories`, {
      period: "2024",
      story: STORY,
    });
    const mp = multipartBody([
      { name: "mapping", value: JSON.stringify({ kind: "budget", format: "csv" }) },
      {
        name: "file",
        filename: "haushalt.csv",
        content: [
          "Maßnahme;Produkt;Kostenstelle;Sachkonto;Haushaltsjahr;Ansatz;Gebunden;Ist",
          "M01;311;5010;5431;2024;80.000;12.000;75.500",
          "M09;311;5010;5431;2024;33.333;0;0",
        ].join("\n"),
      },
    ]);
    const budget = await planner({
      method: "POST",
      url: "/api/imports",
      headers: { "content-type": mp.contentType },
      payload: mp.body,
    });
    expect(budget.statusCode, budget.body).toBe(201);
    await send("POST", "/api/reports", {
      code: "controlling-2024",
      template: "controllingbericht",
      period: "2024",
    });
  });

  it("builds the report as the council reads the programme: lights, reasons, story, RBA rows, resources", async () => {
    const res = await planner({ method: "GET", url: "/api/reports/controlling-2024/draft" });
    expect(res.statusCode, res.body).toBe(200);
    const doc = res.json<{ document: ReportDocument }>().document;
    const text = allText(doc);
    expect(doc.title).toBe("Controllingbericht 2024");
    // No published version yet.
    expect(allText({ ...doc, chapters: [] })).not.toContain("Erster Bericht");
    expect(
      JSON.stringify(section(doc, "Was sich seit dem letzten Bericht geändert hat")),
    ).toContain("Erster Bericht");
    // The council's reading: released goals only, no draft goal, no measure serving only it, none of its money.
    expect(text).not.toContain("Vertrauliches Entwurfsziel");
    expect(text).not.toContain("Geheime Vorbereitung");
    expect(text).not.toMatch(/33[.]333/);
    expect(doc.controlling!.goals.map((g) => g.code)).toEqual(["L1", "H1"]);

    // Lights as the council may see them: a sign and a word, "unsicher" with its range.
    const p = (
      await viewer({ method: "GET", url: "/api/controlling/programme" })
    ).json<ProgrammeDto>();
    const h1 = p.goals.find((g) => g.code === "H1")!;
    const onB = h1.indicators.find((i) => i.area === "B")!;
    expect(onB.lights[0]).toMatchObject({ symbol: "leicht_bewoelkt", uncertain: true });
    expect(text).toContain("☀☁ Leicht bewölkt (2024; unsicher: Sonne bis Blitz)");
    expect(text).toContain(JSON.stringify(onB.lights[0]!.reason).slice(1, -1));
    expect(text).toContain(STORY);
    expect(text).toContain("Die Geschichte hinter der Kurve (2024)");
    // 2 of 40 children in A: withheld from the council, so no value, no light, no reason of it.
    expect(text).toContain(
      'Kinderarmut (Sozialraum A) – Begründung der Ampel: ","strong":true},{"text":"keine Bewertung, die Werte sind gesperrt (Geheimhaltung).',
    );
    expect(text).not.toMatch(/2 Fällen/);

    // The chart of each indicator: curve, interval band and target path.
    const figures = doc.chapters.flatMap((c) =>
      c.sections.flatMap((s) => s.nodes.filter((n) => n.kind === "figure")),
    );
    // Only B has values the council may see.
    expect(figures).toHaveLength(1);
    expect(figures[0]!.svg).toContain("95-%-Intervall");
    expect(figures[0]!.svg).toContain("<polygon");
    expect(figures[0]!.svg).toContain("Zielpfad: 12,0 % bis 2030");

    // Baseline, target, latest value.
    const tables = doc.chapters.flatMap((c) =>
      c.sections.flatMap((s) => s.nodes.filter((n) => n.kind === "table")),
    );
    const goalTable = tables.find((x) => x.caption === `Indikatoren des Ziels „${GOAL}“`)!;
    expect(goalTable.rows[0]!.map((c) => ("text" in c ? c.text : "?"))).toEqual([
      "Kinderarmut (Sozialraum B), %",
      "17,0 (2018)",
      "12,0 % bis 2030",
      "15,5 (2024)",
      "☀☁ Leicht bewölkt (2024; unsicher: Sonne bis Blitz)",
    ]);
    expect(goalTable.rows[1]).toEqual([
      { text: "Kinderarmut (Sozialraum A), %" },
      { sign: "." },
      { text: "höchstens 5 %" },
      { sign: "." },
      { text: "keine Bewertung" },
    ]);

    // The measure: status, milestones, and its performance measures in the three RBA rows.
    expect(text).toContain("Maßnahme: Familienlotsen");
    expect(text).toContain("Evaluation, fällig 31.01.2025: ");
    const rba = tables.find((x) =>
      x.caption.startsWith("Leistungskennzahlen der Maßnahme „Familienlotsen“"),
    )!;
    expect(
      rba.rows.map((r) => r.map((c) => ("text" in c ? c.text : "sign" in c ? c.sign : ""))),
    ).toEqual([
      ["Wie viel haben wir getan?", "Beratene Familien: 120 Familien (2024)"],
      ["Wie gut haben wir es getan?", "–"],
      ["Geht es jemandem besser?", "Familien mit gesichertem Leistungsbezug: 70 % (2024)"],
    ]);

    // Resources planned, committed and spent, per goal and theme.
    const money = tables.find((x) => x.caption.startsWith("Mittel des Themas „Kinderarmut“"))!;
    expect(money.rows.at(-1)).toEqual([
      { text: "Thema Kinderarmut insgesamt" },
      { number: 80000, decimals: 0 },
      { number: 12000, decimals: 0 },
      { number: 75500, decimals: 0 },
    ]);
    expect(text).not.toContain("Beispieldaten");
  });

  it.skipIf(!canRun("chromium"))(
    "publishes, then says what changed since the last published version",
    async () => {
      const publish = async () => {
        const r = await planner({
          method: "POST",
          url: "/api/reports/controlling-2024/versions",
          payload: { state: "internal" },
        });
        expect(r.statusCode, r.body).toBe(201);
        return r.json<{ version: number }>().version;
      };
      expect(await publish()).toBe(1);
      const v1 = (
        await viewer({ method: "GET", url: "/api/reports/controlling-2024/versions/1?format=json" })
      ).json<{ document: ReportDocument }>().document;
      expect(JSON.stringify(v1)).toContain("Erster Bericht");

      // A more ambitious target for B (the goal's light worsens), a measure ended, one started, a new one.
      const onB = (await programme()).goals
        .find((g) => g.code === "H1")!
        .indicators.find((i) => i.area === "B" && i.validTo === null)!;
      await send("POST", "/api/controlling/goals/H1/indicators", {
        indicator: "kinderarmut",
        area: "B",
        baselineYear: 2019,
        baselineValue: 18,
        targetKind: "value_by_year",
        targetValue: 8,
        targetYear: 2030,
        replaces: onB.id,
      });
      const replaced = (await programme()).goals
        .find((g) => g.code === "H1")!
        .indicators.find((i) => i.area === "B" && i.validTo === null)!;
      await send("POST", `/api/controlling/goals/H1/indicators/${replaced.id}/stories`, {
        period: "2024",
        story: NEW_STORY,
      });
      await send("PUT", "/api/controlling/measures/M01/progress", {
        state: "abgeschlossen",
        milestones: [
          { title: "Lotsen eingestellt", due: "2023-06-30", done: true },
          { title: "Evaluation", due: "2025-01-31", done: true },
        ],
      });
      await send("PUT", "/api/controlling/measures/M02/progress", {
        state: "laufend",
        milestones: [],
      });
      await send("POST", "/api/controlling/measures", {
        code: "M03",
        title: "Schuldnerberatung für Familien",
        owner: "Fachdienst Soziales",
        startDate: "2025-01-01",
        state: "geplant",
        goals: [{ goal: "H1" }],
      });
      const before = v1.controlling!.goals.find((g) => g.code === "H1")!.light!;
      const after = (await viewer({ method: "GET", url: "/api/controlling/programme" }))
        .json<ProgrammeDto>()
        .goals.find((g) => g.code === "H1")!.light!;
      expect(after.symbol).not.toBe(before.symbol);

      expect(await publish()).toBe(2);
      const v2 = (
        await viewer({ method: "GET", url: "/api/reports/controlling-2024/versions/2?format=json" })
      ).json<{ document: ReportDocument }>().document;
      const changes = section(v2, "Was sich seit dem letzten Bericht geändert hat");
      expect(JSON.stringify(changes[0])).toMatch(/"Gegenüber Version 1 vom \d\d\.\d\d\.\d{4}:"/);
      const list = changes[1];
      expect(list?.kind).toBe("list");
      const items = list?.kind === "list" ? list.items.map((i) => i[0]!.text) : [];
      expect(items).toEqual([
        expect.stringMatching(new RegExp(`^Ampel geändert, „${GOAL}“: .+ → .+\\.$`)),
        "Beendete Maßnahme „Familienlotsen“: laufend → abgeschlossen.",
        "Status geändert, Maßnahme „Ferienfreizeiten“: geplant → laufend.",
        "Neue Maßnahme „Schuldnerberatung für Familien“ (Status: geplant).",
      ]);
      expect(JSON.stringify(v2)).not.toContain("Erster Bericht");
    },
  );

  it.skipIf(!canRun("chromium", "pdftotext", "soffice"))(
    "its PDF, DOCX and XLSX carry the text to pdftotext and LibreOffice",
    async () => {
      const file = async (format: string) => {
        const r = await viewer({
          method: "GET",
          url: `/api/reports/controlling-2024/versions/2?format=${format}`,
        });
        expect(r.statusCode).toBe(200);
        const path = join(dir, `controlling.${format}`);
        writeFileSync(path, r.rawPayload);
        return path;
      };
      const expected = [
        "Controllingbericht 2024",
        "Was sich seit dem letzten Bericht geändert hat",
        "Beendete Maßnahme „Familienlotsen“",
        "Leicht bewölkt",
        "unsicher",
        NEW_STORY,
        "Wie viel haben wir getan?",
        "Geht es jemandem besser?",
        "Beratene Familien: 120 Familien (2024)",
        "75.500",
      ];
      const fromPdf = flat(pdfText(await file("pdf")));
      for (const e of expected) expect(fromPdf, e).toContain(e);
      const fromWord = flat(pdfText(await convertWithLibreOffice(await file("docx"), "pdf")));
      for (const e of expected) expect(fromWord, e).toContain(e);
      // The workbook holds the tables: the lights, the RBA rows, the money.
      const fromCalc = flat(pdfText(await convertWithLibreOffice(await file("xlsx"), "pdf")));
      for (const e of [
        "Leicht bewölkt",
        "Wie gut haben wir es getan?",
        "Beratene Familien",
        "75500",
      ]) {
        expect(fromCalc, e).toMatch(
          new RegExp(e.replace(/[?]/g, "\\?").replace("75500", "75[.]?500")),
        );
      }
    },
    240_000,
  );

  it("says Beispieldaten when the programme is example data", async () => {
    await t.db.orm.execute(sql`UPDATE theme SET example_data = true`);
    const doc = (
      await planner({ method: "GET", url: "/api/reports/controlling-2024/draft" })
    ).json<{ document: ReportDocument }>().document;
    const first = doc.chapters[0]!.sections[0]!.nodes[0]!;
    expect(JSON.stringify(first)).toContain("Beispieldaten");
    expect(allText(doc).match(/Beispieldaten: /g)).toHaveLength(1);
  });

  it("is not published for the public while its goals rest on an internal indicator", async () => {
    const r = await planner({
      method: "POST",
      url: "/api/reports/controlling-2024/versions",
      payload: { state: "public" },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json<{ error: { message: string } }>().error.message).toMatch(
      /^Öffentlich nur mit öffentlichen Indikatoren; nicht öffentlich: .*kinderarmut/,
    );
  });
});
