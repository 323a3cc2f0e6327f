/**
 * Files made in the browser from what a page shows: a table as CSV (German dialect: `;`,
 * decimal comma, UTF-8 with BOM so Excel opens umlauts right) with title, source and date in
 * its first lines, and a map as PNG with title, legend, source and date drawn beside it.
 */

/** Offers bytes as a download with the given file name. */
export function saveFile(name: string, type: string, data: BlobPart): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A CSV field, quoted when needed; text that a spreadsheet would run as a formula is defused. */
function field(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) && !/^-?\d/.test(text) ? `'${text}` : text;
  return /[;"\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function tableCsv(
  meta: { title: string; source: string; date: string },
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const lines = [[meta.title], [meta.source], [meta.date], [], header, ...rows].map((r) =>
    r.map(field).join(";"),
  );
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** The map canvas with a white margin holding title, legend and source, as a PNG blob. */
export async function mapPng(
  canvas: HTMLCanvasElement,
  meta: {
    title: string;
    source: string;
    date: string;
    legend: readonly { colour: string; text: string }[];
  },
): Promise<Blob> {
  const pad = 16;
  const legendWidth = 300;
  const out = document.createElement("canvas");
  out.width = canvas.width + legendWidth + 3 * pad;
  out.height = Math.max(canvas.height, meta.legend.length * 24 + 60) + 90;
  const ctx = out.getContext("2d")!;
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.fillStyle = "#1a1a1a";
  ctx.font = "bold 20px sans-serif";
  ctx.fillText(meta.title, pad, 30);
  ctx.drawImage(canvas, pad, 45);
  const x = canvas.width + 2 * pad;
  ctx.font = "15px sans-serif";
  meta.legend.forEach((entry, i) => {
    const y = 60 + i * 24;
    ctx.fillStyle = entry.colour;
    ctx.fillRect(x, y, 22, 16);
    ctx.strokeStyle = "#555555";
    ctx.strokeRect(x, y, 22, 16);
    ctx.fillStyle = "#1a1a1a";
    ctx.fillText(entry.text, x + 30, y + 13);
  });
  ctx.font = "13px sans-serif";
  ctx.fillText(meta.source, pad, out.height - 34);
  ctx.fillText(meta.date, pad, out.height - 14);
  return new Promise((resolve, reject) =>
    out.toBlob(
      (b) => (b ? resolve(b) : reject(new Error("PNG konnte nicht erzeugt werden."))),
      "image/png",
    ),
  );
}
