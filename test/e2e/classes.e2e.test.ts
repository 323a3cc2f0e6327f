/// <reference lib="dom" />
/**
 * Deciles in the atlas: ten quantile classes can be chosen, the legend lists ten classes whose
 * counts are those of the core classification of the values exactly as the API sends them
 * (unrounded), and the breaks are written with the indicator's decimals.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classify } from "../../src/core/classify/classify.ts";
import type { IndicatorValueSetDto } from "../../src/contracts/indicators.ts";
import { logIn, seriousViolations, startE2e, type E2eServer } from "./support.ts";

let e2e: E2eServer;

beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(async () => {
  await e2e?.close();
});

const countOf = (t: string) => Number(/\((\d+) Gebiete?\)/.exec(t)?.[1] ?? "-1");

describe("atlas classes", () => {
  it("shows deciles of the unrounded values with a legend of ten classes", async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 1100 } });
    await logIn(page, e2e.base, "politik@demo.sopla.example", "Demo-Politik-2026");
    await page.getByRole("link", { name: /^Atlas/ }).click();
    await page.getByLabel("Indikator").selectOption({ label: "SGB-II-Quote" });
    await expect
      .poll(() => page.getByRole("heading", { name: /SGB-II-Quote \(%\), 2021/ }).count())
      .toBe(1);

    await page.getByLabel("Klassenbildung").selectOption("quantile");
    const offered = await page
      .getByLabel("Klassen", { exact: true })
      .locator("option")
      .allTextContents();
    expect(offered).toEqual(["3", "4", "5", "6", "7", "8", "9", "10", "11", "12"]);
    await page.getByLabel("Klassen", { exact: true }).selectOption("10");
    const legend = page.getByRole("list", { name: "Legende" }).locator("li");
    await expect.poll(async () => (await legend.allTextContents()).length).toBe(10);

    // The same classes as the core computes on the values the page received, unrounded.
    const set = (await (
      await page.request.get(
        `${e2e.base}/api/indicators/sgb2_rate/values?workspace=flensburg&period=2021`,
      )
    ).json()) as IndicatorValueSetDto;
    const exact = set.values.flatMap((v) => (v.value === null ? [] : [v.value]));
    expect(exact.some((v) => Math.round(v * 10) / 10 !== v)).toBe(true);
    const ours = classify(
      exact.map((value) => ({ kind: "known" as const, value })),
      { kind: "quantile" },
      10,
      { decimals: set.decimals },
    );
    if (!ours.ok) throw new Error(ours.error);
    const texts = await legend.allTextContents();
    expect(texts.map(countOf)).toEqual(ours.value.counts);
    expect(texts.map(countOf).reduce((a, b) => a + b, 0)).toBe(13);
    expect(texts.filter((t) => t.endsWith("(1 Gebiet)")).length).toBeGreaterThan(0);
    // Two districts both shown as 12,5 % lie in different classes: the classes follow the
    // exact values, and the legend says why its breaks carry more decimals.
    await expect
      .poll(() => page.getByText(/Nachkommastellen/).textContent())
      .toMatch(/gerundet gleich aussehen, liegen in verschiedenen Klassen/);
    // Breaks in German numbers; as many decimals as it takes to tell neighbouring breaks apart.
    expect(texts[0]).toMatch(/^\d+,\d+ bis \d+,\d+ \(\d+ Gebiete?\)$/);
    expect(texts[9]).toMatch(/^über \d+,\d+ bis \d+,\d+ \(\d+ Gebiete?\)$/);

    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: "docs/screenshots/atlas-deciles.png", fullPage: true });
    await page.close();
  });
});
