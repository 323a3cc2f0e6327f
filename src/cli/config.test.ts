import { describe, expect, it } from "vitest";
import { readConfig } from "./config.ts";

describe("configuration from the environment", () => {
  it("takes a tile URL with its placeholders, and a public address without trailing slash", () => {
    const c = readConfig({
      SOPLA_TILE_URL: "https://tile.openstreetmap.de/{z}/{x}/{y}.png",
      SOPLA_TILE_ATTRIBUTION: "© OpenStreetMap-Mitwirkende",
      SOPLA_PUBLIC_URL: "https://daten.stadt.de/",
    });
    expect(c.tileUrl).toBe("https://tile.openstreetmap.de/{z}/{x}/{y}.png");
    expect(c.tileAttribution).toBe("© OpenStreetMap-Mitwirkende");
    expect(c.publicUrl).toBe("https://daten.stadt.de");
  });

  it("leaves both out when unset: a clean map, links from each request", () => {
    const c = readConfig({});
    expect(c.tileUrl).toBeUndefined();
    expect(c.publicUrl).toBeUndefined();
  });

  it("trusts the listed proxies only: addresses, networks and named ranges", () => {
    expect(readConfig({}).trustProxy).toEqual([]);
    expect(
      readConfig({ SOPLA_TRUST_PROXY: " 127.0.0.1, 10.0.0.0/8,fd00::/8 ,::1, loopback" })
        .trustProxy,
    ).toEqual(["127.0.0.1", "10.0.0.0/8", "fd00::/8", "::1", "loopback"]);
  });

  it.each([
    ["SOPLA_TILE_URL", "http://tiles.example.org/{z}/{x}/{y}.png", /https-Adresse/],
    ["SOPLA_TILE_URL", "https://tiles.example.org/tile.png", /\{z\}/],
    ["SOPLA_PUBLIC_URL", "daten.stadt.de", /Adresse wie/],
    ["SOPLA_PUBLIC_URL", "ftp://daten.stadt.de", /https:\/\/ oder http:\/\//],
    ["PORT", "achtzig", /positive ganze Zahl/],
    ["SOPLA_TRUST_PROXY", "true", /Proxys/],
    ["SOPLA_TRUST_PROXY", "*", /Proxys/],
    ["SOPLA_TRUST_PROXY", "10.0.0.0/33", /„10.0.0.0\/33“/],
    ["SOPLA_TRUST_PROXY", "proxy.stadt.de", /Proxys/],
  ])("refuses %s=%s with a German message", (name, value, message) => {
    expect(() => readConfig({ [name]: value })).toThrow(message);
  });
});
