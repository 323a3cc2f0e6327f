/**
 * Runs the load generator (bench/lib/load-client.ts) in a child process and returns its
 * figures, with latency percentiles computed from every single response time.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { check, percentile } from "./report.ts";

export interface LoadOptions {
  readonly url: string;
  readonly connections: number;
  readonly seconds: number;
  /** Request headers, e.g. a session cookie. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** What the child reports: autocannon's summary and every 2xx response time (ms). */
export interface LoadReport {
  readonly requestsPerSecond: number;
  readonly ok: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly seconds: number;
  readonly latencies: readonly number[];
  /** autocannon's own percentiles (its histogram has fixed points: no p95). */
  readonly autocannon: { readonly p50: number; readonly p90: number; readonly p97_5: number };
}

export interface LoadFigures {
  readonly requestsPerSecond: number;
  readonly requests: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly autocannon: LoadReport["autocannon"];
}

const CLIENT = fileURLToPath(new URL("./load-client.ts", import.meta.url));

function runClient(options: LoadOptions): Promise<LoadReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", CLIENT, JSON.stringify(options)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => chunks.push(c));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) {
        reject(new Error(`load generator exited with ${code}`));
        return;
      }
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")) as LoadReport);
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  });
}

/** Loads `url` for `seconds` with `connections`; fails on any error or non-2xx answer. */
export async function runLoad(options: LoadOptions): Promise<LoadFigures> {
  const report = await runClient(options);
  check(report.errors === 0 && report.timeouts === 0, `${report.errors} connection errors`);
  check(report.non2xx === 0, `${report.non2xx} answers were not 2xx`);
  check(report.latencies.length > 0, "no response at all");
  return {
    requestsPerSecond: report.requestsPerSecond,
    requests: report.ok,
    p50: percentile(report.latencies, 50),
    p95: percentile(report.latencies, 95),
    p99: percentile(report.latencies, 99),
    autocannon: report.autocannon,
  };
}
