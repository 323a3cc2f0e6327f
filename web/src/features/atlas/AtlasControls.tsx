/**
 * The atlas page's controls: indicator, level, the time slider over the periods, the
 * classification method, the manual breaks and the number of classes.
 */
import { useI18n } from "../../lib/i18n.tsx";
import { codeOptions, plainOptions, SelectField } from "../../ui/SelectField.tsx";
import { Field, TextField } from "../../ui/TextField.tsx";
import { CLASS_COUNTS, METHODS, type MethodKind } from "./atlas-helpers.ts";

type Option = { readonly code: string; readonly name: string };

export function AtlasControls({
  indicators,
  chosen,
  onIndicator,
  levels,
  shownLevel,
  onLevel,
  slider,
  period,
  onPeriod,
  method,
  onMethod,
  manualText,
  onManualText,
  classes,
  onClasses,
}: {
  readonly indicators: readonly Option[];
  readonly chosen: string | undefined;
  readonly onIndicator: (code: string) => void;
  readonly levels: readonly Option[];
  readonly shownLevel: string | undefined;
  readonly onLevel: (code: string) => void;
  readonly slider: readonly string[];
  readonly period: string | undefined;
  readonly onPeriod: (code: string | undefined) => void;
  readonly method: MethodKind;
  readonly onMethod: (method: MethodKind) => void;
  readonly manualText: string;
  readonly onManualText: (text: string) => void;
  readonly classes: number;
  readonly onClasses: (n: number) => void;
}) {
  const { t } = useI18n();
  return (
    <form className="controls" onSubmit={(e) => e.preventDefault()}>
      <SelectField
        id="atlas-indicator"
        label={t("atlas.indicator")}
        value={chosen ?? ""}
        options={codeOptions(indicators)}
        onChange={onIndicator}
      />
      <SelectField
        id="atlas-level"
        label={t("atlas.level")}
        value={shownLevel ?? ""}
        options={codeOptions(levels)}
        onChange={onLevel}
      />
      <Field id="atlas-period" label={t("atlas.period")} size="wide">
        <input
          id="atlas-period"
          type="range"
          min={0}
          max={Math.max(0, slider.length - 1)}
          step={1}
          value={Math.max(0, slider.indexOf(period ?? ""))}
          aria-valuetext={period ?? ""}
          onChange={(e) => onPeriod(slider[Number(e.target.value)])}
          disabled={slider.length < 2}
        />
        <output htmlFor="atlas-period">{period ?? ""}</output>
      </Field>
      <SelectField
        id="atlas-method"
        label={t("atlas.method")}
        value={method}
        options={METHODS.map((m) => ({ value: m, label: t(`atlas.method.${m}`) }))}
        onChange={(v) => onMethod(v as MethodKind)}
      />
      {method === "manual" && (
        <TextField
          id="atlas-breaks"
          label={t("atlas.breaks")}
          size="wide"
          hint={t("atlas.breaksHelp")}
          type="text"
          inputMode="decimal"
          value={manualText}
          placeholder="10; 12,5; 15"
          onChange={onManualText}
        />
      )}
      <SelectField
        id="atlas-classes"
        label={t("atlas.classes")}
        value={String(classes)}
        options={plainOptions(CLASS_COUNTS)}
        onChange={(v) => onClasses(Number(v))}
        hidden={method === "manual"}
      />
    </form>
  );
}
