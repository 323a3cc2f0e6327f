/**
 * The problems of a refused action in one list, never a half page: each with its place where it
 * has one ("Kapitel 1 „…“, Abschnitt 1 „…“, Block 2, Zeile 3, Spalte 14") before its message.
 * Where a problem belongs to a field, its place (or, without a place, its message) is a link
 * that goes there: `toField` focuses the field, the report editor opens the spot itself.
 */

export interface Problem {
  /** Where it is, in words; "" or absent for none. */
  readonly place?: string;
  readonly message: string;
  /** The id of the field it belongs to, if any. */
  readonly field?: string | null;
}

/** How a list reaches a problem's spot: the id of the element there, and going there. */
export interface ProblemJump<P> {
  /** The id of the element at the spot, or null where there is none. */
  target(problem: P): string | null;
  go(problem: P): void;
}

/** To the field itself (focused, in the middle of the screen), without changing the address. */
export const toField: ProblemJump<Problem> = {
  target: (p) => p.field ?? null,
  go: (p) => {
    const field = p.field ? document.getElementById(p.field) : null;
    field?.focus();
    field?.scrollIntoView({ block: "center" });
  },
};

export function ProblemList<P extends Problem>(props: {
  readonly title: string;
  readonly problems: readonly P[];
  readonly jump?: ProblemJump<P>;
  /** "alert" where the problems answer an action; "none" inside a region that says it. */
  readonly role?: "alert" | "none";
  readonly id?: string;
  /** A further class of the list (the reports' places are spaced). */
  readonly className?: string;
}) {
  const { jump } = props;
  const link = (p: P, target: string, text: string, className?: string) => (
    <a
      href={`#${target}`}
      className={className}
      onClick={(e) => {
        e.preventDefault();
        jump!.go(p);
      }}
    >
      {text}
    </a>
  );
  return (
    <div
      className={props.className ? `problems ${props.className}` : "problems"}
      role={props.role === "none" ? undefined : "alert"}
      id={props.id}
    >
      <p className="form-error">{props.title}</p>
      <ul>
        {props.problems.map((p, i) => {
          const place = p.place ?? "";
          const target = jump ? jump.target(p) : null;
          if (place === "") {
            return <li key={i}>{target !== null ? link(p, target, p.message) : p.message}</li>;
          }
          return (
            <li key={i}>
              {target !== null ? (
                link(p, target, place, "problem-place")
              ) : (
                <span className="problem-place">{place}</span>
              )}
              {": "}
              <span className="problem-message">{p.message}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** The warnings of an action (withheld values and the like): a note, no error. */
export function Warnings(props: { readonly title: string; readonly warnings: readonly Problem[] }) {
  if (props.warnings.length === 0) return null;
  return (
    <div className="notice" role="note">
      <p>
        <strong>{props.title}</strong>
      </p>
      <ul>
        {props.warnings.map((w, i) => (
          <li key={i}>
            {w.place !== undefined && w.place !== "" && `${w.place}: `}
            {w.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
