/**
 * Settings of the blocks that show indicators: a table, a chart, an area comparison and a
 * typology. The indicators are a list in their order (add one from a select, remove one; a
 * block keeps its fewest: one, two for a typology), then what each block needs besides: the
 * areas and the change of a table, the areas of a comparison, level, method, k and parts of a
 * typology. The server checks the rest when the preview is built.
 */
import { useState } from "react";
import type { IndicatorDto } from "@contracts/indicators.ts";
import type {
  AreaChoice,
  ChartBlock,
  ComparisonBlock,
  TableBlock,
  TypologyBlock,
} from "@core/reports/template.ts";
import { Field } from "../../ui/TextField.tsx";
import { PartsField } from "./PartsField.tsx";
import { useI18n } from "../../lib/i18n.tsx";

export type IndicatorBlock = TableBlock | ChartBlock | ComparisonBlock | TypologyBlock;

const TYPOLOGY_PARTS: readonly TypologyBlock["parts"][number][] = ["map", "profiles", "areas"];

export function IndicatorBlockSettings(props: {
  readonly id: string;
  readonly block: IndicatorBlock;
  readonly onChange: (next: IndicatorBlock) => void;
  readonly indicators: readonly IndicatorDto[];
  readonly levels: readonly { code: string; name: string }[];
  /** The template is an area profile: areas can be the report's own. */
  readonly perArea: boolean;
}) {
  const { t } = useI18n();
  const { block, id } = props;
  const set = (patch: Partial<IndicatorBlock>) =>
    props.onChange({ ...block, ...patch } as IndicatorBlock);
  return (
    <>
      <IndicatorList
        id={id}
        chosen={block.indicators}
        fewest={block.type === "typology" ? 2 : 1}
        indicators={props.indicators}
        onChange={(indicators) => set({ indicators })}
      />
      <div className="form-grid">
        {(block.type === "table" || block.type === "comparison") && (
          <AreaSelect
            id={`${id}-areas`}
            value={block.areas}
            levels={props.levels}
            perArea={props.perArea}
            onChange={(areas) => set({ areas })}
          />
        )}
        {block.type === "table" && (
          <Field id={`${id}-change`} label={t("reports.editor.change")}>
            <select
              id={`${id}-change`}
              value={typeof block.changeSince === "string" ? block.changeSince : ""}
              onChange={(e) =>
                set({
                  changeSince:
                    e.target.value === ""
                      ? undefined
                      : (e.target.value as "previous" | "year_before"),
                })
              }
            >
              <option value="">{t("reports.editor.changeNone")}</option>
              <option value="previous">{t("reports.period.previous")}</option>
              <option value="year_before">{t("reports.period.yearBefore")}</option>
            </select>
          </Field>
        )}
        {block.type === "typology" && (
          <>
            <Field id={`${id}-level`} label={t("reports.editor.level")}>
              <select
                id={`${id}-level`}
                value={block.level}
                onChange={(e) => set({ level: e.target.value })}
              >
                {!props.levels.some((x) => x.code === block.level) && (
                  <option value={block.level}>{block.level}</option>
                )}
                {props.levels.map((x) => (
                  <option key={x.code} value={x.code}>
                    {x.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field id={`${id}-method`} label={t("reports.editor.method")}>
              <select
                id={`${id}-method`}
                value={block.method ?? "kmeans"}
                onChange={(e) => set({ method: e.target.value as "kmeans" | "ward" })}
              >
                <option value="kmeans">k-means</option>
                <option value="ward">Ward</option>
              </select>
            </Field>
            <Field id={`${id}-k`} label={t("reports.editor.k")} size="narrow">
              <select
                id={`${id}-k`}
                value={block.k === undefined ? "" : String(block.k)}
                onChange={(e) =>
                  set({ k: e.target.value === "" ? undefined : Number(e.target.value) })
                }
              >
                <option value="">{t("reports.editor.kAuto")}</option>
                {[2, 3, 4, 5, 6, 7, 8].map((k) => (
                  <option key={k} value={String(k)}>
                    {k}
                  </option>
                ))}
              </select>
            </Field>
          </>
        )}
      </div>
      {block.type === "typology" && (
        <PartsField
          all={TYPOLOGY_PARTS}
          parts={block.parts}
          label={(part) => t(`reports.typologyPart.${part}`)}
          onChange={(parts) => set({ parts })}
        />
      )}
    </>
  );
}

/** The block's indicators in their order, each removable, and a select to add one. */
function IndicatorList(props: {
  readonly id: string;
  readonly chosen: readonly string[];
  readonly fewest: number;
  readonly indicators: readonly IndicatorDto[];
  readonly onChange: (next: string[]) => void;
}) {
  const { t } = useI18n();
  const rest = props.indicators.filter((x) => !props.chosen.includes(x.code));
  const [adding, setAdding] = useState("");
  const toAdd = rest.some((x) => x.code === adding) ? adding : (rest[0]?.code ?? "");
  const nameOf = (code: string) => props.indicators.find((x) => x.code === code)?.name ?? code;
  const atFewest = props.chosen.length <= props.fewest;
  return (
    <fieldset className="indicator-list">
      <legend>{t("reports.editor.indicators")}</legend>
      <ol>
        {props.chosen.map((code) => (
          <li key={code}>
            <span>{nameOf(code)}</span>{" "}
            <button
              type="button"
              className="secondary small"
              aria-label={t("reports.editor.removeIndicator", { name: nameOf(code) })}
              aria-disabled={atFewest || undefined}
              title={atFewest ? t("reports.editor.fewest", { n: String(props.fewest) }) : undefined}
              onClick={() => !atFewest && props.onChange(props.chosen.filter((c) => c !== code))}
            >
              {t("reports.editor.removeShort")}
            </button>
          </li>
        ))}
      </ol>
      {rest.length > 0 && (
        <div className="button-row">
          <Field id={`${props.id}-add-indicator`} label={t("reports.editor.addIndicator")}>
            <select
              id={`${props.id}-add-indicator`}
              value={toAdd}
              onChange={(e) => setAdding(e.target.value)}
            >
              {rest.map((x) => (
                <option key={x.code} value={x.code}>
                  {x.name}
                </option>
              ))}
            </select>
          </Field>
          <button
            type="button"
            className="secondary"
            onClick={() => toAdd !== "" && props.onChange([...props.chosen, toAdd])}
          >
            {t("reports.editor.addIndicatorButton")}
          </button>
        </div>
      )}
    </fieldset>
  );
}

/** Every area of a level, or (in an area profile) the report's own area. */
function AreaSelect(props: {
  readonly id: string;
  readonly value: AreaChoice;
  readonly levels: readonly { code: string; name: string }[];
  readonly perArea: boolean;
  readonly onChange: (next: AreaChoice) => void;
}) {
  const { t } = useI18n();
  const current =
    "reportArea" in props.value ? "@report" : "level" in props.value ? props.value.level : "";
  return (
    <Field id={props.id} label={t("reports.editor.areas")}>
      <select
        id={props.id}
        value={current}
        onChange={(e) =>
          props.onChange(
            e.target.value === "@report" ? { reportArea: true } : { level: e.target.value },
          )
        }
      >
        {"codes" in props.value && (
          <option value="">
            {t("reports.areas.codes", { codes: props.value.codes.join(", ") })}
          </option>
        )}
        {(props.perArea || "reportArea" in props.value) && (
          <option value="@report">{t("reports.areas.report")}</option>
        )}
        {props.levels.map((x) => (
          <option key={x.code} value={x.code}>
            {t("reports.areas.level", { level: x.name })}
          </option>
        ))}
      </select>
    </Field>
  );
}
