/**
 * The planning staff's simple forms on the overview: a new theme, a new goal in the tree and a
 * new measure serving a goal. Each answers the API's refusal at its fields, in German; what is
 * typed stays until it is saved. Indicators, editors and milestones are set through the API.
 */
import { useState, type FormEvent, type ReactNode } from "react";
import { GOAL_LEVELS, MEASURE_STATUSES } from "@contracts/controlling.ts";
import { useI18n, type MessageKey } from "../../lib/i18n.tsx";
import type { ProgrammeDto } from "./goals-api.ts";
import { isoDay } from "./goals-view.ts";
import { FieldError, invalidProps, Outcome, useChange, type Refusal } from "./form-parts.tsx";

type Values = Record<string, string>;

function TextInput(props: {
  readonly form: string;
  readonly name: string;
  readonly label: MessageKey;
  readonly values: Values;
  readonly set: (name: string, value: string) => void;
  readonly refusal: Refusal;
  readonly type?: string;
  readonly placeholder?: string;
}) {
  const { t } = useI18n();
  const id = `${props.form}-${props.name}`;
  return (
    <div className="control">
      <label htmlFor={id}>{t(props.label)}</label>
      <input
        id={id}
        type={props.type ?? "text"}
        placeholder={props.placeholder}
        value={props.values[props.name] ?? ""}
        onChange={(e) => props.set(props.name, e.target.value)}
        {...invalidProps(props.refusal, id)}
      />
      <FieldError refusal={props.refusal} id={id} />
    </div>
  );
}

function Choice(props: {
  readonly form: string;
  readonly name: string;
  readonly label: MessageKey;
  readonly values: Values;
  readonly set: (name: string, value: string) => void;
  readonly refusal: Refusal;
  readonly options: readonly { value: string; label: string }[];
}) {
  const { t } = useI18n();
  const id = `${props.form}-${props.name}`;
  return (
    <div className="control">
      <label htmlFor={id}>{t(props.label)}</label>
      <select
        id={id}
        value={props.values[props.name] ?? ""}
        onChange={(e) => props.set(props.name, e.target.value)}
        {...invalidProps(props.refusal, id)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError refusal={props.refusal} id={id} />
    </div>
  );
}

function useForm(workspace: string, form: string, fields: readonly string[], initial: Values) {
  const [values, setValues] = useState<Values>(initial);
  const fieldOf = (path: string) => {
    const top = path === "goals.0.goal" ? "goal" : path.split(".")[0]!;
    return fields.includes(top) ? `${form}-${top}` : null;
  };
  const change = useChange<unknown>(workspace, fieldOf, () => setValues(initial));
  return {
    values,
    set: (name: string, value: string) => setValues((v) => ({ ...v, [name]: value })),
    change,
  };
}

function FormFrame(props: {
  readonly id: string;
  readonly save: string;
  readonly saved: string;
  readonly change: ReturnType<typeof useChange<unknown>>;
  readonly onSubmit: () => void;
  readonly children: ReactNode;
}) {
  return (
    <form
      className="goals-form"
      aria-labelledby={`${props.id}-heading`}
      noValidate
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      <div className="form-grid">{props.children}</div>
      <div className="buttons">
        <button type="submit" className="primary" disabled={props.change.busy}>
          {props.save}
        </button>
      </div>
      <Outcome refusal={props.change.refusal} saved={props.change.saved} savedText={props.saved} />
    </form>
  );
}

const orNull = (s: string | undefined) => (s === undefined || s.trim() === "" ? null : s.trim());

export function PlannerForms(props: {
  readonly workspace: string;
  readonly programme: ProgrammeDto;
}) {
  const { t } = useI18n();
  const { themes, goals } = props.programme;
  const theme = useForm(props.workspace, "new-theme", ["code", "name", "description"], {});
  const goal = useForm(
    props.workspace,
    "new-goal",
    ["code", "theme", "parent", "goalLevel", "title", "release"],
    { theme: themes[0]?.code ?? "", parent: "", goalLevel: "leitziel", release: "draft" },
  );
  const measure = useForm(
    props.workspace,
    "new-measure",
    ["code", "title", "owner", "startDate", "state", "goal"],
    { state: "geplant", goal: "" },
  );
  const themeOptions = themes.map((th) => ({ value: th.code, label: th.name }));
  const goalOptions = [
    { value: "", label: t("goals.field.noGoal") },
    ...goals.map((g) => ({ value: g.code, label: g.title })),
  ];
  return (
    <section aria-labelledby="goals-new" className="goals-new">
      <h2 id="goals-new">{t("goals.new")}</h2>
      <details>
        <summary id="new-theme-heading">{t("goals.newTheme")}</summary>
        <FormFrame
          id="new-theme"
          save={t("goals.create")}
          saved={t("goals.created")}
          change={theme.change}
          onSubmit={() =>
            theme.change.send("/api/controlling/themes", "POST", {
              code: theme.values["code"] ?? "",
              name: theme.values["name"] ?? "",
              description: orNull(theme.values["description"]),
            })
          }
        >
          <TextInput
            form="new-theme"
            name="code"
            label="goals.field.code"
            {...theme}
            refusal={theme.change.refusal}
          />
          <TextInput
            form="new-theme"
            name="name"
            label="goals.field.name"
            {...theme}
            refusal={theme.change.refusal}
          />
          <TextInput
            form="new-theme"
            name="description"
            label="goals.field.description"
            {...theme}
            refusal={theme.change.refusal}
          />
        </FormFrame>
      </details>
      <details>
        <summary id="new-goal-heading">{t("goals.newGoal")}</summary>
        <FormFrame
          id="new-goal"
          save={t("goals.create")}
          saved={t("goals.created")}
          change={goal.change}
          onSubmit={() =>
            goal.change.send("/api/controlling/goals", "POST", {
              code: goal.values["code"] ?? "",
              theme: goal.values["theme"] ?? "",
              parent: orNull(goal.values["parent"]),
              goalLevel: goal.values["goalLevel"],
              title: goal.values["title"] ?? "",
              release: goal.values["release"],
            })
          }
        >
          <TextInput
            form="new-goal"
            name="code"
            label="goals.field.code"
            {...goal}
            refusal={goal.change.refusal}
          />
          <TextInput
            form="new-goal"
            name="title"
            label="goals.field.title"
            {...goal}
            refusal={goal.change.refusal}
          />
          <Choice
            form="new-goal"
            name="theme"
            label="goals.themeLabel"
            {...goal}
            refusal={goal.change.refusal}
            options={themeOptions}
          />
          <Choice
            form="new-goal"
            name="goalLevel"
            label="goals.field.level"
            {...goal}
            refusal={goal.change.refusal}
            options={GOAL_LEVELS.map((l) => ({ value: l, label: t(`goals.level.${l}`) }))}
          />
          <Choice
            form="new-goal"
            name="parent"
            label="goals.parent"
            {...goal}
            refusal={goal.change.refusal}
            options={[
              { value: "", label: t("goals.field.noParent") },
              ...goals.map((g) => ({ value: g.code, label: g.title })),
            ]}
          />
          <Choice
            form="new-goal"
            name="release"
            label="goals.release"
            {...goal}
            refusal={goal.change.refusal}
            options={[
              { value: "draft", label: t("goals.draft") },
              { value: "released", label: t("goals.released") },
            ]}
          />
        </FormFrame>
      </details>
      <details>
        <summary id="new-measure-heading">{t("goals.newMeasure")}</summary>
        <FormFrame
          id="new-measure"
          save={t("goals.create")}
          saved={t("goals.created")}
          change={measure.change}
          onSubmit={() =>
            measure.change.send("/api/controlling/measures", "POST", {
              code: measure.values["code"] ?? "",
              title: measure.values["title"] ?? "",
              owner: measure.values["owner"] ?? "",
              startDate: isoDay(measure.values["startDate"] ?? ""),
              state: measure.values["state"],
              goals:
                orNull(measure.values["goal"]) === null ? [] : [{ goal: measure.values["goal"] }],
            })
          }
        >
          <TextInput
            form="new-measure"
            name="code"
            label="goals.field.code"
            {...measure}
            refusal={measure.change.refusal}
          />
          <TextInput
            form="new-measure"
            name="title"
            label="goals.field.title"
            {...measure}
            refusal={measure.change.refusal}
          />
          <TextInput
            form="new-measure"
            name="owner"
            label="goals.ownerLabel"
            {...measure}
            refusal={measure.change.refusal}
          />
          <TextInput
            form="new-measure"
            name="startDate"
            label="goals.field.start"
            placeholder="TT.MM.JJJJ"
            {...measure}
            refusal={measure.change.refusal}
          />
          <Choice
            form="new-measure"
            name="state"
            label="goals.stateLabel"
            {...measure}
            refusal={measure.change.refusal}
            options={MEASURE_STATUSES.map((s) => ({ value: s, label: t(`goals.state.${s}`) }))}
          />
          <Choice
            form="new-measure"
            name="goal"
            label="goals.servesGoals"
            {...measure}
            refusal={measure.change.refusal}
            options={goalOptions}
          />
        </FormFrame>
      </details>
    </section>
  );
}
