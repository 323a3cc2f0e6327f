/**
 * Files made in the browser: saving bytes as a download, and the map canvas as a PNG with
 * title, legend, source and date drawn beside it. Tables are written from a ViewTable
 * (view-table.ts, view-xlsx.ts), charts and the vector map from SVG (svg-export.ts).
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
