/** Builds a multipart/form-data body by hand, as a browser would send it. */
export function multipartBody(
  parts: readonly (
    | { name: string; value: string }
    | { name: string; filename: string; content: Uint8Array | string; contentType?: string }
  )[],
): { body: Buffer; contentType: string } {
  const boundary = `----sopla${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if ("filename" in p) {
      chunks.push(
        Buffer.from(
          `Content-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: ${p.contentType ?? "application/octet-stream"}\r\n\r\n`,
        ),
      );
      chunks.push(typeof p.content === "string" ? Buffer.from(p.content) : Buffer.from(p.content));
    } else {
      chunks.push(
        Buffer.from(`Content-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}`),
      );
    }
    chunks.push(Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
