/**
 * The areas of the time series chart: a choice of one more area, its button, and the chosen
 * areas as chips that remove themselves.
 */
import { useI18n } from "../../lib/i18n.tsx";
import { SERIES_COLOURS } from "../../ui/charts/chart-colours.ts";
import { SelectField } from "../../ui/SelectField.tsx";

/** At most as many areas as the series have colours. */
export const MAX_AREAS = SERIES_COLOURS.length;

export function AreaPicker({
  candidate,
  onCandidate,
  candidates,
  chosen,
  onChosen,
  names,
}: {
  readonly candidate: string;
  readonly onCandidate: (area: string) => void;
  readonly candidates: readonly { readonly area: string; readonly name: string }[];
  readonly chosen: readonly string[];
  readonly onChosen: (change: (c: readonly string[]) => readonly string[]) => void;
  readonly names: ReadonlyMap<string, string>;
}) {
  const { t } = useI18n();
  return (
    <div className="controls area-picker">
      <SelectField
        id="series-area"
        label={t("indicators.addArea")}
        value={candidate}
        options={[
          { value: "", label: "–" },
          ...candidates.map((v) => ({ value: v.area, label: v.name })),
        ]}
        onChange={onCandidate}
        disabled={chosen.length >= MAX_AREAS}
      />
      <button
        type="button"
        disabled={candidate === "" || chosen.length >= MAX_AREAS}
        onClick={() => {
          onChosen((c) => [...c, candidate]);
          onCandidate("");
        }}
      >
        {t("indicators.add")}
      </button>
      {chosen.length >= MAX_AREAS && (
        <p className="note">{t("indicators.maxAreas", { n: String(MAX_AREAS) })}</p>
      )}
      {chosen.length > 0 && (
        <ul className="chips">
          {chosen.map((a) => (
            <li key={a}>
              {names.get(a) ?? a}{" "}
              <button
                type="button"
                aria-label={t("indicators.remove", { name: names.get(a) ?? a })}
                onClick={() => onChosen((c) => c.filter((x) => x !== a))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
