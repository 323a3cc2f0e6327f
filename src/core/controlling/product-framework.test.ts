import { describe, expect, it } from "vitest";
import {
  buildProductFramework,
  lookupProduct,
  normalizeProductCode,
  productPath,
  SH_PRODUCT_FRAMEWORK,
} from "./product-framework.ts";

describe("normalizeProductCode", () => {
  it.each([
    ["311", "311"],
    ["31.1", "311"],
    ["3.1.1", "311"],
    ["311.01", "31101"],
    [" 311 01 ", "31101"],
    ["311-01", "31101"],
    ["3111/2", "31112"],
  ])("reads %j as %j", (raw, digits) => {
    expect(normalizeProductCode(raw)).toBe(digits);
  });

  it.each(["", "  ", "P311", "31a", ".311", "Kita"])("rejects %j", (raw) => {
    expect(normalizeProductCode(raw)).toBeUndefined();
  });
});

describe("lookupProduct", () => {
  it("finds each level of the list with its parent", () => {
    expect(lookupProduct("3")).toEqual({
      code: "3",
      name: "Soziales und Jugend",
      level: "bereich",
      parent: null,
      match: "framework",
    });
    expect(lookupProduct("36")).toMatchObject({ level: "hauptgruppe", parent: "3" });
    expect(lookupProduct("31.1")).toMatchObject({
      code: "311",
      level: "gruppe",
      parent: "31",
      match: "framework",
    });
    expect(lookupProduct("3.1.1.2")).toMatchObject({
      code: "3112",
      name: "Hilfe zur Pflege (7. Kapitel SGB XII)",
      level: "produkt",
      parent: "311",
    });
  });

  it("reads a longer code below a known one as a municipal sub-product", () => {
    expect(lookupProduct("311.01")).toEqual({
      code: "31101",
      name: "Kommunales Produkt zu 311 Grundversorgung und Hilfen nach dem Zwölften Buch Sozialgesetzbuch (SGB XII)",
      level: "produkt",
      parent: "311",
      match: "municipal",
    });
    // The longest known prefix wins.
    expect(lookupProduct("3111.05")?.parent).toBe("3111");
    expect(lookupProduct("3650")?.parent).toBe("36");
  });

  it("returns undefined for codes with no known prefix or no code at all", () => {
    expect(lookupProduct("7")).toBeUndefined();
    expect(lookupProduct("99.1")).toBeUndefined();
    expect(lookupProduct("Kita")).toBeUndefined();
  });

  it("uses a workspace's own list when given", () => {
    const own = buildProductFramework("Stadt Beispiel", [
      ["3", "Soziales und Jugend"],
      ["36", "Kinder-, Jugend- und Familienhilfe"],
      ["3650", "Kindertagesstätten"],
    ]);
    expect(lookupProduct("36.50", own)).toMatchObject({
      code: "3650",
      name: "Kindertagesstätten",
      parent: "365",
      match: "framework",
    });
    expect(lookupProduct("311", own)).toBeUndefined();
  });

  it("keeps every entry's parent consistent with its digits", () => {
    for (const entry of SH_PRODUCT_FRAMEWORK.entries.values()) {
      if (entry.parent !== null) expect(entry.code.startsWith(entry.parent)).toBe(true);
      expect(entry.name.trim()).not.toBe("");
    }
  });
});

describe("productPath", () => {
  it("shows the path from the Produktbereich down", () => {
    expect(productPath("3.1.1.1")).toBe(
      "3 Soziales und Jugend › 31 Soziale Hilfen › 311 Grundversorgung und Hilfen nach dem Zwölften Buch Sozialgesetzbuch (SGB XII) › 3111 Hilfe zum Lebensunterhalt (3. Kapitel SGB XII)",
    );
  });

  it("ends a municipal sub-product with its own code and skips levels not in the list", () => {
    expect(productPath("3601")).toBe(
      "3 Soziales und Jugend › 36 Kinder-, Jugend- und Familienhilfe › 3601 (kommunales Produkt)",
    );
    // Produktbereich 5 is not in the list; the path starts at the Hauptproduktgruppe.
    expect(productPath("52")).toBe("52 Bauen und Wohnen");
  });

  it("is undefined for an unknown code", () => {
    expect(productPath("8")).toBeUndefined();
  });
});

describe("lookupProduct and a Produktbereich alone", () => {
  it("does not read a code as a sub-product when only its one-digit Produktbereich is known", () => {
    expect(lookupProduct("3999")).toBeUndefined();
  });
});
