/**
 * Indikatoren: the catalogue by theme with a search, and each indicator's sheet (definition,
 * formula, source, interpretation, limits) with its charts: time series, ranking, histogram
 * and the scatter plot against a second indicator (IndicatorAnalysis). Below, for planners and
 * administrators, the starter catalogue of standard indicators to take over.
 */
import { useMemo, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import type { IndicatorDto } from "@contracts/indicators.ts";
import { useIndicators } from "../../lib/catalogue-queries.ts";
import { useI18n, type MessageKey } from "../../lib/i18n.tsx";
import { useWorkspace } from "../../lib/session.tsx";
import { Empty, ErrorState, Loading } from "../../ui/states.tsx";
import { StarterCatalogue } from "./StarterCatalogue.tsx";
import { UnusedVariables } from "./UnusedVariables.tsx";
import { IndicatorAnalysis } from "./IndicatorAnalysis.tsx";
import { IndicatorEditor } from "./IndicatorEditor.tsx";
import { FormulaHistory } from "./FormulaHistory.tsx";
import { VariablesEditor } from "./VariablesEditor.tsx";

const POLARITY: Record<IndicatorDto["polarity"], MessageKey> = {
  higher_is_better: "indicators.polarity.higher",
  lower_is_better: "indicators.polarity.lower",
  neutral: "indicators.polarity.neutral",
};

function Sheet({
  indicator,
  indicators,
  workspace,
  workspaceName,
  onEdit,
}: {
  readonly indicator: IndicatorDto;
  readonly indicators: readonly IndicatorDto[];
  readonly workspace: string;
  readonly workspaceName: string;
  /** Opens the editor; absent for those who may not edit. */
  readonly onEdit?: (() => void) | undefined;
}) {
  const { t } = useI18n();
  const rows: [MessageKey, string | null][] = [
    ["indicators.definition", indicator.sheet.definition],
    ["indicators.formula", indicator.sheet.formula],
    ["indicators.unit", indicator.unit],
    ["indicators.polarity", t(POLARITY[indicator.polarity])],
    ["indicators.interpretation", indicator.sheet.interpretation],
    ["indicators.limits", indicator.sheet.limits],
    ["indicators.source", indicator.sheet.source],
    ["indicators.publication", t(`publication.${indicator.publication}`)],
  ];
  return (
    <article aria-labelledby="sheet-title">
      <div className="sheet-head">
        <h2 id="sheet-title">{indicator.name}</h2>
        {onEdit && (
          <button type="button" className="secondary" onClick={onEdit}>
            {t("indicators.editor.edit")}
          </button>
        )}
      </div>
      <dl className="sheet">
        {rows
          .filter(([, v]) => v !== null && v !== "")
          .map(([k, v]) => (
            <div key={k}>
              <dt>{t(k)}</dt>
              <dd>{v}</dd>
            </div>
          ))}
      </dl>
      {indicator.sheet.warnings.length > 0 && (
        <div className="notice" role="note" aria-labelledby="formula-warnings">
          <p id="formula-warnings">{t("indicators.warnings")}</p>
          <ul>
            {indicator.sheet.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      )}
      <FormulaHistory history={indicator.sheet.history} />
      <IndicatorAnalysis
        key={indicator.code}
        indicator={indicator}
        indicators={indicators}
        workspace={workspace}
        workspaceName={workspaceName}
      />
    </article>
  );
}

export function IndicatorsPage() {
  const { t } = useI18n();
  const { membership } = useWorkspace();
  const ws = membership.workspace;
  const { code } = useParams();
  const navigate = useNavigate();
  const mayEdit = membership.role === "planner" || membership.role === "admin";
  const [editing, setEditing] = useState<{ readonly code: string | null } | null>(null);
  const [search, setSearch] = useState("");
  const indicators = useIndicators(ws);
  const byTheme = useMemo(() => {
    const needle = search.trim().toLocaleLowerCase("de");
    const hits = (indicators.data ?? []).filter(
      (i) =>
        needle === "" ||
        [i.name, i.code, i.theme, i.sheet.definition].some((s) =>
          s.toLocaleLowerCase("de").includes(needle),
        ),
    );
    const groups = new Map<string, IndicatorDto[]>();
    for (const i of hits) groups.set(i.theme, [...(groups.get(i.theme) ?? []), i]);
    return [...groups.entries()];
  }, [indicators.data, search]);

  if (indicators.isPending) return <Loading />;
  if (indicators.isError)
    return <ErrorState error={indicators.error} retry={() => void indicators.refetch()} />;
  const chosen = indicators.data.find((i) => i.code === code);

  return (
    <>
      <h1>{t("nav.indicators")}</h1>
      {editing ? (
        <IndicatorEditor
          key={editing.code ?? ""}
          ws={ws}
          indicator={indicators.data.find((i) => i.code === editing.code) ?? null}
          mayPublish={membership.role === "planner"}
          onDone={(saved) => {
            setEditing(null);
            if (saved !== null) void navigate(`/indikatoren/${encodeURIComponent(saved)}`);
          }}
        />
      ) : (
        <div className="two-columns">
          <nav aria-labelledby="catalogue-title">
            <h2 id="catalogue-title">{t("indicators.catalogue")}</h2>
            {mayEdit && (
              <button type="button" className="primary" onClick={() => setEditing({ code: null })}>
                {t("indicators.editor.new")}
              </button>
            )}
            <div className="field">
              <label htmlFor="indicator-search">{t("indicators.search")}</label>
              <input
                id="indicator-search"
                type="search"
                value={search}
                onChange={(e) => setSearch(e.target.value)}
              />
            </div>
            <p role="status" className="state">
              {t("indicators.found", { n: String(byTheme.reduce((n, [, l]) => n + l.length, 0)) })}
            </p>
            {byTheme.map(([theme, list]) => (
              <section key={theme}>
                <h3>{theme}</h3>
                <ul className="plain">
                  {list.map((i) => (
                    <li key={i.code}>
                      <Link
                        to={`/indikatoren/${encodeURIComponent(i.code)}`}
                        aria-current={i.code === code ? "page" : undefined}
                      >
                        {i.name}
                      </Link>
                    </li>
                  ))}
                </ul>
              </section>
            ))}
            <UnusedVariables ws={ws} mayCreate={membership.role === "planner"} />
          </nav>
          <div>
            {chosen ? (
              <Sheet
                indicator={chosen}
                indicators={indicators.data}
                workspace={ws}
                workspaceName={membership.name}
                onEdit={mayEdit ? () => setEditing({ code: chosen.code }) : undefined}
              />
            ) : code ? (
              <Empty>{t("indicators.unknown")}</Empty>
            ) : (
              <Empty>{t("indicators.choose")}</Empty>
            )}
          </div>
        </div>
      )}
      {mayEdit && <VariablesEditor ws={ws} mayPublish={membership.role === "planner"} />}
      {mayEdit && <StarterCatalogue ws={ws} open={indicators.data.length === 0} />}
    </>
  );
}
