/**
 * An attacker's solver for published tables, written apart from the product's suppression
 * (src/core/disclosure) so that a mistake there is not repeated here. It takes what one
 * reader received — every cell by a key, with its number or `null` when withheld — and the
 * equations that reader knows between cells, and reports:
 *
 * - withheld cells that the equations determine exactly (exact integer Gauss–Jordan
 *   elimination with BigInt over all equations at once, no floating point);
 * - published counts below the minimum;
 * - additive equations with a published total whose withheld parts add up to a small count;
 * - cells shown with one number in one place and another elsewhere (`conflicting`), or shown
 *   in one place and withheld in another (`mixed`: not a leak by itself, the number is
 *   simply known, but the same cell should carry the same mark everywhere).
 *
 * With the true values (`truth`, e.g. what a planner sees), each determined cell is reported
 * with the value the attacker recovers, checked against the truth.
 */

export interface Term {
  readonly key: string;
  readonly coefficient: number;
}

export interface Equation {
  readonly terms: readonly Term[];
  /** total = Σ parts: the first term is the total (+1), the others parts (−1). */
  readonly additive?: boolean;
  /** What the equation means, for messages. */
  readonly label: string;
  /**
   * The constant the reader is assumed to know (Σ coefficient × value = constant); default
   * 0. Taken from the truth when `constantFromTruth` is set (a reader with side knowledge,
   * e.g. the number of moves between facility types).
   */
  readonly constantFromTruth?: boolean;
}

export interface AttackReport {
  readonly cells: number;
  readonly withheld: number;
  readonly equations: number;
  readonly determined: readonly { key: string; recovered: number | null; truth?: number }[];
  readonly smallShown: readonly { key: string; value: number }[];
  readonly smallGroups: readonly { label: string; keys: readonly string[]; sum: number }[];
  readonly conflicting: readonly { key: string; seen: readonly (number | null)[] }[];
  readonly mixed: readonly { key: string; seen: readonly (number | null)[] }[];
}

/** What one reader has seen, gathered from all the answers it received. */
export class ReaderKnowledge {
  private readonly seen = new Map<string, (number | null)[]>();
  readonly equations: Equation[] = [];

  /** Records a cell as received: a number, or null when withheld. Undefined is ignored. */
  cell(key: string, value: number | null | undefined): void {
    if (value === undefined) return;
    const list = this.seen.get(key);
    if (list) list.push(value);
    else this.seen.set(key, [value]);
  }

  equation(e: Equation): void {
    this.equations.push(e);
  }

  has(key: string): boolean {
    return this.seen.has(key);
  }

  /** The cell as the reader knows it: a number if shown anywhere, null if only withheld. */
  known(key: string): number | null | undefined {
    const list = this.seen.get(key);
    if (!list) return undefined;
    const shown = list.find((v) => v !== null);
    return shown ?? null;
  }

  /** The cells that the equations alone determine, with every cell unknown. */
  fixedByStructure(): Set<string> {
    const index = new Map<string, number>();
    const keys: string[] = [];
    const rows: Map<number, bigint>[] = [];
    for (const e of this.equations) {
      const row = new Map<number, bigint>();
      for (const t of e.terms) {
        let i = index.get(t.key);
        if (i === undefined) {
          i = keys.length;
          index.set(t.key, i);
          keys.push(t.key);
        }
        row.set(i, (row.get(i) ?? 0n) + BigInt(t.coefficient));
      }
      for (const [i, v] of row) if (v === 0n) row.delete(i);
      if (row.size > 0) rows.push(row);
    }
    const solved = solveExactly(
      rows,
      rows.map(() => 0n),
      keys.length,
    );
    return new Set(solved.map((s) => keys[s.unknown]!));
  }

  /**
   * Attacks everything. `sensitive(key)` says whether the minimum-count rule applies to a
   * cell (counts of persons); `truth(key)` gives the true number where known.
   */
  attack(options: {
    minCount: number;
    sensitive: (key: string) => boolean;
    truth?: (key: string) => number | undefined;
  }): AttackReport {
    const { minCount, sensitive, truth } = options;
    const conflicting: { key: string; seen: (number | null)[] }[] = [];
    const mixed: { key: string; seen: (number | null)[] }[] = [];
    const smallShown: { key: string; value: number }[] = [];
    for (const [key, list] of this.seen) {
      const numbers = new Set(list.filter((v): v is number => v !== null));
      if (numbers.size > 1) conflicting.push({ key, seen: list });
      else if (numbers.size === 1 && list.includes(null)) mixed.push({ key, seen: list });
      for (const v of numbers) {
        if (sensitive(key) && v > 0 && v < minCount) smallShown.push({ key, value: v });
      }
    }

    // Unknowns: withheld everywhere they appear.
    const unknownIndex = new Map<string, number>();
    const unknownKeys: string[] = [];
    const rows: Map<number, bigint>[] = [];
    const rhs: bigint[] = [];
    const smallGroups: { label: string; keys: string[]; sum: number }[] = [];
    let usable = 0;
    for (const e of this.equations) {
      let constant = 0n;
      if (e.constantFromTruth) {
        if (!truth) continue;
        let c = 0;
        let complete = true;
        for (const t of e.terms) {
          const v = truth(t.key);
          if (v === undefined) complete = false;
          else c += t.coefficient * v;
        }
        if (!complete) continue;
        constant = BigInt(Math.round(c * Number(SCALE)));
      }
      const row = new Map<number, bigint>();
      let known = constant;
      let complete = true;
      for (const t of e.terms) {
        const k = this.known(t.key);
        if (k === undefined) {
          complete = false;
          break;
        }
        // Every equation is scaled by 10^6, so that published numbers with decimals stay exact.
        const coef = BigInt(t.coefficient) * SCALE;
        if (k === null) {
          let i = unknownIndex.get(t.key);
          if (i === undefined) {
            i = unknownKeys.length;
            unknownIndex.set(t.key, i);
            unknownKeys.push(t.key);
          }
          row.set(i, (row.get(i) ?? 0n) + coef);
        } else {
          known -= BigInt(t.coefficient) * BigInt(Math.round(k * Number(SCALE)));
        }
      }
      // An equation naming a cell the reader never received says nothing to this reader.
      if (!complete) continue;
      usable++;
      for (const [i, v] of row) if (v === 0n) row.delete(i);
      if (row.size === 0) continue;
      rows.push(row);
      rhs.push(known);
      if (e.additive) {
        const total = this.known(e.terms[0]!.key);
        const parts = e.terms.slice(1).filter((t) => this.known(t.key) === null);
        if (total !== null && total !== undefined && parts.length > 0) {
          // The parts carry −1, so the withheld parts add up to −(what is left over).
          const sum = -Number(known) / Number(SCALE);
          if (sum > 0 && sum < minCount) {
            smallGroups.push({ label: e.label, keys: parts.map((p) => p.key), sum });
          }
        }
      }
    }

    let solved = solveExactly(rows, rhs, unknownKeys.length);
    // A cell the equations fix by themselves (a zero that two equations force, say) is known
    // to everyone whatever is published: not a leak, so it is not reported.
    if (solved.length > 0) {
      const fixed = this.fixedByStructure();
      solved = solved.filter((s) => !fixed.has(unknownKeys[s.unknown]!));
    }
    const determined = solved.map(({ unknown, value }) => {
      const key = unknownKeys[unknown]!;
      const t = truth?.(key);
      return t === undefined ? { key, recovered: value } : { key, recovered: value, truth: t };
    });
    return {
      cells: this.seen.size,
      withheld: [...this.seen.keys()].filter((k) => this.known(k) === null).length,
      equations: usable,
      determined,
      smallShown,
      smallGroups,
      conflicting,
      mixed,
    };
  }
}

const SCALE = 1_000_000n;
const abs = (x: bigint) => (x < 0n ? -x : x);
function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/**
 * Gauss–Jordan elimination in whole numbers: rows stay integer (each combination is
 * a·row − b·pivot, then divided by the gcd of its entries and right-hand side), so nothing is
 * rounded. Returns each unknown whose reduced row has no other unknown left, with its value.
 */
function solveExactly(
  rows: Map<number, bigint>[],
  rhs: bigint[],
  unknowns: number,
): { unknown: number; value: number | null }[] {
  // Rows by the unknowns they contain, for elimination without scanning every row.
  const live = rows.map((r, i) => ({ row: r, rhs: rhs[i]!, pivot: -1 }));
  const holders = new Map<number, Set<number>>();
  live.forEach((r, i) => {
    for (const u of r.row.keys()) {
      let s = holders.get(u);
      if (!s) holders.set(u, (s = new Set()));
      s.add(i);
    }
  });
  const normalise = (r: { row: Map<number, bigint>; rhs: bigint }) => {
    let g = abs(r.rhs);
    for (const v of r.row.values()) g = gcd(g, v);
    if (g > 1n) {
      for (const [u, v] of r.row) r.row.set(u, v / g);
      r.rhs /= g;
    }
  };
  for (let u = 0; u < unknowns; u++) {
    const candidates = [...(holders.get(u) ?? [])].filter((i) => live[i]!.pivot < 0);
    if (candidates.length === 0) continue;
    // The shortest row keeps fill-in small.
    candidates.sort((a, b) => live[a]!.row.size - live[b]!.row.size || a - b);
    const p = candidates[0]!;
    const pivot = live[p]!;
    pivot.pivot = u;
    const pu = pivot.row.get(u)!;
    for (const i of [...(holders.get(u) ?? [])]) {
      if (i === p) continue;
      const r = live[i]!;
      const ru = r.row.get(u)!;
      // r := pu·r − ru·pivot
      for (const [c, v] of r.row) r.row.set(c, v * pu);
      r.rhs *= pu;
      for (const [c, v] of pivot.row) {
        const next = (r.row.get(c) ?? 0n) - ru * v;
        if (next === 0n) {
          r.row.delete(c);
          holders.get(c)?.delete(i);
        } else {
          if (!r.row.has(c)) {
            let s = holders.get(c);
            if (!s) holders.set(c, (s = new Set()));
            s.add(i);
          }
          r.row.set(c, next);
        }
      }
      r.rhs -= ru * pivot.rhs;
      normalise(r);
    }
  }
  const out: { unknown: number; value: number | null }[] = [];
  for (const r of live) {
    if (r.pivot < 0 || r.row.size !== 1) continue;
    const c = r.row.get(r.pivot)!;
    out.push({
      unknown: r.pivot,
      value:
        r.rhs % c === 0n ? Number(r.rhs / c) : Math.round((Number(r.rhs) / Number(c)) * 1e6) / 1e6,
    });
  }
  return out.sort((a, b) => a.unknown - b.unknown);
}
