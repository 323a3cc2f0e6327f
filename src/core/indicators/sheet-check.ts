/**
 * Checks of an indicator's formula against the variables a workspace has, and the fields in
 * which two versions of a sheet differ — for the indicator editor and its formula history.
 * Problems name their field in German, as the forms label it.
 */

/** One problem of a formula, at its field (`numerator.1`: the second code of the numerator). */
export interface SheetProblem {
  readonly path: string;
  readonly field: string;
  readonly message: string;
}

export interface FormulaCodes {
  readonly numerator: readonly string[];
  readonly denominator: readonly string[] | null;
}

const PART_LABEL = { numerator: "Zähler", denominator: "Nenner" } as const;

function partProblems(
  part: keyof typeof PART_LABEL,
  codes: readonly string[],
  known: ReadonlySet<string>,
): SheetProblem[] {
  const field = PART_LABEL[part];
  const out: SheetProblem[] = [];
  const seen = new Set<string>();
  for (const [i, c] of codes.entries()) {
    const path = `${part}.${i}`;
    if (!known.has(c)) {
      out.push({ path, field, message: `${field}: das Merkmal „${c}“ gibt es nicht` });
    } else if (seen.has(c)) {
      out.push({ path, field, message: `${field}: das Merkmal „${c}“ steht zweimal darin` });
    }
    seen.add(c);
  }
  return out;
}

/**
 * What makes a formula unusable: a variable code the workspace does not have (or the caller
 * may not see), a code twice in one sum, and a denominator that is the numerator itself
 * (the value would always be the factor). An empty denominator means none.
 */
export function checkFormula(formula: FormulaCodes, known: ReadonlySet<string>): SheetProblem[] {
  const denominator = formula.denominator ?? [];
  const out = [
    ...partProblems("numerator", formula.numerator, known),
    ...partProblems("denominator", denominator, known),
  ];
  const sameSet = (a: readonly string[], b: readonly string[]) =>
    a.length > 0 && new Set(a).size === new Set(b).size && a.every((c) => b.includes(c));
  if (sameSet(formula.numerator, denominator)) {
    out.push({
      path: "denominator",
      field: PART_LABEL.denominator,
      message:
        "Nenner: ist derselbe wie der Zähler, der Wert wäre immer gleich dem Faktor; bitte eine andere Bezugsgröße wählen",
    });
  }
  return out;
}

/** The fields of a sheet that the formula history compares, with their German names. */
export const SHEET_FIELDS = {
  name: "Name",
  theme: "Thema",
  numerator: "Zähler",
  denominator: "Nenner",
  factor: "Faktor",
  unit: "Einheit",
  decimals: "Nachkommastellen",
  polarity: "Richtung der Bewertung",
  definition: "Definition",
  interpretation: "Interpretation",
  limits: "Grenzen der Aussagekraft",
  source: "Quelle",
} as const;

/**
 * The German names of the sheet fields in which `before` and `after` differ, in sheet order.
 * Fields outside the sheet (sort order, publication state, ids) are not compared; a missing
 * field and `null` count as the same.
 */
export function changedSheetFields(
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
): string[] {
  const norm = (v: unknown) => JSON.stringify(v ?? null);
  return Object.entries(SHEET_FIELDS)
    .filter(([key]) => norm(before[key]) !== norm(after[key]))
    .map(([, label]) => label);
}
