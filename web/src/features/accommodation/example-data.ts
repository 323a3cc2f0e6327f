/**
 * Whether the facilities shown are Sopla's example data. The demo's accommodation records are
 * made by the synthetic generator (src/core/accommodation/synthetic.ts), whose facilities have
 * fixed codes and names; a workspace holding one of them (same code and same name) shows that
 * generator's records, which must be labelled "Beispieldaten". Asking the generator itself
 * (instead of a copied list of codes) keeps the label right when the generator changes.
 * A real installation would not name its facilities exactly like the generator; the API could
 * say it directly (see the report: a `sample` flag on the facility list).
 */
import { syntheticAccommodation } from "../../../../src/core/accommodation/synthetic.ts";

let generated: ReadonlySet<string> | null = null;

function syntheticFacilities(): ReadonlySet<string> {
  // Six months with few households: only the facilities are wanted, they do not depend on it.
  generated ??= new Set(
    syntheticAccommodation({
      seed: 1,
      start: "2020-01-01",
      months: 6,
      householdsPerMonth: 1,
    }).facilities.map((f) => `${f.code}\u0000${f.name}`),
  );
  return generated;
}

export function isExampleData(
  facilities: readonly { readonly code: string; readonly name: string }[],
): boolean {
  const known = syntheticFacilities();
  return facilities.some((f) => known.has(`${f.code}\u0000${f.name}`));
}
