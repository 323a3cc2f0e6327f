/**
 * The class bounds of one dimension in the definition form: each class's name, its upper
 * bound on the index (the last class has none) and whether a value exactly on the bound
 * belongs to it; beside them the rule as an inequality (the method's own `bandRules`) and in
 * words, so the planner sees what a bound means before saving.
 */
import { bandRules } from "@core/social-index/method.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { bandsOf, type BandRow } from "./index-form.ts";

export function ClassBands({
  dimension,
  rows,
  invalid,
  onChange,
}: {
  readonly dimension: "status" | "dynamics";
  readonly rows: readonly BandRow[];
  readonly invalid: ReadonlySet<string>;
  readonly onChange: (rows: BandRow[]) => void;
}) {
  const { t } = useI18n();
  const bands = bandsOf(rows);
  const rules = bandRules(bands);
  const set = (k: number, change: Partial<BandRow>) =>
    onChange(rows.map((r, i) => (i === k ? { ...r, ...change } : r)));
  const path = dimension === "status" ? "statusClasses" : "dynamicsClasses";
  const id = (k: number, field: string) => `def-${path}-${k}-${field}`;
  const dimensionName = t(dimension === "status" ? "analyses.status" : "analyses.dynamics");
  const captionId = `bands-${dimension}`;
  // Where a value exactly on each bound goes, in words.
  const boundaries = bands.flatMap((b, k) => {
    const next = bands[k + 1];
    if (b.upTo === null || !next) return [];
    const value = rows[k]!.upTo;
    return [
      t("analyses.form.boundaryRule", {
        value,
        class: (b.inclusive ? b : next).label,
      }),
    ];
  });

  return (
    <div className="class-bands">
      <div className="scroll">
        <table aria-describedby={`${captionId}-rule`}>
          <caption id={captionId}>
            {t("analyses.form.classesOf", { dimension: dimensionName })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t("analyses.form.class")}</th>
              <th scope="col">{t("analyses.form.upTo")}</th>
              <th scope="col">{t("analyses.form.inclusive")}</th>
              <th scope="col">{t("analyses.method.rule")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, k) => {
              const last = k === rows.length - 1;
              const name = r.label || r.key;
              return (
                <tr key={r.key}>
                  <td>
                    <input
                      id={id(k, "label")}
                      type="text"
                      value={r.label}
                      aria-label={t("analyses.form.classLabel", {
                        dimension: dimensionName,
                        n: String(k + 1),
                      })}
                      onChange={(e) => set(k, { label: e.target.value })}
                      {...(invalid.has(id(k, "label")) ? { "aria-invalid": true } : {})}
                    />
                  </td>
                  <td>
                    {last ? (
                      <span className="note">{t("analyses.form.noBound")}</span>
                    ) : (
                      <input
                        id={id(k, "upTo")}
                        type="text"
                        inputMode="decimal"
                        className="bound"
                        value={r.upTo}
                        aria-label={t("analyses.form.boundOf", {
                          dimension: dimensionName,
                          name,
                        })}
                        onChange={(e) => set(k, { upTo: e.target.value })}
                        {...(invalid.has(id(k, "upTo")) ? { "aria-invalid": true } : {})}
                      />
                    )}
                  </td>
                  <td>
                    {!last && (
                      <input
                        id={id(k, "inclusive")}
                        type="checkbox"
                        checked={r.inclusive}
                        aria-label={t("analyses.form.inclusiveOf", {
                          dimension: dimensionName,
                          name,
                        })}
                        onChange={(e) => set(k, { inclusive: e.target.checked })}
                      />
                    )}
                  </td>
                  <td className="rule">{rules[k]}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p id={`${captionId}-rule`} className="note">
        {t("analyses.form.boundaryIntro")} {boundaries.join(" ")}
      </p>
    </div>
  );
}
