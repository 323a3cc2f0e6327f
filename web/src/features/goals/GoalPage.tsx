/**
 * A goal's page (/ziele/ziel/:code): its place in the tree, owner, period and decision; per goal
 * indicator a chart of the series with the 95 % interval as a band, the baseline and the target
 * path, the lights of the last assessment years side by side with their reasons (a replaced
 * target greyed, with the year it ended), and the stories behind the curve per period with a
 * form to write one where the reader may; the measures serving the goal and its resources.
 */
import { Link, useParams } from "react-router";
import { formatDate, formatNumber } from "../../lib/format.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useWorkspace } from "../../lib/session.tsx";
import { Empty, ErrorState, Loading } from "../../ui/states.tsx";
import { useProgramme, type GoalDto, type GoalIndicatorDto, type MeasureDto } from "./goals-api.ts";
import {
  indicatorTitle,
  lightsInOrder,
  lightsTable,
  mayWriteStory,
  measuresOfGoal,
  moneyTable,
  seriesTable,
  targetText,
} from "./goals-view.ts";
import { IndicatorChart } from "./IndicatorChart.tsx";
import { LightBadge } from "./LightBadge.tsx";
import { ChartFigure, ExampleLabel, TableFigure, useTableMeta } from "./parts.tsx";
import { StoryForm } from "./StoryForm.tsx";

export function GoalPage() {
  const { t } = useI18n();
  const { code = "" } = useParams();
  const { membership } = useWorkspace();
  const programme = useProgramme(membership.workspace);
  if (programme.isPending) return <Loading />;
  if (programme.isError) {
    return <ErrorState error={programme.error} retry={() => void programme.refetch()} />;
  }
  const p = programme.data;
  const goal = p.goals.find((g) => g.code === code);
  if (!goal) {
    return (
      <>
        <h1>{t("nav.goals")}</h1>
        <ExampleLabel example={p.exampleData} />
        <Empty>{t("goals.unknownGoal", { code })}</Empty>
        <p>
          <Link to="/ziele">{t("goals.back")}</Link>
        </p>
      </>
    );
  }
  const parent = goal.parent ? p.goals.find((g) => g.code === goal.parent) : undefined;
  const children = p.goals.filter((g) => g.parent === goal.code);
  const theme = p.themes.find((th) => th.code === goal.theme);
  const measures = measuresOfGoal(goal, p.measures);
  const mayWrite = mayWriteStory(goal, p.measures, membership.role === "planner");
  const money = p.resources.byGoal.find((r) => r.goal === goal.code);
  return (
    <>
      <p className="back-link">
        <Link to="/ziele">{t("goals.back")}</Link>
      </p>
      <h1>
        <span className="goal-level">{t(`goals.level.${goal.goalLevel}`)}</span> {goal.title}
      </h1>
      <ExampleLabel example={p.exampleData} />
      <GoalFacts
        goal={goal}
        theme={theme?.name ?? goal.theme}
        parent={parent}
        children={children}
      />
      <section aria-labelledby="goal-indicators">
        <h2 id="goal-indicators">{t("goals.indicators")}</h2>
        {goal.indicators.length === 0 ? (
          <Empty>{t("goals.noIndicators")}</Empty>
        ) : (
          goal.indicators.map((ind) => (
            <IndicatorSection
              key={ind.id}
              goal={goal}
              indicator={ind}
              mayWrite={mayWrite && ind.validTo === null}
              workspace={membership.workspace}
            />
          ))
        )}
      </section>
      <MeasuresSection measures={measures} />
      <section aria-labelledby="goal-resources">
        <h2 id="goal-resources">{t("goals.resources")}</h2>
        {money ? <GoalMoney goal={goal} money={money} /> : <p>{t("goals.noResourcesGoal")}</p>}
      </section>
    </>
  );
}

function GoalFacts(props: {
  readonly goal: GoalDto;
  readonly theme: string;
  readonly parent: GoalDto | undefined;
  readonly children: readonly GoalDto[];
}) {
  const { t } = useI18n();
  const { goal } = props;
  const period =
    goal.periodFrom !== null || goal.periodTo !== null
      ? `${goal.periodFrom ?? "…"}–${goal.periodTo ?? "…"}`
      : null;
  return (
    <>
      {goal.description && <p>{goal.description}</p>}
      <dl className="facts">
        <dt>{t("goals.light")}</dt>
        <dd>
          <LightBadge light={goal.light} />
        </dd>
        <dt>{t("goals.themeLabel")}</dt>
        <dd>{props.theme}</dd>
        {props.parent && (
          <>
            <dt>{t("goals.parent")}</dt>
            <dd>
              <Link to={`/ziele/ziel/${encodeURIComponent(props.parent.code)}`}>
                {props.parent.title}
              </Link>
            </dd>
          </>
        )}
        {props.children.length > 0 && (
          <>
            <dt>{t("goals.children")}</dt>
            <dd>
              <ul className="plain">
                {props.children.map((c) => (
                  <li key={c.code}>
                    <Link to={`/ziele/ziel/${encodeURIComponent(c.code)}`}>{c.title}</Link>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        {goal.owner && (
          <>
            <dt>{t("goals.ownerLabel")}</dt>
            <dd>{goal.owner}</dd>
          </>
        )}
        {period && (
          <>
            <dt>{t("goals.period")}</dt>
            <dd>{period}</dd>
          </>
        )}
        {goal.decision && (
          <>
            <dt>{t("goals.decision")}</dt>
            <dd>{goal.decision}</dd>
          </>
        )}
        <dt>{t("goals.release")}</dt>
        <dd>{t(goal.release === "released" ? "goals.released" : "goals.draft")}</dd>
      </dl>
    </>
  );
}

function IndicatorSection(props: {
  readonly goal: GoalDto;
  readonly indicator: GoalIndicatorDto;
  readonly mayWrite: boolean;
  readonly workspace: string;
}) {
  const { t, locale } = useI18n();
  const meta = useTableMeta();
  const ind = props.indicator;
  const replaced = ind.validTo !== null;
  const title = indicatorTitle(ind);
  const n = (v: number, d: number) => formatNumber(locale, v, d);
  const id = `indicator-${ind.id}`;
  return (
    <section
      aria-labelledby={id}
      className={replaced ? "goal-indicator replaced" : "goal-indicator"}
    >
      <h3 id={id}>
        {title}
        {replaced && (
          <span className="replaced-note">
            {" "}
            – {t("goals.replaced", { year: String(ind.validTo) })}
          </span>
        )}
      </h3>
      <p>
        {t("goals.baseline", {
          value: ind.baselineValue === null ? "–" : `${n(ind.baselineValue, 1)} ${ind.unit}`.trim(),
          year: String(ind.baselineYear),
        })}
        {" · "}
        {t("goals.targetLabel")} {targetText(ind, t, n)}
      </p>
      <h4>{t("goals.lights")}</h4>
      {ind.lights.length === 0 ? (
        <p>{t("goals.noLights")}</p>
      ) : (
        <>
          <ol className="light-row" aria-label={t("goals.lightsOf", { name: title })}>
            {lightsInOrder(ind.lights).map((l) => (
              <li key={l.year}>
                <LightBadge light={l} year={l.year} />
              </li>
            ))}
          </ol>
          <details>
            <summary>{t("goals.reasons")}</summary>
            <TableFigure
              name={["ampeln", props.goal.code, String(ind.id)]}
              table={lightsTable(ind, t, meta)}
            />
          </details>
          <p className="light-reason">
            <strong>{t("goals.latestReason", { year: String(ind.lights[0]!.year) })}</strong>{" "}
            {ind.lights[0]!.reason}
          </p>
        </>
      )}
      <h4>{t("goals.course")}</h4>
      <ChartFigure
        name={["ziel", props.goal.code, String(ind.id)]}
        table={seriesTable(ind, t, meta)}
      >
        <IndicatorChart
          indicator={ind}
          replaced={replaced}
          label={t("goals.chartLabel", { name: title, target: targetText(ind, t, n) })}
        />
      </ChartFigure>
      <h4>{t("goals.stories")}</h4>
      {ind.stories.length === 0 ? (
        <p>{t("goals.noStories")}</p>
      ) : (
        <ul className="stories">
          {ind.stories.map((s, i) => (
            <li key={i}>
              <p>
                <strong>{s.period}</strong>: {s.text}
              </p>
              <p className="note">
                {t("goals.storyBy", { author: s.author, date: formatDate(locale, s.writtenAt) })}
              </p>
            </li>
          ))}
        </ul>
      )}
      {props.mayWrite && (
        <StoryForm workspace={props.workspace} goal={props.goal.code} indicator={ind} />
      )}
    </section>
  );
}

function MeasuresSection({ measures }: { readonly measures: readonly MeasureDto[] }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="goal-measures">
      <h2 id="goal-measures">{t("goals.measures")}</h2>
      {measures.length === 0 ? (
        <p>{t("goals.noMeasures")}</p>
      ) : (
        <ul>
          {measures.map((m) => (
            <li key={m.code}>
              <Link to={`/ziele/massnahme/${encodeURIComponent(m.code)}`}>{m.title}</Link>{" "}
              <span className="note">
                ({m.owner}, {t(`goals.state.${m.state}`)})
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function GoalMoney(props: {
  readonly goal: GoalDto;
  readonly money: { planned: number; committed: number; spent: number };
}) {
  const { t } = useI18n();
  const meta = useTableMeta();
  return (
    <TableFigure
      name={["ressourcen", props.goal.code]}
      captionHidden
      table={moneyTable(
        [{ name: props.goal.title, ...props.money }],
        t("goals.resourcesOf", { name: props.goal.title }),
        t("goals.col.goal"),
        t,
        meta,
      )}
    />
  );
}
