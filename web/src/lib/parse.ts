/**
 * Numbers typed by people: German ("12,5", "1.250,5") or plain ("12.5"), separated by
 * semicolons. A list that cannot be read gets a German message naming the bad entry.
 */
import { err, ok, type Result } from "@core/result.ts";

export function parseNumber(text: string): number | null {
  const t = text.trim().replaceAll(" ", "").replaceAll("\u00a0", "");
  if (t === "") return null;
  const normal = t.includes(",") ? t.replaceAll(".", "").replace(",", ".") : t;
  if (!/^[-−]?\d+(\.\d+)?$/.test(normal)) return null;
  return Number(normal.replace("−", "-"));
}

export function parseNumberList(text: string): Result<number[], string> {
  const parts = text
    .split(";")
    .map((p) => p.trim())
    .filter((p) => p !== "");
  if (parts.length === 0)
    return err("Bitte mindestens eine Klassengrenze eingeben, z. B. „10; 12,5; 15“.");
  const out: number[] = [];
  for (const p of parts) {
    const n = parseNumber(p);
    if (n === null)
      return err(
        `„${p}“ ist keine Zahl. Grenzen bitte mit Semikolon trennen, z. B. „10; 12,5; 15“.`,
      );
    out.push(n);
  }
  return ok(out);
}

/**
 * A number typed in a German form: "6.250" is six thousand two hundred and fifty (the dot
 * groups thousands), "12,5" twelve and a half; "1.234,5" both. A dot that does not group
 * three digits ("12.5") is read as a decimal point. Null when the text is no number.
 */
export function parseGermanNumber(text: string): number | null {
  const t = text.trim().replaceAll(" ", "").replaceAll("\u00a0", "").replace("−", "-");
  if (t === "") return null;
  const grouped = /^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(t);
  const normal = grouped || t.includes(",") ? t.replaceAll(".", "").replace(",", ".") : t;
  if (!/^-?\d+(\.\d+)?$/.test(normal)) return null;
  return Number(normal);
}
