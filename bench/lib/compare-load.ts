/**
 * Two endpoints under the same load, one after the other: the product's (with disclosure
 * control) and the same work without it. Prints both and returns the figures.
 */
import { runLoad, type LoadFigures } from "./load.ts";
import { check, count, fixed, line, machineLoad, ms } from "./report.ts";

export interface Side {
  readonly label: string;
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export const CONNECTIONS = 50;
export const SECONDS = 10;

function print(label: string, f: LoadFigures, before: string): void {
  line(label, `${fixed(f.requestsPerSecond, 0)} req/s, ${count(f.requests)} requests (${before})`);
  line("  latency, every response", `p50 ${ms(f.p50)}, p95 ${ms(f.p95)}, p99 ${ms(f.p99)}`);
}

async function warm(side: Side): Promise<string> {
  const started = performance.now();
  const res = await fetch(side.url, side.headers ? { headers: { ...side.headers } } : {});
  const body = await res.text();
  check(res.status === 200, `${side.label}: warm-up answered ${res.status}: ${body.slice(0, 200)}`);
  line(
    `${side.label}: first request`,
    `${ms(performance.now() - started)}, ${count(body.length)} bytes`,
  );
  return body;
}

export async function compareUnderLoad(
  product: Side,
  reference: Side,
  checkBodies: (productBody: string, referenceBody: string) => void,
): Promise<{ product: LoadFigures; reference: LoadFigures }> {
  checkBodies(await warm(product), await warm(reference));
  const load = async (side: Side) => {
    const before = machineLoad();
    const figures = await runLoad({
      url: side.url,
      connections: CONNECTIONS,
      seconds: SECONDS,
      ...(side.headers ? { headers: side.headers } : {}),
    });
    print(side.label, figures, before);
    return figures;
  };
  const p = await load(product);
  const r = await load(reference);
  const cost = 1 - p.requestsPerSecond / r.requestsPerSecond;
  line(
    "cost of protection (1 − product/reference req/s, target < 20 %)",
    `${fixed(cost * 100, 1)} %`,
  );
  return { product: p, reference: r };
}
