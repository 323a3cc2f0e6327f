/** A labelled select in a `.controls` row: the control every filter bar is made of. */
export interface SelectOption {
  readonly value: string;
  readonly label: string;
}

export function SelectField(props: {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly options: readonly SelectOption[];
  readonly onChange: (value: string) => void;
  readonly disabled?: boolean;
  /** Wider than the default column (long names). */
  readonly wide?: boolean;
  /** Not shown (and not in the accessibility tree) while another control replaces it. */
  readonly hidden?: boolean;
}) {
  return (
    <div className={props.wide ? "control control-wide" : "control"} hidden={props.hidden}>
      <label htmlFor={props.id}>{props.label}</label>
      <select
        id={props.id}
        value={props.value}
        disabled={props.disabled}
        onChange={(e) => props.onChange(e.target.value)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Options from a list of things with a code and a name. */
export const codeOptions = (
  list: readonly { readonly code: string; readonly name: string }[],
): SelectOption[] => list.map((x) => ({ value: x.code, label: x.name }));

/** Options whose label is the value itself (periods). */
export const plainOptions = (list: readonly string[]): SelectOption[] =>
  list.map((x) => ({ value: x, label: x }));
