/**
 * The product framework (Produktrahmen) of the municipal budgets in Schleswig-Holstein: the
 * code list a Doppik budget (Produkthaushalt) is structured by, from the Produktbereich (one
 * digit) over the Hauptproduktgruppe (two digits) and the Produktgruppe (three digits) to the
 * Produkt (four digits and more, where municipalities add their own sub-products).
 *
 * Source: Verwaltungsvorschriften über den Produktrahmen für die Haushalte der Gemeinden
 * (VV-Produktrahmen), Runderlass des Innenministeriums Schleswig-Holstein vom 8. Oktober 2012 –
 * IV 305 – 163.118.5.2 –, Amtsbl. Schl.-H. 2012 S. 1142, zuletzt geändert durch
 * Verwaltungsvorschrift vom 16. Oktober 2019 (Amtsbl. Schl.-H. 2019 S. 1060), gültig ab
 * 1. Januar 2020 (Gl.Nr. 2020.31); Anlage 1 „Produktrahmen“, Anlage 2 „Zuordnungsvorschriften
 * zum Produktrahmen“; issued under § 4 Abs. 2 GemHVO-Doppik.
 *
 * The official annex could not be read in full while this list was compiled. Every entry below
 * was checked against a published text that reproduces the common product framework (see
 * docs/methods/product-framework.md, which names the source of each entry); entries that could
 * not be checked are left out rather than guessed — notably the names of Produktbereiche 5 and
 * 6 and most three-digit Produktgruppen outside 311. A workspace can supply its own complete
 * list (`buildProductFramework`).
 */

export type ProductLevel = "bereich" | "hauptgruppe" | "gruppe" | "produkt";

/** One entry of a code list. `parent` is the code one level up (it may be absent from the list). */
export interface ProductEntry {
  readonly code: string;
  readonly name: string;
  readonly level: ProductLevel;
  readonly parent: string | null;
}

/**
 * The outcome of a lookup: the entry itself (`match: "framework"`) or, for a code that is not
 * in the list but starts with a code that is, a municipal sub-product of that code
 * (`match: "municipal"`, `parent` is the known code, `name` says so).
 */
export interface ProductLookup extends ProductEntry {
  readonly match: "framework" | "municipal";
}

/** A code list ready for lookups. */
export interface ProductFramework {
  readonly label: string;
  readonly entries: ReadonlyMap<string, ProductEntry>;
}

/** The level of a code by its number of digits. */
export function levelOfCode(code: string): ProductLevel {
  if (code.length === 1) return "bereich";
  if (code.length === 2) return "hauptgruppe";
  if (code.length === 3) return "gruppe";
  return "produkt";
}

/** The code one level up by digits (`311` → `31`, `3111` → `311`, `31101` → `3110`), or null. */
function parentByDigits(code: string): string | null {
  if (code.length <= 1) return null;
  if (code.length <= 4) return code.slice(0, -1);
  return code.slice(0, 4);
}

/**
 * Builds a code list from `[code, name]` pairs; level and parent follow from the digits
 * (a product's parent is its three-digit group, a sub-product's its four-digit product).
 */
export function buildProductFramework(
  label: string,
  pairs: readonly (readonly [string, string])[],
): ProductFramework {
  const entries = new Map<string, ProductEntry>();
  for (const [raw, name] of pairs) {
    const code = normalizeProductCode(raw);
    if (code === undefined) continue;
    entries.set(code, {
      code,
      name: name.trim(),
      level: levelOfCode(code),
      parent: parentByDigits(code),
    });
  }
  return { label, entries };
}

/**
 * The digits of a product code as written in budgets and finance exports: "31.1", "311",
 * "3.1.1", "311.01", "311 01" and "311-01" all reduce to their digits ("311", "31101").
 * Anything else than digits and the separators `.`, `-`, `/` and spaces is not a product code.
 */
export function normalizeProductCode(raw: string): string | undefined {
  const trimmed = raw.replace(/[\u00a0\u202f]/g, " ").trim();
  if (!/^\d[\d.\-/ ]*$/.test(trimmed)) return undefined;
  const digits = trimmed.replace(/[.\-/ ]/g, "");
  return digits.length > 0 ? digits : undefined;
}

/** Schleswig-Holstein's Produktrahmen as far as it could be checked (see the header comment). */
export const SH_PRODUCT_FRAMEWORK: ProductFramework = buildProductFramework(
  "Produktrahmen Schleswig-Holstein (VV-Produktrahmen 2012, Stand 2019)",
  [
    // Produktbereiche
    ["1", "Zentrale Verwaltung"],
    ["2", "Schule und Kultur"],
    ["3", "Soziales und Jugend"],
    ["4", "Gesundheit und Sport"],
    // Hauptproduktgruppen
    ["11", "Innere Verwaltung"],
    ["12", "Sicherheit und Ordnung"],
    ["21", "Schulträgeraufgaben"],
    // 31 – 35 form one Hauptproduktgruppe in the framework.
    ["31", "Soziale Hilfen"],
    ["32", "Soziale Hilfen"],
    ["33", "Soziale Hilfen"],
    ["34", "Soziale Hilfen"],
    ["35", "Soziale Hilfen"],
    ["36", "Kinder-, Jugend- und Familienhilfe"],
    ["41", "Gesundheitsdienste"],
    ["51", "Räumliche Planung und Entwicklung"],
    ["52", "Bauen und Wohnen"],
    ["53", "Ver- und Entsorgung"],
    ["54", "Verkehrsflächen und -anlagen, ÖPNV"],
    ["55", "Natur- und Landschaftspflege, Friedhofswesen"],
    ["56", "Umweltschutz"],
    ["57", "Wirtschaft und Tourismus"],
    ["61", "Allgemeine Finanzwirtschaft"],
    // Produktgruppen
    ["111", "Verwaltungssteuerung und -service"],
    ["311", "Grundversorgung und Hilfen nach dem Zwölften Buch Sozialgesetzbuch (SGB XII)"],
    // Produkte
    ["3111", "Hilfe zum Lebensunterhalt (3. Kapitel SGB XII)"],
    ["3112", "Hilfe zur Pflege (7. Kapitel SGB XII)"],
    ["3113", "Eingliederungshilfe für behinderte Menschen (6. Kapitel SGB XII)"],
  ],
);

/**
 * Looks a product code up in a code list (default: Schleswig-Holstein's). Accepts the common
 * spellings (see `normalizeProductCode`). A code in the list comes back as it is; a longer code
 * whose longest known prefix of at least two digits (a Hauptproduktgruppe or below) is in the
 * list comes back as a municipal sub-product of that prefix; anything else is undefined.
 */
export function lookupProduct(
  code: string,
  framework: ProductFramework = SH_PRODUCT_FRAMEWORK,
): ProductLookup | undefined {
  const digits = normalizeProductCode(code);
  if (digits === undefined) return undefined;
  const exact = framework.entries.get(digits);
  if (exact) return { ...exact, match: "framework" };
  // A Produktbereich alone says too little: every code starting with its digit would pass.
  for (let end = digits.length - 1; end >= 2; end--) {
    const known = framework.entries.get(digits.slice(0, end));
    if (known) {
      return {
        code: digits,
        name: `Kommunales Produkt zu ${known.code} ${known.name}`,
        level: "produkt",
        parent: known.code,
        match: "municipal",
      };
    }
  }
  return undefined;
}

/**
 * The path of a code from its Produktbereich down, for display:
 * "3 Soziales und Jugend › 31 Soziale Hilfen › 311 Grundversorgung …". Levels missing from the
 * list are skipped; a municipal sub-product ends with "31101 (kommunales Produkt)". Undefined
 * when the code is unknown.
 */
export function productPath(
  code: string,
  framework: ProductFramework = SH_PRODUCT_FRAMEWORK,
): string | undefined {
  const found = lookupProduct(code, framework);
  if (!found) return undefined;
  const parts: string[] = [];
  let current: string | null = found.code;
  if (found.match === "municipal") {
    parts.push(`${found.code} (kommunales Produkt)`);
    current = found.parent;
  }
  while (current !== null) {
    const entry = framework.entries.get(current);
    if (entry) parts.unshift(`${entry.code} ${entry.name}`);
    current = parentByDigits(current);
  }
  return parts.join(" › ");
}
