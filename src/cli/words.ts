/** Figures in German for the terminal: "1 Zeile", "1.234 Zeilen", "3,2 MB". */
import { formatNumber } from "../core/format/number.ts";

/** A count with its noun, singular for one: "1 Zeile", "1.234 Zeilen". */
export const counted = (n: number, one: string, many: string): string =>
  `${formatNumber(n, { max: 3 })} ${n === 1 ? one : many}`;

/** A file size in KB below one MB, else in MB, with one decimal. */
export function fileSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${formatNumber(bytes / 1024, 1)} KB`;
  return `${formatNumber(bytes / 1024 / 1024, 1)} MB`;
}
