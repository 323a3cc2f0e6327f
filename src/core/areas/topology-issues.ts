/**
 * The findings of the topology check (topology.ts) as import issues a planner can act on:
 * every overlap, gap and part outside a parent above the tolerance is an error naming the
 * areas; slivers below it are gathered into one note per kind.
 */
import { issue, type ImportIssue } from "../data/import-issue.ts";
import { formatNumber } from "../format/number.ts";
import type { TopologyFinding, TopologyResult, TopologyTolerance } from "./topology.ts";

const q = (s: string): string => `„${s}“`;

/** "1.234 m²", "0,4 m²", "2,5 ha" for 25 000 m² and more. */
export function formatAreaM2(m2: number): string {
  if (m2 >= 10_000) return `${formatNumber(m2 / 10_000, { max: 1 })} ha`;
  return `${formatNumber(m2, m2 < 10 ? { max: 1 } : 0)} m²`;
}

const share = (x: number): string => `${formatNumber(x * 100, { max: 2 })} %`;

/** The tolerance in words, for messages and notes. */
export function describeTolerance(t: TopologyTolerance): string {
  return `bis ${formatAreaM2(t.sliverM2)} immer, bis ${formatAreaM2(t.errorM2)} wenn höchstens ${share(t.shareOfSmaller)} der kleineren Fläche`;
}

const MAX_LISTED = 10;

function listed(items: readonly string[]): string {
  const shown = items.slice(0, MAX_LISTED).join(", ");
  return items.length > MAX_LISTED ? `${shown} und ${items.length - MAX_LISTED} weitere` : shown;
}

function gapPlace(f: Extract<TopologyFinding, { kind: "gap" }>): string {
  const where = `bei ${formatNumber(f.at[0], 5)}° O, ${formatNumber(f.at[1], 5)}° N`;
  if (f.codes.length === 0) return where;
  return `zwischen ${f.codes.map(q).join(", ")} (${where})`;
}

/**
 * Turns the findings into issues: errors for overlaps, gaps between several areas and parts
 * outside the parent above the tolerance; a warning for a hole inside a single area that no
 * other area fills (often deliberate: an enclave of another municipality); one info note per
 * kind for the slivers; a warning when some areas could not be checked.
 */
export function topologyIssues(result: TopologyResult): ImportIssue[] {
  const out: ImportIssue[] = [];
  const slivers = { overlap: [] as string[], gap: [] as string[], outside: [] as string[] };
  const sliverM2 = { overlap: 0, gap: 0, outside: 0 };
  const sliverCount = { overlap: 0, gap: 0, outside: 0 };
  const tolerance = describeTolerance(result.tolerance);
  for (const f of result.findings) {
    switch (f.kind) {
      case "overlap": {
        const [a = "?", b = "?"] = f.codes;
        if (f.sliver) {
          slivers.overlap.push(...(f.codes.length > 0 ? [`${a}/${b}`] : []));
          sliverCount.overlap += f.codes.length > 0 ? 1 : 0;
          sliverM2.overlap += f.areaM2;
          break;
        }
        out.push(
          issue(
            "error",
            "area_overlap",
            `Die Gebiete ${q(a)} und ${q(b)} überlappen sich auf ${formatAreaM2(f.areaM2)}. Gebiete einer Ebene dürfen sich nicht überdecken (hingenommen werden kleine Splitterflächen: ${tolerance}).`,
            { column: a, details: { codes: [a, b], areaM2: f.areaM2 } },
          ),
        );
        break;
      }
      case "gap": {
        if (f.sliver) {
          slivers.gap.push(f.codes.join("/") || "?");
          sliverCount.gap++;
          sliverM2.gap += f.areaM2;
          break;
        }
        const own = f.codes.length === 1;
        out.push(
          issue(
            own ? "warning" : "error",
            "area_gap",
            own
              ? `Das Gebiet ${q(f.codes[0]!)} hat ein Loch von ${formatAreaM2(f.areaM2)}, das kein anderes Gebiet der Ebene füllt (${gapPlace(f)}). Übernommen, falls gewollt (etwa eine Enklave).`
              : `Lücke von ${formatAreaM2(f.areaM2)} ${gapPlace(f)}: Die Fläche gehört zu keinem Gebiet der Ebene (hingenommen werden kleine Splitterflächen: ${tolerance}).`,
            { details: { codes: f.codes, areaM2: f.areaM2, at: f.at } },
          ),
        );
        break;
      }
      case "outside_parent": {
        if (f.sliver) {
          slivers.outside.push(`${f.code} (${f.parentCode})`);
          sliverCount.outside++;
          sliverM2.outside += f.areaM2;
          break;
        }
        out.push(
          issue(
            "error",
            "outside_parent",
            `Das Gebiet ${q(f.code)} liegt mit ${formatAreaM2(f.areaM2)} (${share(f.shareOfArea)} seiner Fläche) außerhalb seines Obergebiets ${q(f.parentCode)} (hingenommen werden kleine Splitterflächen: ${tolerance}).`,
            { column: f.code, details: { code: f.code, parent: f.parentCode, areaM2: f.areaM2 } },
          ),
        );
        break;
      }
      case "not_checked":
        out.push(
          issue(
            "warning",
            "topology_not_checked",
            `Überlappungen und Lücken von ${listed(f.codes.map(q))} konnten nicht geprüft werden (${f.detail}).`,
            { details: { codes: f.codes } },
          ),
        );
        break;
    }
  }
  const notes: [keyof typeof slivers, ImportIssue["code"], string][] = [
    ["overlap", "area_overlap", "kleine Überlappung(en)"],
    ["gap", "area_gap", "kleine Lücke(n) zwischen Gebieten"],
    ["outside", "outside_parent", "kleine Fläche(n) außerhalb des Obergebiets"],
  ];
  for (const [kind, code, what] of notes) {
    const list = slivers[kind];
    if (sliverM2[kind] === 0) continue;
    const count =
      sliverCount[kind] > 0
        ? `${formatNumber(sliverCount[kind], 0)} ${what}`
        : `${what[0]!.toUpperCase()}${what.slice(1)}`;
    const names = list.length > 0 ? `: ${listed(list)}` : "";
    out.push(
      issue(
        "info",
        code,
        `${count}, zusammen ${formatAreaM2(sliverM2[kind])}, als Splitterflächen hingenommen (${tolerance})${names}.`,
        { details: { slivers: list, areaM2: sliverM2[kind] } },
      ),
    );
  }
  return out;
}
