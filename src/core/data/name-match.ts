/**
 * Finds the area or variable a file means by the words it uses: its code, a name saved for it
 * earlier, or its own name. Deliveries from a registration office or a job centre name the
 * districts ("Altstadt", "St. Jürgen") rather than the workspace's codes, and spell them in
 * their own way. A name is matched in two steps, each only where it stays unique within the
 * scope (the area level the mapping names, so the borough "Eimsbüttel" and the district
 * "Eimsbüttel" never collide):
 *
 *  1. the name as written, ignoring case and spacing;
 *  2. common spelling variants: ß/ss, ä/ae, ö/oe, ü/ue, accents, "St." / "Sankt", hyphens and
 *     other punctuation.
 *
 * What matches nothing gets up to three suggestions ("meinten Sie …"), the closest names by
 * edit distance. Pure: the catalogue and the saved names in, a decision per text out.
 */

/** One thing a text may name: an area (scope: its level's code) or a variable (scope ""). */
export interface Named {
  readonly code: string;
  readonly name: string;
  readonly scope: string;
}

/** How a text was matched, or why it was not. */
export type NameMatch =
  | { readonly kind: "code" | "saved" | "name" | "variant"; readonly entry: Named }
  | { readonly kind: "ambiguous"; readonly candidates: readonly Named[] }
  | { readonly kind: "none"; readonly suggestions: readonly Named[] };

/** A name the workspace saved for an entry: the text of a file and the code it means. */
export interface SavedName {
  readonly text: string;
  readonly code: string;
  readonly scope: string;
}

/** The text as written, for comparison: lower case, one blank between words, no blanks at the ends. */
export function plainKey(text: string): string {
  return text.normalize("NFC").toLocaleLowerCase("de-DE").replace(/\s+/g, " ").trim();
}

const SPELLED_OUT: Readonly<Record<string, string>> = { ä: "ae", ö: "oe", ü: "ue", ß: "ss" };

/**
 * The text with the usual variants of German place names made equal: umlauts and ß spelled
 * out, accents dropped, "St." or "St" before a word read as "Sankt", every run of other
 * characters one blank. „St. Jürgen-Süd“ → „sankt juergen sued“.
 */
export function variantKey(text: string): string {
  return plainKey(text)
    .replace(/[äöüß]/g, (c) => SPELLED_OUT[c]!)
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/(^|[^\p{L}\p{N}])st(?:\.|(?=[\s-]|$))/gu, "$1sankt ")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Damerau–Levenshtein distance (optimal string alignment), stopping early above `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, prev2[j - 2]! + 1);
      }
      row.push(d);
      if (d < best) best = d;
    }
    if (best > limit) return limit + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/** How far a suggestion may be from the text: a slip per four letters, at least two. */
const tolerance = (key: string) => Math.max(2, Math.floor(key.length / 4));

export interface NameMatcher {
  /** The entry a text means within a scope (all scopes when none is given). */
  match(text: string, scope?: string): NameMatch;
}

/** Lists by key, each list in the order the entries came. */
function group<K>(entries: readonly Named[], key: (e: Named) => K): Map<K, Named[]> {
  const map = new Map<K, Named[]>();
  for (const e of entries) {
    const k = key(e);
    const list = map.get(k);
    if (list) list.push(e);
    else map.set(k, [e]);
  }
  return map;
}

/**
 * A matcher over a catalogue. Codes are unique and match in any scope; saved names, names and
 * variants only within the scope asked for.
 */
export function nameMatcher(entries: readonly Named[], saved: readonly SavedName[] = []): NameMatcher {
  const byCode = new Map(entries.map((e) => [e.code, e]));
  const byPlain = group(entries, (e) => plainKey(e.name));
  const byVariant = group(entries, (e) => variantKey(e.name));
  const savedByKey = new Map<string, Named>();
  for (const s of saved) {
    const entry = byCode.get(s.code);
    if (entry) savedByKey.set(`${s.scope}\u0000${variantKey(s.text)}`, entry);
  }
  const variants = [...byVariant.keys()];
  const inScope = (list: readonly Named[] | undefined, scope: string | undefined) =>
    (list ?? []).filter((e) => scope === undefined || e.scope === scope);

  return {
    match(text, scope) {
      const trimmed = text.trim();
      const coded = byCode.get(trimmed);
      if (coded) return { kind: "code", entry: coded };
      const variant = variantKey(trimmed);
      const scopes = scope === undefined ? [...new Set(entries.map((e) => e.scope))] : [scope];
      const savedHits = scopes.flatMap((s) => savedByKey.get(`${s}\u0000${variant}`) ?? []);
      if (savedHits.length === 1) return { kind: "saved", entry: savedHits[0]! };
      for (const [kind, list] of [
        ["name", inScope(byPlain.get(plainKey(trimmed)), scope)],
        ["variant", inScope(byVariant.get(variant), scope)],
      ] as const) {
        if (list.length === 1) return { kind, entry: list[0]! };
        if (list.length > 1) return { kind: "ambiguous", candidates: list };
      }
      if (savedHits.length > 1) return { kind: "ambiguous", candidates: savedHits };
      const limit = tolerance(variant);
      const near = variants
        .map((k) => ({ k, d: editDistance(variant, k, limit) }))
        .filter(({ k, d }) => d <= limit || (variant.length >= 4 && k.startsWith(variant)))
        .sort((a, b) => a.d - b.d || a.k.localeCompare(b.k, "de"))
        .flatMap(({ k }) => inScope(byVariant.get(k), scope));
      return { kind: "none", suggestions: near.slice(0, 3) };
    },
  };
}
