/** A report's document in one of the four outputs, with its media type. */
import type { ReportDocument } from "../../core/reports/document.ts";
import { renderDocx } from "../../render/docx.ts";
import { renderHtml } from "../../render/html.ts";
import { renderPdf } from "../../render/pdf.ts";
import { renderXlsx } from "../../render/xlsx.ts";

export type RenderFormat = "html" | "pdf" | "docx" | "xlsx";

export const MEDIA_TYPES: Record<RenderFormat, string> = {
  html: "text/html; charset=utf-8",
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

export async function renderDocument(
  doc: ReportDocument,
  format: RenderFormat,
): Promise<Uint8Array> {
  switch (format) {
    case "html":
      return new TextEncoder().encode(renderHtml(doc));
    case "pdf":
      return renderPdf(doc);
    case "docx":
      return renderDocx(doc);
    case "xlsx":
      return renderXlsx(doc);
  }
}
