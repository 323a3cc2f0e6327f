/**
 * A labelled field in the frame every form uses (`.control`): the label, the control, and an
 * optional hint below it (`<id>-help`, which the control names in `aria-describedby`). A field
 * with a problem is marked `aria-invalid`; the problem itself is listed in the form's
 * ProblemList, linked to the field.
 */
import type { InputHTMLAttributes, ReactNode } from "react";

export function Field(props: {
  readonly id: string;
  readonly label: ReactNode;
  readonly hint?: ReactNode;
  /** Narrower or wider than the default column. */
  readonly size?: "narrow" | "wide" | undefined;
  readonly children: ReactNode;
}) {
  return (
    <div className={props.size ? `control control-${props.size}` : "control"}>
      <label htmlFor={props.id}>{props.label}</label>
      {props.children}
      {props.hint !== undefined && <small id={`${props.id}-help`}>{props.hint}</small>}
    </div>
  );
}

type InputProps = Omit<
  InputHTMLAttributes<HTMLInputElement>,
  "id" | "value" | "onChange" | "aria-describedby" | "size"
>;

/** A labelled text input (also a date or a number typed as text): the value and its change. */
export function TextField({
  id,
  label,
  hint,
  value,
  onChange,
  size,
  ...input
}: InputProps & {
  readonly id: string;
  readonly label: ReactNode;
  readonly value: string | number;
  readonly onChange: (value: string) => void;
  readonly hint?: ReactNode;
  readonly size?: "narrow" | "wide" | undefined;
}) {
  return (
    <Field id={id} label={label} hint={hint} size={size}>
      <input
        id={id}
        value={value}
        aria-describedby={hint !== undefined ? `${id}-help` : undefined}
        onChange={(e) => onChange(e.target.value)}
        {...input}
      />
    </Field>
  );
}
