/**
 * The load generator, run as a child process so it does not share a thread with the server
 * under test: autocannon against one URL, every response time kept, one JSON line on stdout.
 * Usage: node --import tsx bench/lib/load-client.ts '{"url": …, "connections": 50, "seconds": 10}'
 */
import autocannon from "autocannon";
import type { LoadOptions, LoadReport } from "./load.ts";

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? "{}") as LoadOptions;
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.seconds,
        ...(options.headers ? { headers: { ...options.headers } } : {}),
      },
      (error: unknown, done: autocannon.Result) => {
        if (error) reject(error instanceof Error ? error : new Error(String(error)));
        else resolve(done);
      },
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  });
  const report: LoadReport = {
    requestsPerSecond: result.requests.average,
    ok: result["2xx"],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    seconds: result.duration,
    latencies,
    autocannon: { p50: result.latency.p50, p90: result.latency.p90, p97_5: result.latency.p97_5 },
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

await main();
