/**
 * `sopla report render`: a report built from the current data and written as PDF, DOCX, XLSX
 * or HTML, for scheduled runs. The template is a workspace's (or a built-in) template by code,
 * or a template file (*.json). An area profile without `--area` gives the profiles of every
 * area of its level in one file. Any problem is printed with its place in the template and
 * nothing is written: the file appears whole (written beside the target, then renamed) or not.
 */
import { formatNumber } from "../core/format/number.ts";
import { readFile, rename, unlink, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { parseReportTemplate } from "../contracts/documents/report-template.ts";
import { buildAreaProfiles, buildReport, type BuildResult } from "../services/reports/build.ts";
import { closeChromium } from "../render/chromium.ts";
import { renderDocument, type RenderFormat } from "../services/reports/render.ts";
import { getTemplate } from "../services/reports/templates.ts";
import type { ServiceContext } from "../services/context.ts";
import { resolveWorkspace } from "../services/workspaces.ts";

const FORMATS: readonly RenderFormat[] = ["pdf", "docx", "xlsx", "html"];

export class ReportUsageError extends Error {}

export async function reportCommand(
  argv: string[],
  withContext: <T>(fn: (ctx: ServiceContext) => Promise<T>) => Promise<T>,
): Promise<number> {
  const [sub, ...args] = argv;
  if (sub !== "render") throw new ReportUsageError("report kennt nur „render“.");
  const { values } = parseArgs({
    args,
    options: {
      template: { type: "string" },
      period: { type: "string" },
      format: { type: "string" },
      output: { type: "string" },
      area: { type: "string" },
      workspace: { type: "string" },
    },
    strict: true,
  });
  const { template: name, period, output } = values;
  const format = values.format as RenderFormat | undefined;
  if (name === undefined || period === undefined || output === undefined || format === undefined) {
    throw new ReportUsageError(
      "report render braucht --template, --period, --format und --output.",
    );
  }
  if (!FORMATS.includes(format)) {
    throw new ReportUsageError(`--format ${format}: möglich sind ${FORMATS.join(", ")}.`);
  }
  try {
    return await withContext(async (ctx) => {
      const ws = await resolveWorkspace(ctx, values.workspace);
      let template;
      if (name.endsWith(".json")) {
        const parsed = parseReportTemplate(JSON.parse(await readFile(name, "utf8")));
        if (!parsed.ok) {
          console.error(`Die Vorlage ${name} ist fehlerhaft; nichts wurde geschrieben:`);
          for (const p of parsed.error) console.error(`  ${p}`);
          return 1;
        }
        template = parsed.value;
      } else {
        template = (await getTemplate(ctx, ws, name)).template;
      }
      const started = performance.now();
      const request = { template, period, state: "Entwurf" };
      const built: BuildResult =
        template.perArea && values.area === undefined
          ? await buildAreaProfiles(ctx, ws, request)
          : await buildReport(ctx, ws, { ...request, area: values.area });
      if (!built.ok) {
        console.error(`Der Bericht lässt sich nicht erstellen; nichts wurde geschrieben:`);
        for (const p of built.problems) console.error(`  ${p.place}: ${p.message}`);
        return 1;
      }
      for (const w of built.warnings) console.error(`Hinweis: ${w.place}: ${w.message}`);
      const bytes = await renderDocument(built.document, format);
      const partial = `${output}.${process.pid}.teil`;
      try {
        await writeFile(partial, bytes);
        await rename(partial, output);
      } catch (e) {
        await unlink(partial).catch(() => undefined);
        throw e;
      }
      const seconds = formatNumber((performance.now() - started) / 1000, { max: 1 });
      console.log(
        `${built.document.title} (${format.toUpperCase()}, ${formatNumber(bytes.length / 1024, 0)} KB, ${seconds} s) geschrieben: ${output}`,
      );
      return 0;
    });
  } finally {
    await closeChromium();
  }
}
