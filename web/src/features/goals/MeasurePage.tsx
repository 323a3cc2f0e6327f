/**
 * A measure's page (/ziele/massnahme/:code): owner, areas, target groups, schedule, status and
 * milestones; its performance measures under the three questions of results-based
 * accountability ("Wie viel haben wir getan?", "Wie gut haben wir es getan?", "Geht es jemandem
 * besser?"), each with its values as a table and a chart (monthly and quarterly ones as an XmR
 * chart with mean, limits, the bands near them and the flagged points with their reasons); the
 * goals it serves and its budget lines. Where the reader reports on it (`mayEdit`): the forms
 * for status and milestones and for a value per period.
 */
import { Link, useParams } from "react-router";
import { formatDate } from "../../lib/format.ts";
import { useAreas } from "../../lib/catalogue-queries.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useWorkspace } from "../../lib/session.tsx";
import { TimeSeriesChart } from "../../ui/charts/TimeSeriesChart.tsx";
import { Empty, ErrorState, Loading } from "../../ui/states.tsx";
import { useProgramme, type MeasureDto, type PerformanceMeasure } from "./goals-api.ts";
import { budgetTable, byQuestion, milestonesTable, valuesTable } from "./goals-view.ts";
import { ProgressForm, ValueForm } from "./MeasureForms.tsx";
import { ChartFigure, ExampleLabel, TableFigure, useTableMeta } from "./parts.tsx";
import { XmrChart } from "./XmrChart.tsx";

export function MeasurePage() {
  const { t } = useI18n();
  const { code = "" } = useParams();
  const { membership } = useWorkspace();
  const programme = useProgramme(membership.workspace);
  const areas = useAreas(membership.workspace);
  if (programme.isPending) return <Loading />;
  if (programme.isError) {
    return <ErrorState error={programme.error} retry={() => void programme.refetch()} />;
  }
  const p = programme.data;
  const measure = p.measures.find((m) => m.code === code);
  if (!measure) {
    return (
      <>
        <h1>{t("nav.goals")}</h1>
        <ExampleLabel example={p.exampleData} />
        <Empty>{t("goals.unknownMeasure", { code })}</Empty>
        <p>
          <Link to="/ziele">{t("goals.back")}</Link>
        </p>
      </>
    );
  }
  const areaName = new Map((areas.data ?? []).map((a) => [a.code, a.name]));
  const goalTitle = new Map(p.goals.map((g) => [g.code, g.title]));
  return (
    <>
      <p className="back-link">
        <Link to="/ziele">{t("goals.back")}</Link>
      </p>
      <h1>
        <span className="goal-level">{t("goals.measure")}</span> {measure.title}
      </h1>
      <ExampleLabel example={p.exampleData} />
      <MeasureFacts
        measure={measure}
        areas={measure.areas.map((a) => areaName.get(a) ?? a)}
        goals={measure.goals.map((g) => ({ ...g, title: goalTitle.get(g.goal) }))}
      />
      <Milestones measure={measure} />
      {measure.mayEdit && <ProgressForm workspace={membership.workspace} measure={measure} />}
      <section aria-labelledby="measure-pms">
        <h2 id="measure-pms">{t("goals.performance")}</h2>
        {measure.performanceMeasures.length === 0 && <Empty>{t("goals.noPerformance")}</Empty>}
        {byQuestion(measure.performanceMeasures).map(({ question, measures }) => (
          <section key={question} aria-labelledby={`q-${question}`} className="rba-question">
            <h3 id={`q-${question}`}>{t(`goals.question.${question}`)}</h3>
            {measures.length === 0 ? (
              <p>{t("goals.noPerformanceHere")}</p>
            ) : (
              measures.map((pm) => (
                <PerformanceSection
                  key={pm.code}
                  measure={measure}
                  pm={pm}
                  workspace={membership.workspace}
                />
              ))
            )}
          </section>
        ))}
      </section>
      <Budget measure={measure} />
    </>
  );
}

function MeasureFacts(props: {
  readonly measure: MeasureDto;
  readonly areas: readonly string[];
  readonly goals: readonly {
    goal: string;
    contribution: string | null;
    title: string | undefined;
  }[];
}) {
  const { t, locale } = useI18n();
  const m = props.measure;
  return (
    <>
      {m.description && <p>{m.description}</p>}
      <dl className="facts">
        <dt>{t("goals.stateLabel")}</dt>
        <dd>{t(`goals.state.${m.state}`)}</dd>
        <dt>{t("goals.ownerLabel")}</dt>
        <dd>{m.owner}</dd>
        <dt>{t("goals.schedule")}</dt>
        <dd>
          {formatDate(locale, m.startDate)} –{" "}
          {m.endDate ? formatDate(locale, m.endDate) : t("goals.open-ended")}
        </dd>
        <dt>{t("goals.areas")}</dt>
        <dd>{props.areas.length === 0 ? t("goals.cityWide") : props.areas.join(", ")}</dd>
        <dt>{t("goals.targetGroups")}</dt>
        <dd>{m.targetGroups.length === 0 ? t("goals.none") : m.targetGroups.join(", ")}</dd>
        <dt>{t("goals.servesGoals")}</dt>
        <dd>
          {props.goals.length === 0 ? (
            t("goals.none")
          ) : (
            <ul className="plain">
              {props.goals.map((g) => (
                <li key={g.goal}>
                  {g.title !== undefined ? (
                    <Link to={`/ziele/ziel/${encodeURIComponent(g.goal)}`}>{g.title}</Link>
                  ) : (
                    g.goal
                  )}
                  {g.contribution && <span className="note"> – {g.contribution}</span>}
                </li>
              ))}
            </ul>
          )}
        </dd>
        {m.editors.length > 0 && (
          <>
            <dt>{t("goals.editors")}</dt>
            <dd>{m.editors.join(", ")}</dd>
          </>
        )}
      </dl>
    </>
  );
}

function Milestones({ measure }: { readonly measure: MeasureDto }) {
  const { t, locale } = useI18n();
  const meta = useTableMeta();
  return (
    <section aria-labelledby="measure-milestones">
      <h2 id="measure-milestones">{t("goals.milestones")}</h2>
      {measure.milestones.length === 0 ? (
        <p>{t("goals.noMilestones")}</p>
      ) : (
        <TableFigure
          captionHidden
          name={["meilensteine", measure.code]}
          table={milestonesTable(measure, t, (iso) => formatDate(locale, iso), meta)}
        />
      )}
    </section>
  );
}

function PerformanceSection(props: {
  readonly measure: MeasureDto;
  readonly pm: PerformanceMeasure;
  readonly workspace: string;
}) {
  const { t, locale } = useI18n();
  const meta = useTableMeta();
  const { pm } = props;
  const table = valuesTable(pm, t, meta);
  const id = `pm-${pm.code}`;
  return (
    <section aria-labelledby={id} className="performance-measure">
      <h4 id={id}>
        {pm.name}{" "}
        <span className="note">
          ({pm.unit}, {t(`goals.frequency.${pm.frequency}`)})
        </span>
      </h4>
      {pm.values.length === 0 ? (
        <p>{t("goals.noValues")}</p>
      ) : (
        <ChartFigure name={["kennzahl", props.measure.code, pm.code]} table={table}>
          {pm.chart ? (
            <>
              <XmrChart
                chart={pm.chart}
                label={t("goals.xmrLabel", { name: pm.name, unit: pm.unit })}
              />
              <p className="note">{pm.chart.reason}</p>
            </>
          ) : (
            <TimeSeriesChart
              periods={pm.values.map((v) => v.period)}
              series={[
                {
                  name: pm.name,
                  colour: "#0072b2",
                  shape: "circle",
                  values: pm.values.map((v) => v.value),
                },
              ]}
              label={t("goals.lineLabel", { name: pm.name, unit: pm.unit })}
              locale={locale}
            />
          )}
        </ChartFigure>
      )}
      {props.measure.mayEdit && (
        <ValueForm workspace={props.workspace} measure={props.measure.code} pm={pm} />
      )}
    </section>
  );
}

function Budget({ measure }: { readonly measure: MeasureDto }) {
  const { t } = useI18n();
  const meta = useTableMeta();
  return (
    <section aria-labelledby="measure-budget">
      <h2 id="measure-budget">{t("goals.budget")}</h2>
      {measure.budget.length === 0 ? (
        <p>{t("goals.noBudget")}</p>
      ) : (
        <TableFigure
          captionHidden
          name={["haushalt", measure.code]}
          table={budgetTable(measure.budget, t("goals.budgetOf", { name: measure.title }), t, meta)}
        />
      )}
    </section>
  );
}
