import fc from "fast-check";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeText, type DeclaredEncoding } from "./decode.ts";

const bytes = (...parts: (number[] | string)[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === "string" ? [...Buffer.from(p, "utf8")] : p)));
const utf16le = (s: string): number[] => [...Buffer.from(s, "utf16le")];
const utf16be = (s: string): number[] => {
  const le = utf16le(s);
  const out: number[] = [];
  for (let i = 0; i < le.length; i += 2) out.push(le[i + 1]!, le[i]!);
  return out;
};
const cp1252 = (s: string): number[] => [...iconv.encode(s, "windows-1252")];

describe("decodeText", () => {
  it.each<[string, Uint8Array, DeclaredEncoding, string, string, boolean]>([
    ["plain UTF-8", bytes("Müller;Größe"), "auto", "Müller;Größe", "utf-8", false],
    [
      "UTF-8 with BOM",
      bytes([0xef, 0xbb, 0xbf], "Jürgensby;1"),
      "auto",
      "Jürgensby;1",
      "utf-8",
      true,
    ],
    [
      "UTF-16 LE with BOM (Excel Unicode text)",
      bytes([0xff, 0xfe], utf16le("Mürwik\t15301")),
      "auto",
      "Mürwik\t15301",
      "utf-16le",
      true,
    ],
    [
      "UTF-16 BE with BOM",
      bytes([0xfe, 0xff], utf16be("Südstadt;4205")),
      "auto",
      "Südstadt;4205",
      "utf-16be",
      true,
    ],
    [
      "Windows-1252 (German Excel CSV)",
      bytes(cp1252("Westliche Höhe;8015 €")),
      "auto",
      "Westliche Höhe;8015 €",
      "windows-1252",
      false,
    ],
    ["declared latin1", bytes(cp1252("Größe")), "latin1", "Größe", "latin1", false],
    ["declared UTF-16 LE without BOM", bytes(utf16le("a;b")), "utf-16le", "a;b", "utf-16le", false],
    ["declared UTF-8 strips the BOM", bytes([0xef, 0xbb, 0xbf], "x"), "utf-8", "x", "utf-8", true],
  ])("%s", (_name, input, declared, text, encoding, hadBom) => {
    expect(decodeText(input, declared)).toEqual({ ok: true, value: { text, encoding, hadBom } });
  });

  it.each<[string, Uint8Array, string, string]>([
    ["zero bytes", bytes(), "empty_file", "leer"],
    ["only a BOM", bytes([0xef, 0xbb, 0xbf]), "empty_file", "leer"],
    ["only whitespace", bytes(" \r\n\t\n"), "empty_file", "leer"],
    ["UTF-16 BOM and blanks", bytes([0xff, 0xfe], utf16le("  \r\n")), "empty_file", "leer"],
    [
      "an XLSX file",
      bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]),
      "binary_file",
      "sieht aus wie eine XLSX/ZIP-Datei – bitte als XLSX importieren",
    ],
    ["a PDF", bytes("%PDF-1.7\n%âãÏÓ"), "binary_file", "PDF"],
    ["gzip", bytes([0x1f, 0x8b, 0x08, 0x00, 0x00]), "binary_file", "gzip"],
    [
      "an old XLS",
      bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
      "binary_file",
      "XLS",
    ],
    ["NUL bytes", bytes("abc", [0, 1, 2, 0xff, 0], "def;ghi"), "binary_file", "Null-Bytes"],
    [
      "many control characters",
      bytes([1, 2, 3, 4, 5, 6, 7, 8], "abcdefghijklmnopqrstuvwxyz"),
      "binary_file",
      "Steuerzeichen",
    ],
    [
      "BOM-less UTF-16 LE",
      bytes(utf16le("id;name;wert\r\n1;Altstadt;3866\r\n")),
      "unknown_encoding",
      "utf-16le",
    ],
    [
      "BOM-less UTF-16 BE",
      bytes(utf16be("id;name;wert\r\n1;Altstadt;3866\r\n")),
      "unknown_encoding",
      "utf-16be",
    ],
  ])("reports %s", (_name, input, code, text) => {
    const r = decodeText(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe(code);
    expect(r.error.severity).toBe("error");
    expect(r.error.message).toContain(text);
  });

  it("explains binary data in German", () => {
    const r = decodeText(bytes([0x50, 0x4b, 0x03, 0x04, 1, 2]));
    expect(r.ok ? "" : r.error.message).toMatch(/^Die Datei ist keine Textdatei \(Binärdaten\)/);
  });

  it("reports invalid UTF-8 when UTF-8 is declared", () => {
    const r = decodeText(bytes(cp1252("Größe")), "utf-8");
    expect(r.ok ? null : r.error.code).toBe("unknown_encoding");
  });

  it("round-trips any text through UTF-8, UTF-16 and (for its repertoire) Windows-1252", () => {
    const printable = fc
      .string({ unit: "grapheme", minLength: 1, maxLength: 60 })
      .filter((s) => s.trim().length > 0 && !/[\u0000-\u0008\u000e-\u001f\u007f]/.test(s));
    fc.assert(
      fc.property(printable, (s) => {
        const u8 = decodeText(bytes(s));
        expect(u8).toEqual({ ok: true, value: { text: s, encoding: "utf-8", hadBom: false } });
        const u16 = decodeText(bytes([0xff, 0xfe], utf16le(s)));
        expect(u16.ok && u16.value.text).toBe(s);
      }),
    );
    // Every non-ASCII character is followed by an ASCII one: a Windows-1252 lead byte followed
    // by bytes 0x80–0xBF (e.g. "Ö€") is also valid UTF-8, which no detector can tell apart.
    const german = fc
      .array(
        fc.constantFrom(
          "äa",
          "öb",
          "ü ",
          "ßc",
          "Ää",
          "Öd",
          "Ü;",
          "€1",
          "–,",
          "„x",
          "“.",
          "ab",
          "12",
        ),
        { minLength: 1, maxLength: 30 },
      )
      .map((tokens) => tokens.join(""))
      .filter((s) => /[äöüßÄÖÜ€–„“]/.test(s));
    fc.assert(
      fc.property(german, (s) => {
        const r = decodeText(bytes(cp1252(s)));
        expect(r).toEqual({
          ok: true,
          value: { text: s, encoding: "windows-1252", hadBom: false },
        });
      }),
    );
  });
});
