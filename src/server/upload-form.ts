/**
 * Reading a multipart upload (one file and named text fields) with German messages for every
 * way a form can be wrong. Used by the import routes.
 */
import { formatNumber } from "../core/format/number.ts";
import type { FastifyRequest } from "fastify";
import { AppError } from "../services/app-error.ts";

/** Megabytes, German style, for messages. */
const mb = (n: number) => formatNumber(n / 1024 / 1024, { max: 1 });

/**
 * Reads a multipart upload: exactly one file in the field `file` and the text fields listed in
 * `fields`. A request that is not multipart, a broken form, another file field, an unknown
 * text field, a file over `maxBytes` and a missing file are refused with a German message.
 */
export async function readUploadForm(
  req: FastifyRequest,
  options: { fields: readonly string[]; expected: string; maxBytes: number },
): Promise<{ file: { name: string; bytes: Uint8Array }; fields: Record<string, string> }> {
  if (!req.isMultipart()) {
    throw new AppError(
      "invalid_input",
      `Erwartet wird ein Formular-Upload (multipart/form-data) ${options.expected}.`,
    );
  }
  let file: { name: string; bytes: Buffer } | null = null;
  const fields: Record<string, string> = {};
  try {
    for await (const part of req.parts()) {
      if (part.type === "file") {
        if (part.fieldname !== "file") {
          await part.toBuffer();
          throw new AppError(
            "invalid_input",
            `Unbekanntes Dateifeld „${part.fieldname}“; erwartet „file“.`,
          );
        }
        file = { name: part.filename || "upload", bytes: await part.toBuffer() };
      } else if (typeof part.value === "string") {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (e) {
    // Size limits and our own checks keep their codes; anything else the multipart parser
    // throws means the form itself is broken.
    if ((e as { code?: unknown }).code === "FST_REQ_FILE_TOO_LARGE") {
      throw new AppError(
        "payload_too_large",
        `Die Datei ist zu groß; erlaubt sind höchstens ${mb(options.maxBytes)} MB.`,
      );
    }
    const status = (e as { statusCode?: unknown }).statusCode;
    if (e instanceof AppError || (typeof status === "number" && status < 500)) throw e;
    throw new AppError(
      "invalid_input",
      "Das Formular ist beschädigt und konnte nicht gelesen werden (multipart/form-data).",
    );
  }
  const unknown = Object.keys(fields).filter((k) => !options.fields.includes(k));
  if (unknown.length > 0) {
    throw new AppError("invalid_input", `Unbekannte Formularfelder: ${unknown.join(", ")}.`, {
      fields: unknown,
    });
  }
  if (!file) throw new AppError("invalid_input", "Es wurde keine Datei hochgeladen (Feld „file“).");
  const bytes = new Uint8Array(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength);
  return { file: { name: file.name, bytes }, fields };
}
