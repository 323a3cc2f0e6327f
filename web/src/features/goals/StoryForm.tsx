/**
 * Writing the story behind the curve of a goal indicator for a period: earlier versions stay
 * with the server. The planning staff and the departments whose measures serve the goal write.
 */
import { useState, type FormEvent } from "react";
import { useI18n } from "../../lib/i18n.tsx";
import type { GoalIndicatorDto } from "./goals-api.ts";
import { indicatorTitle } from "./goals-view.ts";
import { FieldError, invalidProps, Outcome, useChange } from "./form-parts.tsx";

export function StoryForm(props: {
  readonly workspace: string;
  readonly goal: string;
  readonly indicator: GoalIndicatorDto;
}) {
  const { t } = useI18n();
  const prefix = `story-${props.indicator.id}`;
  const last = props.indicator.series.at(-1)?.period ?? "";
  const [period, setPeriod] = useState(last);
  const [story, setStory] = useState("");
  const change = useChange<{ period: string; story: string }>(
    props.workspace,
    (path) => (path === "period" || path === "story" ? `${prefix}-${path}` : null),
    () => setStory(""),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    change.send(
      `/api/controlling/goals/${encodeURIComponent(props.goal)}/indicators/${props.indicator.id}/stories`,
      "POST",
      { period, story },
    );
  };
  const title = `${prefix}-title`;
  return (
    <form className="goals-form" aria-labelledby={title} onSubmit={submit} noValidate>
      <h5 id={title}>{t("goals.storyForm", { name: indicatorTitle(props.indicator) })}</h5>
      <div className="form-grid">
        <div className="control">
          <label htmlFor={`${prefix}-period`}>{t("goals.field.period")}</label>
          <input
            id={`${prefix}-period`}
            value={period}
            onChange={(e) => setPeriod(e.target.value)}
            {...invalidProps(change.refusal, `${prefix}-period`)}
          />
          <FieldError refusal={change.refusal} id={`${prefix}-period`} />
        </div>
        <div className="control control-wide">
          <label htmlFor={`${prefix}-story`}>{t("goals.field.story")}</label>
          <textarea
            id={`${prefix}-story`}
            rows={4}
            value={story}
            onChange={(e) => setStory(e.target.value)}
            {...invalidProps(change.refusal, `${prefix}-story`)}
          />
          <FieldError refusal={change.refusal} id={`${prefix}-story`} />
        </div>
      </div>
      <div className="buttons">
        <button type="submit" className="primary" disabled={change.busy}>
          {t("goals.storySave")}
        </button>
      </div>
      <Outcome refusal={change.refusal} saved={change.saved} savedText={t("goals.storySaved")} />
    </form>
  );
}
