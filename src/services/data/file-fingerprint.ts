import { createHash } from "node:crypto";

/** The SHA-256 of a file's bytes, hex encoded: it identifies what was imported. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
