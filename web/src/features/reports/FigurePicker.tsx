/**
 * The figure picker beside a text block: an indicator, a function (Wert, Stadtwert,
 * Veränderung, Rang) and optionally an area make a placeholder (`{{wert sgb2_rate
 * gebiet=STGT01}}`), shown before it is inserted at the text block's cursor.
 */
import { useState } from "react";
import type { AreaDto } from "@contracts/areas.ts";
import type { IndicatorDto } from "@contracts/indicators.ts";
import { Field } from "../../ui/TextField.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { buildPlaceholder, FIGURE_FUNCTIONS, takesArea, type FigureChoice } from "./placeholder.ts";

export function FigurePicker(props: {
  readonly id: string;
  readonly indicators: readonly IndicatorDto[];
  /** Areas below the city, grouped by level in the list. */
  readonly areas: readonly AreaDto[];
  readonly levelName: (code: string) => string;
  readonly onInsert: (placeholder: string) => void;
}) {
  const { t, locale } = useI18n();
  const [choice, setChoice] = useState<FigureChoice>({ fn: "wert", indicator: "", area: "" });
  const placeholder = buildPlaceholder(choice);
  const levels = [...new Set(props.areas.map((a) => a.level))];
  const id = (what: string) => `${props.id}-${what}`;
  return (
    <fieldset className="figure-picker">
      <legend>{t("reports.picker.title")}</legend>
      <Field id={id("indicator")} label={t("reports.picker.indicator")}>
        <select
          id={id("indicator")}
          value={choice.indicator}
          onChange={(e) => setChoice({ ...choice, indicator: e.target.value })}
        >
          <option value="">{t("reports.choose")}</option>
          {props.indicators.map((i) => (
            <option key={i.code} value={i.code}>
              {i.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id={id("fn")} label={t("reports.picker.function")}>
        <select
          id={id("fn")}
          value={choice.fn}
          onChange={(e) => setChoice({ ...choice, fn: e.target.value as FigureChoice["fn"] })}
        >
          {FIGURE_FUNCTIONS.map((fn) => (
            <option key={fn} value={fn}>
              {t(`reports.picker.fn.${fn}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id={id("area")} label={t("reports.picker.area")}>
        <select
          id={id("area")}
          value={takesArea(choice.fn) ? choice.area : ""}
          disabled={!takesArea(choice.fn)}
          onChange={(e) => setChoice({ ...choice, area: e.target.value })}
        >
          <option value="">{t("reports.picker.reportArea")}</option>
          {levels.map((level) => (
            <optgroup key={level} label={props.levelName(level)}>
              {props.areas
                .filter((a) => a.level === level)
                .sort((a, b) => a.name.localeCompare(b.name, locale))
                .map((a) => (
                  <option key={a.code} value={a.code}>
                    {a.name} ({a.code})
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </Field>
      <p className="picker-result">
        <span className="note">{t("reports.picker.result")}</span>{" "}
        <code id={id("code")}>{placeholder ?? "–"}</code>
      </p>
      <button
        type="button"
        className="secondary"
        disabled={placeholder === null}
        aria-describedby={id("code")}
        onClick={() => placeholder !== null && props.onInsert(placeholder)}
      >
        {t("reports.picker.insert")}
      </button>
    </fieldset>
  );
}
