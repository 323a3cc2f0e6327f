/**
 * The configuration of a Sopla process, read once from the environment. Everything else
 * receives it as plain values.
 */
import { isIP } from "node:net";
import { resolve } from "node:path";

export interface Config {
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly port: number;
  readonly host: string;
  readonly maxImportBytes: number;
  readonly seedDemo: boolean;
  readonly logLevel: string;
  /** Login name of the administrator created on the first start. */
  readonly adminEmail: string;
  /** The address the public reaches the server at, for links in open data; else per request. */
  readonly publicUrl: string | undefined;
  /** A raster tile URL for the base map of the atlas ({z}/{x}/{y}); none: a clean map. */
  readonly tileUrl: string | undefined;
  readonly tileAttribution: string | undefined;
  /**
   * Addresses and networks (CIDR) of the reverse proxies whose X-Forwarded-For and
   * X-Forwarded-Proto headers are believed; empty: none, the peer is the client.
   */
  readonly trustProxy: readonly string[];
}

function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) {
    throw new Error(`${name} muss eine positive ganze Zahl sein, nicht „${raw}“.`);
  }
  return n;
}

function publicUrl(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === "") return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(
      `SOPLA_PUBLIC_URL muss eine Adresse wie https://daten.stadt.de sein, nicht „${raw}“.`,
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new Error(`SOPLA_PUBLIC_URL muss mit https:// oder http:// beginnen, nicht „${raw}“.`);
  }
  return url.toString().replace(/\/+$/, "");
}

function tileUrl(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === "") return undefined;
  if (!/^https:\/\/[^\s]+$/.test(raw) || !["{z}", "{x}", "{y}"].every((p) => raw.includes(p))) {
    throw new Error(
      `SOPLA_TILE_URL muss eine https-Adresse mit {z}, {x} und {y} sein, nicht „${raw}“.`,
    );
  }
  return raw;
}

/** The address ranges proxy-addr knows by name. */
const NAMED_RANGES = new Set(["loopback", "linklocal", "uniquelocal"]);

function isProxyAddress(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address = "", prefix, ...rest] = entry.split("/");
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (version === 4 ? 32 : 128);
}

/**
 * SOPLA_TRUST_PROXY: a comma-separated list of addresses, networks (10.0.0.0/8) or the names
 * loopback, linklocal, uniquelocal. "Everyone" is refused on purpose: any client could then
 * claim any address and protocol.
 */
export function parseTrustProxy(raw: string | undefined): readonly string[] {
  if (raw === undefined || raw.trim() === "") return [];
  const entries = raw
    .split(",")
    .map((e) => e.trim())
    .filter((e) => e !== "");
  const wrong = entries.filter((e) => !isProxyAddress(e));
  if (wrong.length > 0) {
    throw new Error(
      `SOPLA_TRUST_PROXY nennt die Adressen der vorgeschalteten Proxys (z. B. 127.0.0.1 oder 10.0.0.0/8, durch Kommas getrennt, oder loopback); nicht verstanden: „${wrong.join("“, „")}“.`,
    );
  }
  return entries;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = resolve(env["SOPLA_DATA_DIR"] ?? ".sopla");
  return {
    databaseUrl: env["DATABASE_URL"] || undefined,
    dataDir,
    port: positiveInt("PORT", env["PORT"], 3000),
    host: env["HOST"] ?? "127.0.0.1",
    maxImportBytes:
      positiveInt("SOPLA_MAX_UPLOAD_MB", env["SOPLA_MAX_UPLOAD_MB"], 64) * 1024 * 1024,
    seedDemo: (env["SOPLA_DEMO"] ?? "on") !== "off",
    logLevel: env["SOPLA_LOG_LEVEL"] ?? "info",
    adminEmail: env["SOPLA_ADMIN_EMAIL"] ?? "admin@sopla.localhost",
    publicUrl: publicUrl(env["SOPLA_PUBLIC_URL"]),
    tileUrl: tileUrl(env["SOPLA_TILE_URL"]),
    tileAttribution: env["SOPLA_TILE_ATTRIBUTION"] || undefined,
    trustProxy: parseTrustProxy(env["SOPLA_TRUST_PROXY"]),
  };
}

/** PGlite keeps its files in a subfolder, so the data folder can hold other things later. */
export function pgliteDir(config: Config): string {
  return resolve(config.dataDir, "pgdata");
}
