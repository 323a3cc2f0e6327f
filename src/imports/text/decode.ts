import iconv from "iconv-lite";
import { err, ok, type Result } from "../../core/result.ts";
import { issue, type ImportIssue } from "../../core/data/import-issue.ts";

/** The encodings a caller may declare; `auto` detects the encoding from the bytes. */
export type DeclaredEncoding =
  "auto" | "utf-8" | "windows-1252" | "latin1" | "utf-16le" | "utf-16be";

/** The encodings `decodeText` reports back, in their canonical spelling. */
export type TextEncoding = Exclude<DeclaredEncoding, "auto">;

export interface DecodedText {
  readonly text: string;
  readonly encoding: TextEncoding;
  /** Whether the file started with a byte order mark (which is not part of `text`). */
  readonly hadBom: boolean;
}

/** How many leading bytes the binary checks look at. */
const SNIFF_BYTES = 8192;

/** Above this share of control characters in the sniffed bytes a file counts as binary. */
const MAX_CONTROL_SHARE = 0.1;

interface Magic {
  readonly bytes: readonly number[];
  readonly hint: string;
}

const MAGIC: readonly Magic[] = [
  {
    bytes: [0x50, 0x4b, 0x03, 0x04],
    hint: "sieht aus wie eine XLSX/ZIP-Datei – bitte als XLSX importieren",
  },
  { bytes: [0x25, 0x50, 0x44, 0x46], hint: "sieht aus wie eine PDF-Datei" },
  {
    bytes: [0x1f, 0x8b],
    hint: "sieht aus wie eine gzip-komprimierte Datei – bitte zuerst entpacken",
  },
  {
    bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    hint: "sieht aus wie eine alte Excel-Datei (XLS) – bitte in Excel als XLSX oder CSV speichern",
  },
  { bytes: [0x89, 0x50, 0x4e, 0x47], hint: "sieht aus wie ein PNG-Bild" },
  { bytes: [0xff, 0xd8, 0xff], hint: "sieht aus wie ein JPEG-Bild" },
];

/** Tells whether `bytes` starts with the byte sequence `prefix`. */
function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

/** Names a known binary format by its magic bytes, or returns null for anything else. */
export function detectBinaryFormat(bytes: Uint8Array): string | null {
  for (const m of MAGIC) if (startsWith(bytes, m.bytes)) return m.hint;
  return null;
}

/** Tells whether the text holds anything but whitespace. */
function isBlank(text: string): boolean {
  return text.trim().length === 0;
}

/** Decodes UTF-16 bytes (without BOM) in the given byte order; an odd trailing byte is dropped. */
function decodeUtf16(bytes: Uint8Array, bigEndian: boolean): string {
  const even = bytes.length - (bytes.length % 2);
  if (!bigEndian) return Buffer.from(bytes.buffer, bytes.byteOffset, even).toString("utf16le");
  const swapped = Buffer.alloc(even);
  for (let i = 0; i < even; i += 2) {
    swapped[i] = bytes[i + 1]!;
    swapped[i + 1] = bytes[i]!;
  }
  return swapped.toString("utf16le");
}

/** Decodes single-byte text with iconv-lite; `latin1` is ISO-8859-1, `windows-1252` its superset. */
function decodeSingleByte(bytes: Uint8Array, encoding: "windows-1252" | "latin1"): string {
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
}

/** Decodes strict UTF-8, or returns null when the bytes are not valid UTF-8. */
function decodeUtf8Strict(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Looks at the first 8 KiB for signs of a file that is not text: known magic bytes, NUL bytes
 * (telling BOM-less UTF-16 apart by NULs in alternating positions) or many control characters.
 * Returns the issue to report, or null when the bytes look like text.
 */
function sniffBinary(bytes: Uint8Array): ImportIssue | null {
  const format = detectBinaryFormat(bytes);
  if (format) {
    return issue("error", "binary_file", `Die Datei ist keine Textdatei (Binärdaten): ${format}.`, {
      details: { format },
    });
  }
  const n = Math.min(bytes.length, SNIFF_BYTES);
  let nulEven = 0;
  let nulOdd = 0;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) {
      if (i % 2 === 0) nulEven++;
      else nulOdd++;
    }
    // Tab, line feed, form feed and carriage return are ordinary in text files.
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) || b === 0x7f) {
      control++;
    }
  }
  const nul = nulEven + nulOdd;
  if (nul > 0) {
    const half = n / 2;
    // ASCII-heavy UTF-16 has a NUL in (nearly) every second byte and none in the others.
    const looksUtf16 =
      n >= 4 && Math.max(nulEven, nulOdd) >= half * 0.3 && Math.min(nulEven, nulOdd) <= nul * 0.05;
    if (looksUtf16) {
      const order = nulOdd > nulEven ? "utf-16le" : "utf-16be";
      return issue(
        "error",
        "unknown_encoding",
        `Die Datei sieht aus wie UTF-16-Text ohne Byte-Order-Mark. Bitte die Kodierung „${order}“ angeben oder die Datei als UTF-8 speichern.`,
        { details: { suggested: order } },
      );
    }
    return issue(
      "error",
      "binary_file",
      "Die Datei ist keine Textdatei (Binärdaten): sie enthält Null-Bytes. Bitte eine CSV- oder XLSX-Datei wählen.",
    );
  }
  if (n > 0 && control / n > MAX_CONTROL_SHARE) {
    return issue(
      "error",
      "binary_file",
      `Die Datei ist keine Textdatei (Binärdaten): ${Math.round((control / n) * 100)} % Steuerzeichen. Bitte eine CSV- oder XLSX-Datei wählen.`,
    );
  }
  return null;
}

/** The issue for a file without content. */
function emptyFile(): ImportIssue {
  return issue("error", "empty_file", "Die Datei ist leer.");
}

/** Wraps decoded text as a result, reporting an empty file when nothing but whitespace remains. */
function finish(
  text: string,
  encoding: TextEncoding,
  hadBom: boolean,
): Result<DecodedText, ImportIssue> {
  if (isBlank(text)) return err(emptyFile());
  return ok({ text, encoding, hadBom });
}

/**
 * Turns the bytes of a text file into a string. With `auto` (the default) a UTF-8 or UTF-16
 * byte order mark decides; else valid UTF-8 is read as UTF-8 and anything else as
 * Windows-1252, the encoding of German Excel CSV exports. The BOM is never part of the text.
 * Empty files, binary files (with the format named where its magic bytes are known) and
 * BOM-less UTF-16 are reported as issues, as is invalid UTF-8 when UTF-8 was declared.
 */
export function decodeText(
  bytes: Uint8Array,
  declared: DeclaredEncoding = "auto",
): Result<DecodedText, ImportIssue> {
  if (bytes.length === 0) return err(emptyFile());
  const utf8Bom = startsWith(bytes, [0xef, 0xbb, 0xbf]);
  const leBom = startsWith(bytes, [0xff, 0xfe]);
  const beBom = startsWith(bytes, [0xfe, 0xff]);

  if (declared === "utf-16le" || declared === "utf-16be") {
    const bom = declared === "utf-16le" ? leBom : beBom;
    const body = bom ? bytes.subarray(2) : bytes;
    return finish(decodeUtf16(body, declared === "utf-16be"), declared, bom);
  }
  if (declared === "auto" && (leBom || beBom)) {
    return finish(decodeUtf16(bytes.subarray(2), beBom), leBom ? "utf-16le" : "utf-16be", true);
  }

  const body = utf8Bom ? bytes.subarray(3) : bytes;
  if (body.length === 0) return err(emptyFile());
  const binary = sniffBinary(body);
  if (binary) return err(binary);

  if (declared === "windows-1252" || declared === "latin1") {
    return finish(decodeSingleByte(body, declared), declared, utf8Bom);
  }
  const utf8 = decodeUtf8Strict(body);
  if (utf8 !== null) return finish(utf8, "utf-8", utf8Bom);
  if (declared === "utf-8") {
    return err(
      issue(
        "error",
        "unknown_encoding",
        "Die Datei ist kein gültiges UTF-8, obwohl UTF-8 angegeben ist. Vermutlich ist sie in Windows-1252 gespeichert (Excel-Standard) – bitte diese Kodierung angeben oder „auto“ wählen.",
      ),
    );
  }
  return finish(decodeSingleByte(body, "windows-1252"), "windows-1252", utf8Bom);
}
