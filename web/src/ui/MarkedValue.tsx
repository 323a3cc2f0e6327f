/**
 * A value with its marks as the reader sees it ("0,6 p"), and the legend of the marks a table
 * uses. A value under review ("zu prüfen") is set apart — a dashed frame and its letter p — and
 * says so to screen readers; every letter explains itself on hover. Text from web/src/lib/marks.ts.
 */
import { MARK_LEGEND } from "@core/marks/value-mark.ts";
import { useI18n } from "../lib/i18n.tsx";
import {
  markedChange,
  markedNumber,
  markLegend,
  markedOf,
  type Mark,
  type MarkedInput,
} from "../lib/marks.ts";

/** The meanings of a mark's letters and parentheses, for the hover text. */
function meaning(m: Mark | null | undefined, review: string): string {
  if (!m) return "";
  const parts: string[] = [];
  if (m.review) parts.push(review);
  for (const l of m.letters) {
    if (l === "p" && m.review) continue;
    const text = MARK_LEGEND.find((e) => e.mark === l)?.text;
    if (text) parts.push(text);
  }
  if (m.limited) parts.push(MARK_LEGEND.find((e) => e.mark === "( )")?.text ?? "");
  if (m.sign === "." || m.sign === "/" || m.sign === "x" || m.sign === "…") {
    parts.push(MARK_LEGEND.find((e) => e.mark === m.sign)?.text ?? "");
  }
  return parts.filter((p) => p !== "").join("; ");
}

export function MarkedValue({
  value,
  decimals,
  change = false,
  unit,
}: {
  readonly value: MarkedInput;
  readonly decimals: number;
  /** A change: with its sign (+1,2). */
  readonly change?: boolean;
  readonly unit?: string;
}) {
  const { locale } = useI18n();
  const text = change
    ? markedChange(locale, value, decimals)
    : markedNumber(locale, value, decimals);
  const shown = unit && markedOf(value).value !== null ? `${text} ${unit}` : text;
  return <MarkedText text={shown} mark={value.mark} />;
}

/** Text already formatted with its marks ("0,7 p"), set apart when under review. */
export function MarkedText({
  text,
  mark,
}: {
  readonly text: string;
  readonly mark: Mark | null | undefined;
}) {
  const { t } = useI18n();
  const title = meaning(mark, t("marks.review"));
  if (!mark || title === "") return <>{text}</>;
  return (
    <span className={mark.review ? "marked-value mark-review" : "marked-value"} title={title}>
      {text}
      {mark.review && <span className="sr-only"> ({t("marks.review")})</span>}
    </span>
  );
}

/** "Zeichenerklärung" under a table: only the marks its values carry; nothing when none. */
export function MarkLegend({
  marks,
  id,
}: {
  readonly marks: readonly (Mark | null | undefined)[];
  readonly id?: string;
}) {
  const { t } = useI18n();
  const lines = markLegend(marks);
  if (lines.length === 0) return null;
  return (
    <div className="mark-legend" {...(id ? { id } : {})}>
      <p className="mark-legend-title">{t("marks.legend")}</p>
      <ul>
        {lines.map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
    </div>
  );
}
