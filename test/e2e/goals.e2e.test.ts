/// <reference lib="dom" />
/**
 * Ziele & Maßnahmen in Chromium on the demo city with a small example programme built in the
 * preparation (a theme on child poverty with a released goal tree and a draft goal, a measure
 * in Nordstadt the demo's department reports on, one it does not, a monthly performance measure
 * with an unusual month). The planning staff walk overview → goal page → measure page and see
 * lights with their words, the chart of a goal indicator, the XmR chart and what is due; the
 * department enters a value on its own measure (a period outside the schedule is refused at the
 * field, in German) and finds no form on another; the council sees released goals only and no
 * form. Every page says "Beispieldaten". No serious or critical accessibility violation; the
 * 768 px wide screen needs no sideways scrolling; the screenshots docs/screenshots/ziele-*.png
 * are written here.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  goalBody,
  goalIndicatorBody,
  measureBody,
  performanceMeasureBody,
  performanceValuesBody,
  themeBody,
} from "../../src/contracts/controlling.ts";
import { SYSTEM_ACTOR } from "../../src/services/audit.ts";
import type { ServiceContext } from "../../src/services/context.ts";
import {
  addGoalIndicator,
  saveGoal,
  saveMeasure,
  savePerformanceMeasure,
  savePerformanceValues,
  saveTheme,
} from "../../src/services/controlling/programme-write.ts";
import { resolveWorkspace } from "../../src/services/workspaces.ts";
import { theme } from "../../src/storage/schema.ts";
import { logIn, seriousViolations, startE2e, type E2eServer } from "./support.ts";

const PLANNER = ["planung@demo.sopla.example", "Demo-Planung-2026"] as const;
const DEPARTMENT = ["fachdienst@demo.sopla.example", "Demo-Fachdienst-2026"] as const;
const VIEWER = ["politik@demo.sopla.example", "Demo-Politik-2026"] as const;
const NORDSTADT = "STGT03";

let e2e: E2eServer;
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 30_000 });

/** The example programme, written through the services as the API would (the demo has none yet). */
async function prepareProgramme(ctx: ServiceContext) {
  const ws = await resolveWorkspace(ctx, "flensburg");
  const w = { actor: SYSTEM_ACTOR, role: "planner" as const };
  await saveTheme(
    ctx,
    ws,
    themeBody.parse({
      code: "KA",
      name: "Kinderarmut",
      description: "Kinder und Familien in Armut erreichen und entlasten.",
      owner: "Sozialplanung",
    }),
    w,
  );
  for (const goal of [
    {
      code: "L1",
      theme: "KA",
      goalLevel: "leitziel",
      title: "Jedes Kind wächst ohne Armut auf",
      release: "released",
    },
    {
      code: "H1",
      theme: "KA",
      parent: "L1",
      goalLevel: "handlungsziel",
      title: "Weniger Kinder in Bedarfsgemeinschaften",
      owner: "Sozialplanung",
      periodFrom: 2017,
      periodTo: 2030,
      decision: "Drucksache RV-12/2019",
      release: "released",
    },
    {
      code: "W1",
      theme: "KA",
      parent: "H1",
      goalLevel: "wirkungsziel",
      title: "Familien in der Nordstadt finden Beratung",
      release: "draft",
    },
  ]) {
    await saveGoal(ctx, ws, goalBody.parse(goal), w);
  }
  await addGoalIndicator(
    ctx,
    ws,
    "H1",
    goalIndicatorBody.parse({
      indicator: "child_sgb2_rate",
      area: NORDSTADT,
      baselineYear: 2017,
      baselineValue: 30,
      targetKind: "value_by_year",
      targetValue: 20,
      targetYear: 2030,
    }),
    w,
  );
  // A limit close to the latest value: its light is uncertain (drawn hatched).
  await addGoalIndicator(
    ctx,
    ws,
    "H1",
    goalIndicatorBody.parse({
      indicator: "child_sgb2_rate",
      area: "STGT01",
      baselineYear: 2017,
      baselineValue: 20,
      targetKind: "limit",
      targetValue: 20,
    }),
    w,
  );
  await saveMeasure(
    ctx,
    ws,
    measureBody.parse({
      code: "M01",
      title: "Familienlotsen Nordstadt",
      owner: "Fachdienst Jugend",
      areas: [NORDSTADT],
      targetGroups: ["Familien mit Kindern"],
      startDate: "2023-01-01",
      endDate: "2027-12-31",
      state: "laufend",
      milestones: [
        { title: "Lotsinnen eingestellt", due: "2023-06-30", done: true },
        { title: "Evaluation", due: "2025-01-31", done: false },
      ],
      goals: [{ goal: "W1", contribution: "Beratung vor Ort" }],
      editors: [DEPARTMENT[0]],
    }),
    w,
  );
  await saveMeasure(
    ctx,
    ws,
    measureBody.parse({
      code: "M02",
      title: "Ferienfreizeiten",
      owner: "Fachdienst Jugend",
      areas: [NORDSTADT, "STGT01"],
      startDate: "2024-01-01",
      state: "geplant",
      goals: [{ goal: "H1" }],
    }),
    w,
  );
  for (const pm of [
    {
      code: "M01-BER",
      question: "how_much",
      name: "Beratene Familien",
      unit: "Familien",
      frequency: "quarter",
      polarity: "higher_is_better",
    },
    {
      code: "M01-KONT",
      question: "how_well",
      name: "Erstkontakte innerhalb einer Woche",
      unit: "Familien",
      frequency: "month",
      polarity: "higher_is_better",
    },
    {
      code: "M01-OK",
      question: "better_off",
      name: "Familien mit gesichertem Leistungsbezug",
      unit: "%",
      frequency: "year",
      polarity: "higher_is_better",
    },
  ]) {
    await savePerformanceMeasure(ctx, ws, "M01", performanceMeasureBody.parse(pm), w);
  }
  const months = [10, 11, 10, 12, 11, 10, 11, 12, 10, 11, 10, 11, 25, 11, 12, 11];
  const values = (list: unknown[]) => performanceValuesBody.parse({ values: list });
  await savePerformanceValues(
    ctx,
    ws,
    "M01",
    "M01-KONT",
    values(
      months.map((value, i) => ({
        period: `${2023 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`,
        value,
      })),
    ),
    w,
  );
  await savePerformanceValues(
    ctx,
    ws,
    "M01",
    "M01-BER",
    values([
      { period: "2024-Q3", value: 41 },
      { period: "2024-Q4", value: 48 },
    ]),
    w,
  );
  await savePerformanceValues(
    ctx,
    ws,
    "M01",
    "M01-OK",
    values([
      { period: "2023", value: 62.5, numerator: 25, denominator: 40 },
      { period: "2024", value: 70, numerator: 35, denominator: 50 },
    ]),
    w,
  );
  // Invented: every page of the module must say so.
  await ctx.db.orm.update(theme).set({ exampleData: true });
}

beforeAll(async () => {
  e2e = await startE2e(prepareProgramme);
});
afterAll(async () => {
  await e2e?.close();
});

async function openAs([email, password]: readonly [string, string], path = "/ziele") {
  const page = await e2e.browser.newPage({
    viewport: { width: 1280, height: 1000 },
    locale: "de-DE",
  });
  await logIn(page, e2e.base, email, password);
  await poll(() => page.getByRole("link", { name: "Ziele & Maßnahmen" }).count()).toBe(1);
  if (path === "/ziele") await page.getByRole("link", { name: "Ziele & Maßnahmen" }).click();
  else await page.goto(`${e2e.base}${path}`);
  return page;
}

const exampleNote = (page: Page) => page.getByRole("note").filter({ hasText: "Beispieldaten" });

describe("Ziele & Maßnahmen", () => {
  it("walks the planning staff from the overview to a goal and a measure", async () => {
    const page = await openAs(PLANNER);
    await poll(() =>
      page.getByRole("heading", { name: "Ziele & Maßnahmen", level: 1 }).count(),
    ).toBe(1);
    await poll(() => exampleNote(page).count()).toBe(1);
    // The goal tree with each goal's light in words, the draft marked.
    const tree = page.getByRole("list", { name: "Zielbaum Kinderarmut" });
    await poll(() => tree.getByRole("link").allTextContents()).toEqual([
      "Jedes Kind wächst ohne Armut auf",
      "Weniger Kinder in Bedarfsgemeinschaften",
      "Familien in der Nordstadt finden Beratung",
    ]);
    expect(await tree.textContent()).toMatch(/Entwurf/);
    expect(await tree.textContent()).toMatch(/Sonne|Leicht bewölkt|Wolke|Blitz|keine Bewertung/);
    // What is due, for the planning staff.
    await poll(() => page.getByRole("heading", { name: "Fällig" }).count()).toBe(1);
    await poll(() =>
      page.getByRole("link", { name: "Meilenstein „Evaluation“ überfällig" }).count(),
    ).toBe(1);
    // The map of measures with its table: Nordstadt has two, Altstadt one.
    const mapTable = page.getByRole("table", { name: "Maßnahmen nach Gebiet" });
    await poll(() => mapTable.getByRole("row", { name: /Nordstadt/ }).textContent()).toMatch(
      /2Familienlotsen Nordstadt \(M01\); Ferienfreizeiten \(M02\)/,
    );
    await poll(() => page.getByTestId("choropleth-map").getAttribute("data-drawn")).toBe(
      "measures|district",
    );
    // The resources and the planner's forms.
    expect(await page.getByRole("heading", { name: "Ressourcen" }).count()).toBe(1);
    expect(await page.getByText("Neues Ziel").count()).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: "docs/screenshots/ziele-uebersicht.png", fullPage: true });

    // A new goal from the planner's form: the API's refusal at the field, then saved.
    await page.locator("summary", { hasText: "Neues Ziel" }).click();
    const newGoal = page.getByRole("form", { name: "Neues Ziel" });
    await newGoal.getByLabel("Code").fill("H2");
    await newGoal.getByLabel("Übergeordnetes Ziel").selectOption("L1");
    await newGoal.getByLabel("Ebene").selectOption("handlungsziel");
    await newGoal.getByRole("button", { name: "Anlegen" }).click();
    await poll(() => newGoal.getByLabel("Titel").getAttribute("aria-invalid")).toBe("true");
    expect(await newGoal.locator(".field-problem").textContent()).toMatch(/^Titel: /);
    await newGoal.getByLabel("Titel").fill("Familien kennen ihre Ansprüche");
    await newGoal.getByRole("button", { name: "Anlegen" }).click();
    await poll(() => newGoal.getByRole("status").textContent()).toBe("Angelegt.");
    await poll(() =>
      tree.getByRole("link", { name: "Familien kennen ihre Ansprüche" }).count(),
    ).toBe(1);

    // The goal page: chart with band and target path, lights side by side, stories form.
    await tree.getByRole("link", { name: "Weniger Kinder in Bedarfsgemeinschaften" }).click();
    await poll(() =>
      page
        .getByRole("heading", { name: /Weniger Kinder in Bedarfsgemeinschaften/, level: 1 })
        .count(),
    ).toBe(1);
    expect(await exampleNote(page).count()).toBe(1);
    await poll(() => page.getByRole("img", { name: /^Liniendiagramm: Kinderarmut/ }).count()).toBe(
      2,
    );
    expect(await page.getByText("Ausgangswert 30,0 % (2017)").count()).toBe(1);
    // The uncertain light of Altstadt says so in words (and is drawn hatched).
    const altstadt = page.getByRole("list", { name: /^Ampeln von Kinderarmut .* – Altstadt/ });
    expect(await altstadt.textContent()).toMatch(/2021Wolkeunsicher: Blitz bis Wolke/);
    await altstadt.screenshot({ path: "docs/screenshots/ziele-ampeln.png" });
    // The lights of the last assessment years side by side, oldest first.
    const nordstadt = page.getByRole("list", { name: /^Ampeln von Kinderarmut .* – Nordstadt/ });
    expect(await nordstadt.getByRole("listitem").allTextContents()).toEqual([
      "2018keine Bewertung",
      "2019keine Bewertung",
      "2020keine Bewertung",
      "2021Sonne",
    ]);
    // The planning staff write the story behind the curve.
    const story = page.getByRole("form", {
      name: "Geschichte schreiben: Kinderarmut (SGB II, Näherung) – Nordstadt",
    });
    await story.getByLabel("Geschichte").fill("Der Rückgang seit 2019 folgt dem Ausbau der Kitas.");
    await story.getByRole("button", { name: "Geschichte speichern" }).click();
    await poll(() => story.getByRole("status").textContent()).toBe("Geschichte gespeichert.");
    await poll(() => page.getByText(/^2021: Der Rückgang seit 2019 folgt/).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: "docs/screenshots/ziele-ziel.png", fullPage: true });

    // The measure page, from the goal's measures.
    await page.getByRole("link", { name: "Ferienfreizeiten" }).click();
    await poll(() =>
      page.getByRole("heading", { name: /Ferienfreizeiten/, level: 1 }).count(),
    ).toBe(1);
    await page.goto(`${e2e.base}/ziele/massnahme/M01`);
    await poll(() =>
      page.getByRole("heading", { name: /Familienlotsen Nordstadt/, level: 1 }).count(),
    ).toBe(1);
    expect(await exampleNote(page).count()).toBe(1);
    for (const q of [
      "Wie viel haben wir getan?",
      "Wie gut haben wir es getan?",
      "Geht es jemandem besser?",
    ]) {
      expect(await page.getByRole("heading", { name: q, level: 3 }).count()).toBe(1);
    }
    await poll(() =>
      page.getByRole("img", { name: /^Regelkarte \(XmR\): Erstkontakte/ }).count(),
    ).toBe(1);
    // The unusual month is flagged, with its reason, in the chart's table.
    const kont = page.getByRole("table", {
      name: /^Erstkontakte innerhalb einer Woche/,
      includeHidden: true,
    });
    expect(
      await kont.getByRole("row", { name: /^2024-01/, includeHidden: true }).textContent(),
    ).toMatch(/Verbesserung/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: "docs/screenshots/ziele-massnahme.png", fullPage: true });
    await page.close();
  });

  it("lets the department enter a value on its own measure, refused at the field when wrong", async () => {
    const page = await openAs(DEPARTMENT, "/ziele/massnahme/M01");
    await poll(() =>
      page.getByRole("heading", { name: /Familienlotsen Nordstadt/, level: 1 }).count(),
    ).toBe(1);
    expect(await exampleNote(page).count()).toBe(1);
    const form = page.getByRole("form", { name: "Wert eintragen: Beratene Familien" });
    await form.getByLabel("Zeitraum").fill("2022-Q4");
    await form.getByLabel("Wert (Familien)").fill("12");
    await form.getByRole("button", { name: "Wert speichern" }).click();
    const period = form.getByLabel("Zeitraum");
    await poll(() => period.getAttribute("aria-invalid")).toBe("true");
    expect(await form.locator(".field-problem").textContent()).toMatch(
      /2022-Q4 liegt außerhalb der Laufzeit der Maßnahme \(01\.01\.2023 bis 31\.12\.2027\)/,
    );
    expect(await seriousViolations(page)).toEqual([]);
    await form.screenshot({ path: "docs/screenshots/ziele-wert-fehler.png" });

    await period.fill("2025-Q1");
    await form.getByLabel("Wert (Familien)").fill("52");
    await form.getByRole("button", { name: "Wert speichern" }).click();
    await poll(() => form.getByRole("status").textContent()).toBe("Wert gespeichert.");
    const table = page.getByRole("table", { name: /^Beratene Familien/, includeHidden: true });
    await poll(() =>
      table.getByRole("row", { name: /^2025-Q1/, includeHidden: true }).textContent(),
    ).toMatch(/52/);
    // The report on status and milestones, due days the German way.
    const report = page.getByRole("form", { name: "Über die Maßnahme berichten" });
    expect(await report.getByLabel("Fällig am (Meilenstein 2)").inputValue()).toBe("31.01.2025");
    await report.getByLabel("Meilenstein 2 erledigt").check();
    await report.getByRole("button", { name: "Bericht speichern" }).click();
    await poll(() => report.getByRole("status").textContent()).toBe("Bericht gespeichert.");
    await poll(() =>
      page
        .getByRole("table", { name: /^Meilensteine: / })
        .getByRole("row", { name: /^Evaluation/ })
        .textContent(),
    ).toMatch(/erledigt$/);

    // Another measure: no form.
    await page.goto(`${e2e.base}/ziele/massnahme/M02`);
    await poll(() =>
      page.getByRole("heading", { name: /Ferienfreizeiten/, level: 1 }).count(),
    ).toBe(1);
    expect(await page.getByRole("main").getByRole("form").count()).toBe(0);
    await page.close();
  });

  it("shows the council released goals only, without forms", async () => {
    const page = await openAs(VIEWER);
    await poll(() => page.getByRole("list", { name: "Zielbaum Kinderarmut" }).count()).toBe(1);
    const tree = page.getByRole("list", { name: "Zielbaum Kinderarmut" });
    expect(await tree.getByRole("link").allTextContents()).toEqual([
      "Jedes Kind wächst ohne Armut auf",
      "Weniger Kinder in Bedarfsgemeinschaften",
    ]);
    expect(await exampleNote(page).count()).toBe(1);
    expect(await page.getByRole("heading", { name: "Fällig" }).count()).toBe(0);
    expect(await page.getByRole("main").getByRole("form").count()).toBe(0);
    expect(await page.getByText("Familienlotsen Nordstadt").count()).toBe(0);
    await poll(() => page.getByTestId("choropleth-map").getAttribute("data-drawn")).toBe(
      "measures|district",
    );
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: "docs/screenshots/ziele-rat.png", fullPage: true });
    // A 768 px wide screen needs no sideways scrolling.
    await page.setViewportSize({ width: 768, height: 1000 });
    await poll(() =>
      page.evaluate(
        () => document.documentElement.scrollWidth <= document.documentElement.clientWidth,
      ),
    ).toBe(true);
    await page.setViewportSize({ width: 1280, height: 1000 });

    await tree.getByRole("link", { name: "Weniger Kinder in Bedarfsgemeinschaften" }).click();
    await poll(() =>
      page
        .getByRole("heading", { name: /Weniger Kinder in Bedarfsgemeinschaften/, level: 1 })
        .count(),
    ).toBe(1);
    expect(await exampleNote(page).count()).toBe(1);
    expect(await page.getByRole("main").getByRole("form").count()).toBe(0);
    // The draft goal is not there for the council.
    await page.goto(`${e2e.base}/ziele/ziel/W1`);
    await poll(() => page.getByText(/Ein Ziel „W1“ gibt es hier nicht/).count()).toBe(1);
    await page.close();
  });
});
