/**
 * The problems of a refused build or template, every one with its place ("Kapitel 1 „…“,
 * Abschnitt 1 „…“, Block 2, Zeile 3, Spalte 14") before its message: one list, never a half
 * page. In the editor a place inside a block is a link to the spot itself.
 */
import type { ReportProblem } from "./reports-api.ts";

/** How the editor reaches a problem's spot: the id of the field, and going there. */
export interface ProblemJump {
  /** The id of the element at the spot, or null where there is none. */
  target(problem: ReportProblem): string | null;
  go(problem: ReportProblem): void;
}

export function ProblemList(props: {
  readonly title: string;
  readonly problems: readonly ReportProblem[];
  readonly jump?: ProblemJump;
  /** "alert" where the problems answer an action; "none" inside a region that says it. */
  readonly role?: "alert" | "none";
  readonly id?: string;
}) {
  const { jump } = props;
  return (
    <div
      className="problems report-problems"
      role={props.role === "none" ? undefined : "alert"}
      id={props.id}
    >
      <p className="form-error">{props.title}</p>
      <ul>
        {props.problems.map((p, i) => {
          const target = p.place !== "" && jump ? jump.target(p) : null;
          return (
            <li key={i}>
              {p.place !== "" &&
                (target !== null ? (
                  <a
                    href={`#${target}`}
                    className="problem-place"
                    onClick={(e) => {
                      e.preventDefault();
                      jump!.go(p);
                    }}
                  >
                    {p.place}
                  </a>
                ) : (
                  <span className="problem-place">{p.place}</span>
                ))}
              {p.place !== "" && ": "}
              <span className="problem-message">{p.message}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** The warnings of a build (withheld values and the like): a note, no error. */
export function Warnings(props: {
  readonly title: string;
  readonly warnings: readonly ReportProblem[];
}) {
  if (props.warnings.length === 0) return null;
  return (
    <div className="notice" role="note">
      <p>
        <strong>{props.title}</strong>
      </p>
      <ul>
        {props.warnings.map((w, i) => (
          <li key={i}>
            {w.place !== "" && `${w.place}: `}
            {w.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
