/**
 * A small city for the strategic cycle's tests: social areas A, B, C below the city S and an
 * indicator "kinderarmut" (children in benefit households per 100 children) over 2015–2024.
 * A has 2 of 40 children every year (withheld from everyone but the planners), B falls from
 * 200 to 155 of 1,000, C stays at 100 of 500.
 */
import { expect } from "vitest";
import { SYSTEM_ACTOR } from "../../src/services/audit.ts";
import type { ServiceContext } from "../../src/services/context.ts";
import { applyCatalogue, parseCatalogue } from "../../src/services/data/apply-catalogue.ts";
import { runImport } from "../../src/services/data/run-import.ts";
import { resolveWorkspace } from "../../src/services/workspaces.ts";

export const POVERTY_YEARS = Array.from({ length: 10 }, (_, i) => 2015 + i);

export async function seedPovertyCity(ctx: ServiceContext, slug: string, name: string) {
  await applyCatalogue(
    ctx,
    parseCatalogue({
      workspace: { slug, name },
      areaSystems: [
        {
          code: "sr",
          name: "Sozialräume",
          levels: [
            { code: "stadt", name: "Stadt" },
            { code: "sozialraum", name: "Sozialraum" },
          ],
          areas: [
            { code: "S", name, level: "stadt" },
            ...["A", "B", "C"].map((c) => ({
              code: c,
              name: `Sozialraum ${c}`,
              level: "sozialraum",
              parent: "S",
            })),
          ],
        },
      ],
      variables: [
        {
          code: "u18",
          name: "Einwohner unter 18",
          unit: "Personen",
          measure: "stock",
          aggregation: "sum",
        },
        {
          code: "kinder_sgb2",
          name: "Kinder in Bedarfsgemeinschaften",
          unit: "Personen",
          measure: "stock",
          aggregation: "sum",
        },
      ],
      indicators: [
        {
          code: "kinderarmut",
          name: "Kinderarmut",
          theme: "Soziale Lage",
          numerator: ["kinder_sgb2"],
          denominator: ["u18"],
          factor: 100,
          unit: "%",
          decimals: 1,
          polarity: "lower_is_better",
          definition: "Kinder in Bedarfsgemeinschaften je 100 Kinder.",
        },
      ],
    }),
    SYSTEM_ACTOR,
  );
  const rows = POVERTY_YEARS.flatMap((y, i) => [
    `A;u18;${y};40`,
    `A;kinder_sgb2;${y};2`,
    `B;u18;${y};1000`,
    `B;kinder_sgb2;${y};${200 - 5 * i}`,
    `C;u18;${y};500`,
    `C;kinder_sgb2;${y};100`,
  ]);
  const imported = await runImport(ctx, {
    workspace: await resolveWorkspace(ctx, slug),
    fileName: "werte.csv",
    bytes: new TextEncoder().encode(["gebiet;merkmal;jahr;wert", ...rows].join("\n")),
    mapping: {
      format: "csv",
      layout: "long",
      area: { column: "gebiet" },
      variable: { column: "merkmal" },
      period: { column: "jahr" },
      value: { column: "wert" },
    },
    dryRun: false,
    actor: SYSTEM_ACTOR,
  });
  expect(imported.status).toBe("committed");
}
