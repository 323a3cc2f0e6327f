/**
 * Ziele & Maßnahmen, the overview: the themes, each with its goal tree (Leitziel →
 * Handlungsziel → Wirkungs-/Leistungsziel) and each goal's light; what is due (for the
 * planning staff and the departments); the measures on a map of the areas with the same as a
 * table; and the resources per theme, the goals without resources and the budget lines without
 * a goal. The council gets what the API gives it: released goals, no edit controls.
 */
import { Link } from "react-router";
import { formatDate } from "../../lib/format.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useWorkspace } from "../../lib/session.tsx";
import { Empty, ErrorState, Loading } from "../../ui/states.tsx";
import { useDue, useProgramme, type ProgrammeDto } from "./goals-api.ts";
import { budgetTable, goalTree, moneyTable, type GoalNode } from "./goals-view.ts";
import { LightBadge } from "./LightBadge.tsx";
import { MeasuresMap } from "./MeasuresMap.tsx";
import { ExampleLabel, TableFigure, useTableMeta } from "./parts.tsx";
import { PlannerForms } from "./PlannerForms.tsx";

export function GoalsPage() {
  const { t } = useI18n();
  const { membership } = useWorkspace();
  const workspace = membership.workspace;
  const programme = useProgramme(workspace);
  const reporter = membership.role === "planner" || membership.role === "contributor";
  return (
    <>
      <h1>{t("nav.goals")}</h1>
      <p className="intro">{t("goals.intro")}</p>
      {programme.isPending ? (
        <Loading />
      ) : programme.isError ? (
        <ErrorState error={programme.error} retry={() => void programme.refetch()} />
      ) : (
        <>
          <ExampleLabel example={programme.data.exampleData} />
          {reporter && <DueSection workspace={workspace} />}
          <ThemesSection programme={programme.data} />
          <MeasuresMap workspace={workspace} measures={programme.data.measures} />
          <ResourcesSection programme={programme.data} />
          {membership.role === "planner" && (
            <PlannerForms workspace={workspace} programme={programme.data} />
          )}
        </>
      )}
    </>
  );
}

function DueSection({ workspace }: { readonly workspace: string }) {
  const { t, locale } = useI18n();
  const due = useDue(workspace, true);
  return (
    <section aria-labelledby="goals-due" className="goals-due">
      <h2 id="goals-due">{t("goals.due")}</h2>
      {due.isPending ? (
        <Loading />
      ) : due.isError ? (
        <ErrorState error={due.error} retry={() => void due.refetch()} />
      ) : due.data.items.length === 0 ? (
        <Empty>{t("goals.dueNone")}</Empty>
      ) : (
        <ul className="due-list">
          {due.data.items.map((item, i) => (
            <li key={i}>
              <span className="badge">{t(`goals.dueKind.${item.kind}`)}</span>{" "}
              {item.measure !== null ? (
                <Link to={`/ziele/massnahme/${encodeURIComponent(item.measure)}`}>{item.what}</Link>
              ) : item.goal !== null ? (
                <Link to={`/ziele/ziel/${encodeURIComponent(item.goal)}`}>{item.what}</Link>
              ) : (
                item.what
              )}
              {item.due !== null && (
                <span className="note">
                  {" "}
                  – {t("goals.dueBy", { date: formatDate(locale, item.due) })}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ThemesSection({ programme }: { readonly programme: ProgrammeDto }) {
  const { t } = useI18n();
  if (programme.themes.length === 0) {
    return (
      <section aria-labelledby="goals-themes">
        <h2 id="goals-themes">{t("goals.themes")}</h2>
        <Empty>{t("goals.noThemes")}</Empty>
      </section>
    );
  }
  return (
    <>
      {programme.themes.map((theme) => {
        const tree = goalTree(programme.goals, theme.code);
        return (
          <section key={theme.code} aria-labelledby={`theme-${theme.code}`} className="goals-theme">
            <h2 id={`theme-${theme.code}`}>{t("goals.theme", { name: theme.name })}</h2>
            {theme.description && <p>{theme.description}</p>}
            {theme.owner && <p className="note">{t("goals.owner", { owner: theme.owner })}</p>}
            {tree.length === 0 ? (
              <Empty>{t("goals.noGoals")}</Empty>
            ) : (
              <GoalList nodes={tree} label={t("goals.treeOf", { name: theme.name })} />
            )}
          </section>
        );
      })}
    </>
  );
}

function GoalList(props: { readonly nodes: readonly GoalNode[]; readonly label?: string }) {
  const { t } = useI18n();
  return (
    <ul className="goal-tree" aria-label={props.label}>
      {props.nodes.map(({ goal, children }) => (
        <li key={goal.code}>
          <div className="goal-row">
            <span className="goal-level">{t(`goals.level.${goal.goalLevel}`)}</span>
            <Link to={`/ziele/ziel/${encodeURIComponent(goal.code)}`} className="goal-title">
              {goal.title}
            </Link>
            {goal.release === "draft" && (
              <span className="badge badge-internal">{t("goals.draft")}</span>
            )}
            <LightBadge light={goal.light} />
          </div>
          {children.length > 0 && <GoalList nodes={children} />}
        </li>
      ))}
    </ul>
  );
}

function ResourcesSection({ programme }: { readonly programme: ProgrammeDto }) {
  const { t } = useI18n();
  const meta = useTableMeta();
  const themeName = new Map(programme.themes.map((th) => [th.code, th.name]));
  const goalTitle = new Map(programme.goals.map((g) => [g.code, g.title]));
  const { resources } = programme;
  return (
    <section aria-labelledby="goals-resources" className="goals-resources">
      <h2 id="goals-resources">{t("goals.resources")}</h2>
      {resources.byTheme.length === 0 ? (
        <Empty>{t("goals.noResources")}</Empty>
      ) : (
        <TableFigure
          name={["ressourcen-themen"]}
          table={moneyTable(
            resources.byTheme.map((r) => ({ ...r, name: themeName.get(r.theme) ?? r.theme })),
            t("goals.resourcesByTheme"),
            t("goals.col.theme"),
            t,
            meta,
          )}
        />
      )}
      <h3>{t("goals.goalsWithoutResources")}</h3>
      {resources.goalsWithoutResources.length === 0 ? (
        <p>{t("goals.none")}</p>
      ) : (
        <ul>
          {resources.goalsWithoutResources.map((code) => (
            <li key={code}>
              <Link to={`/ziele/ziel/${encodeURIComponent(code)}`}>
                {goalTitle.get(code) ?? code}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <h3>{t("goals.linesWithoutGoal")}</h3>
      {resources.linesWithoutGoal.length === 0 ? (
        <p>{t("goals.none")}</p>
      ) : (
        <TableFigure
          name={["haushalt-ohne-ziel"]}
          captionHidden
          table={budgetTable(resources.linesWithoutGoal, t("goals.linesWithoutGoal"), t, meta)}
        />
      )}
    </section>
  );
}
