/**
 * What is doubtful about an indicator's formula, for its sheet: parts of a sum that are not
 * the same kind of count (a stock on a reference day beside events in a period, persons beside
 * households), a stock divided by a flow, and a percentage whose factor is not 100. Warnings,
 * not errors: a planner may mean it, but a reader should not meet it unmarked.
 */

/** What the warnings need to know of a variable. */
export interface FormulaVariable {
  readonly name: string;
  readonly unit: string;
  readonly measure: "stock" | "flow";
}

export interface FormulaParts {
  readonly numerator: readonly string[];
  readonly denominator: readonly string[] | null;
  readonly factor: number;
  readonly unit: string;
}

const q = (s: string) => `„${s}“`;
const names = (list: readonly FormulaVariable[]) => list.map((v) => q(v.name)).join(", ");

function sumWarnings(part: "Zähler" | "Nenner", vars: readonly FormulaVariable[]): string[] {
  const out: string[] = [];
  const stocks = vars.filter((v) => v.measure === "stock");
  const flows = vars.filter((v) => v.measure === "flow");
  if (stocks.length > 0 && flows.length > 0) {
    out.push(
      `Der ${part} zählt Bestände an einem Stichtag (${names(stocks)}) und Ereignisse im Zeitraum (${names(flows)}) zusammen.`,
    );
  }
  const units = [...new Set(vars.map((v) => v.unit))];
  if (units.length > 1) {
    out.push(`Der ${part} addiert verschiedene Einheiten (${units.join(", ")}).`);
  }
  return out;
}

/** The warnings of one formula; variables it names but `variables` lacks are passed over. */
export function formulaWarnings(
  formula: FormulaParts,
  variables: ReadonlyMap<string, FormulaVariable>,
): string[] {
  const of = (codes: readonly string[]) =>
    codes.flatMap((c) => {
      const v = variables.get(c);
      return v ? [v] : [];
    });
  const numerator = of(formula.numerator);
  const denominator = of(formula.denominator ?? []);
  const out = [...sumWarnings("Zähler", numerator), ...sumWarnings("Nenner", denominator)];
  if (
    numerator.length > 0 &&
    denominator.length > 0 &&
    numerator.every((v) => v.measure === "stock") &&
    denominator.every((v) => v.measure === "flow")
  ) {
    out.push(
      `Ein Bestand (${names(numerator)}) wird durch Ereignisse im Zeitraum (${names(denominator)}) geteilt; gemeint ist meist umgekehrt ein Ereignis je Bestand.`,
    );
  }
  if (formula.unit.trim() === "%" && formula.denominator !== null && formula.factor !== 100) {
    out.push(
      `Die Einheit ist „%“, der Faktor aber ${String(formula.factor).replace(".", ",")}: ein Anteil in Prozent braucht den Faktor 100.`,
    );
  }
  return out;
}
