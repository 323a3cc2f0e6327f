/**
 * Turns the words a file uses for its areas and variables into the workspace's codes, before
 * validation (src/core/data/name-match.ts decides each text). A text the catalogue knows by
 * code stays as it is; one matched by a name is rewritten to its code, and the report says so
 * once per kind with examples; a name that fits several areas is an error that names them and
 * the way out (`area.level`); a text that matches nothing is left for validation, which reports
 * it as unknown with the suggestions found here. Each distinct text is decided once.
 */
import { issue, type ImportIssue } from "../../core/data/import-issue.ts";
import type { NameMatch, NameMatcher, Named } from "../../core/data/name-match.ts";
import type { ObservationRecord } from "../mapping/mapping.ts";

export interface NameResolution {
  readonly records: ObservationRecord[];
  readonly issues: ImportIssue[];
  /** For each text that matched nothing, the closest names (for "meinten Sie …"). */
  readonly suggestions: {
    readonly areas: ReadonlyMap<string, readonly Named[]>;
    readonly variables: ReadonlyMap<string, readonly Named[]>;
  };
}

export interface NameContext {
  readonly areas: NameMatcher;
  readonly variables: NameMatcher;
  /** The area level the mapping names (`area.level`); names match only within it. */
  readonly areaLevel?: string | undefined;
  /** A level's name for messages ("Stadtteil"), by its code. */
  readonly levelName?: (code: string) => string;
  readonly columns?: { readonly area?: string | undefined; readonly variable?: string | undefined };
}

const q = (s: string) => `„${s}“`;
/** How many name matches one note lists by name; the details carry all. */
const EXAMPLES = 5;

interface Seen {
  readonly result: NameMatch;
  readonly lines: number[];
}

/** Rewrites names to codes; see the file's opening comment. */
export function resolveNames(
  records: readonly ObservationRecord[],
  ctx: NameContext,
): NameResolution {
  const areaSeen = new Map<string, Seen>();
  const variableSeen = new Map<string, Seen>();
  const decide = (
    seen: Map<string, Seen>,
    matcher: NameMatcher,
    text: string,
    line: number,
    scope: string | undefined,
  ): NameMatch => {
    let s = seen.get(text);
    if (!s) {
      s = { result: matcher.match(text, scope), lines: [] };
      seen.set(text, s);
    }
    if (s.lines.length < 20 && s.lines.at(-1) !== line) s.lines.push(line);
    return s.result;
  };
  const codeOf = (m: NameMatch, text: string) =>
    m.kind === "ambiguous" || m.kind === "none" ? text : m.entry.code;

  const out: ObservationRecord[] = [];
  for (const r of records) {
    const a = decide(areaSeen, ctx.areas, r.areaCode, r.line, ctx.areaLevel);
    const v = decide(variableSeen, ctx.variables, r.variableCode, r.line, undefined);
    const areaCode = codeOf(a, r.areaCode);
    const variableCode = codeOf(v, r.variableCode);
    out.push(
      areaCode === r.areaCode && variableCode === r.variableCode
        ? r
        : { ...r, areaCode, variableCode },
    );
  }

  const level = (code: string) => ctx.levelName?.(code) ?? code;
  const issues: ImportIssue[] = [
    ...report(
      areaSeen,
      "area",
      ctx.columns?.area,
      (e) => `${level(e.scope)} ${e.name} (${e.code})`,
    ),
    ...report(variableSeen, "variable", ctx.columns?.variable, (e) => `${e.name} (${e.code})`),
  ];
  return {
    records: out,
    issues,
    suggestions: { areas: unmatched(areaSeen), variables: unmatched(variableSeen) },
  };
}

function unmatched(seen: ReadonlyMap<string, Seen>): Map<string, readonly Named[]> {
  const map = new Map<string, readonly Named[]>();
  for (const [text, s] of seen) if (s.result.kind === "none") map.set(text, s.result.suggestions);
  return map;
}

/** One note for the names matched, one error per ambiguous name. */
function report(
  seen: ReadonlyMap<string, Seen>,
  kind: "area" | "variable",
  column: string | undefined,
  describe: (e: Named) => string,
): ImportIssue[] {
  const what = kind === "area" ? "Gebiet" : "Merkmal";
  const issues: ImportIssue[] = [];
  const matched: { text: string; code: string; how: string }[] = [];
  for (const [text, s] of seen) {
    const r = s.result;
    if (r.kind === "name" || r.kind === "variant" || r.kind === "saved") {
      matched.push({ text, code: r.entry.code, how: r.kind });
    } else if (r.kind === "ambiguous") {
      const hint =
        kind === "area"
          ? "Die Ebene in der Zuordnung nennen („area.level“) oder den Code verwenden."
          : "Den Code des Merkmals verwenden.";
      issues.push(
        issue(
          "error",
          kind === "area" ? "ambiguous_area" : "ambiguous_variable",
          `${what} ${q(text)} ist mehrdeutig: ${r.candidates.map(describe).join(" oder ")} (Zeile ${s.lines.slice(0, 5).join(", ")}). ${hint}`,
          {
            row: s.lines[0] ?? null,
            column: column ?? null,
            details: {
              text,
              candidates: r.candidates.map((c) => ({ code: c.code, name: c.name })),
              lines: s.lines,
            },
          },
        ),
      );
    }
  }
  if (matched.length > 0) {
    const shown = matched.slice(0, EXAMPLES).map((m) => `${q(m.text)} → ${m.code}`);
    const more = matched.length > EXAMPLES ? ` und ${matched.length - EXAMPLES} weitere` : "";
    const plural = kind === "area" ? "Gebiete" : "Merkmale";
    issues.push(
      issue(
        "info",
        "matched_by_name",
        `${matched.length === 1 ? `1 ${what}` : `${matched.length} ${plural}`} über den Namen erkannt: ${shown.join(", ")}${more}.`,
        { column: column ?? null, details: { kind, matched } },
      ),
    );
  }
  return issues;
}
