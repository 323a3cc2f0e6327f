/**
 * A workspace's logo: a PNG or SVG file of at most 200 kB that its administrators upload
 * (Verwaltung → Einstellungen), shown in the web app's top bar and on reports' title pages.
 *
 * The type is read from the content, never from the file name or the declared type: a PNG
 * starts with its 8-byte signature; an SVG is UTF-8 text whose first element is `<svg`. An SVG
 * is accepted only when it cannot run or fetch anything: no scripts, no event attributes, no
 * foreign objects, animations, DTDs or style sheets from elsewhere, and every link (`href`,
 * `url(…)`) points into the file itself (`#…`). Such a file is refused, not cleaned: a cleaned
 * logo might not look as its author meant, and a refusal says what to change.
 */
import { createHash } from "node:crypto";
import {
  deleteWorkspaceLogo,
  findWorkspaceLogo,
  upsertWorkspaceLogo,
} from "../storage/workspace-logo.repo.ts";
import { AppError } from "./app-error.ts";
import { audit, type Actor } from "./audit.ts";
import type { ServiceContext } from "./context.ts";
import type { Workspace } from "./workspaces.ts";

export const MAX_LOGO_BYTES = 200 * 1024;
export type LogoMediaType = "image/png" | "image/svg+xml";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const refuse = (message: string, reason: string) =>
  new AppError("invalid_input", `Logo: ${message}`, { field: "logo", reason });

/** What an SVG must not contain, each with the German reason. */
const SVG_FORBIDDEN: readonly [RegExp, string][] = [
  [/<script\b/i, "enthält ein Skript (<script>)"],
  [/\son[a-z]+\s*=/i, "enthält ein Ereignis-Attribut (on…=)"],
  [/<foreignObject\b/i, "enthält ein fremdes Objekt (<foreignObject>)"],
  [/<(iframe|embed|object|audio|video|canvas|handler|listener)\b/i, "enthält eingebettete Inhalte"],
  [/<(animate\w*|set)\b/i, "enthält Animationen (<animate>, <set>)"],
  [/<!DOCTYPE|<!ENTITY/i, "enthält eine Dokumenttyp-Deklaration (<!DOCTYPE>)"],
  [/<\?xml-stylesheet/i, "bindet ein Stylesheet ein"],
  [/@import/i, "bindet ein Stylesheet ein (@import)"],
  [/javascript:|vbscript:|data:text\/html/i, "enthält eine Skript-Adresse"],
];

/**
 * The type of a logo file, checked; throws `invalid_input` (field `logo`) with the German
 * reason for an empty or oversize file, another type, or an SVG that could run or load
 * something.
 */
export function checkLogo(bytes: Uint8Array): LogoMediaType {
  if (bytes.byteLength === 0) throw refuse("Die Datei ist leer.", "empty");
  if (bytes.byteLength > MAX_LOGO_BYTES) {
    throw refuse(
      `Die Datei ist zu groß (${Math.ceil(bytes.byteLength / 1024)} kB); erlaubt sind höchstens 200 kB.`,
      "too_large",
    );
  }
  if (PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return "image/png";
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    throw refuse("Erlaubt sind PNG- und SVG-Dateien; diese Datei ist keines von beiden.", "type");
  }
  if (!/^\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/i.test(text)) {
    throw refuse("Erlaubt sind PNG- und SVG-Dateien; diese Datei ist keines von beiden.", "type");
  }
  for (const [pattern, reason] of SVG_FORBIDDEN) {
    if (pattern.test(text)) throw refuse(`Die SVG-Datei ${reason}; das ist nicht erlaubt.`, "svg");
  }
  for (const m of text.matchAll(/\bhref\s*=\s*(["'])(.*?)\1/gi)) {
    if (!m[2]!.trim().startsWith("#")) {
      throw refuse(
        "Die SVG-Datei verweist auf eine andere Datei oder Adresse (href); erlaubt sind nur Verweise innerhalb der Datei (#…).",
        "svg",
      );
    }
  }
  for (const m of text.matchAll(/url\(\s*(["']?)(.*?)\1\s*\)/gi)) {
    if (!m[2]!.trim().startsWith("#")) {
      throw refuse(
        "Die SVG-Datei lädt etwas von außerhalb (url(…)); erlaubt sind nur Verweise innerhalb der Datei (#…).",
        "svg",
      );
    }
  }
  return "image/svg+xml";
}

export interface StoredLogo {
  readonly mediaType: LogoMediaType;
  readonly content: Uint8Array;
  readonly sha256: string;
  readonly updatedAt: Date;
}

/** The workspace's logo, or null. */
export async function workspaceLogo(
  ctx: ServiceContext,
  ws: Pick<Workspace, "id">,
): Promise<StoredLogo | null> {
  return (await findWorkspaceLogo(ctx.db.orm, ws.id)) ?? null;
}

/** Checks and stores a new logo (replacing the old one), recorded in the audit log. */
export async function setWorkspaceLogo(
  ctx: ServiceContext,
  ws: Workspace,
  bytes: Uint8Array,
  actor: Actor,
): Promise<StoredLogo> {
  const mediaType = checkLogo(bytes);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const logo = { mediaType, content: bytes, sha256, updatedAt: ctx.now() };
  const before = await findWorkspaceLogo(ctx.db.orm, ws.id);
  await ctx.db.transaction(async (tx) => {
    await upsertWorkspaceLogo(tx.orm, { workspaceId: ws.id, ...logo });
    await audit(tx.orm, ctx, actor, [
      {
        workspaceId: ws.id,
        action: before ? "update" : "create",
        entity: "workspace_logo",
        entityKey: ws.slug,
        before: before ? { mediaType: before.mediaType, sha256: before.sha256 } : null,
        after: { mediaType, sha256, bytes: bytes.byteLength },
      },
    ]);
  });
  return logo;
}

/** Removes the logo; false when there was none. */
export async function removeWorkspaceLogo(
  ctx: ServiceContext,
  ws: Workspace,
  actor: Actor,
): Promise<boolean> {
  return ctx.db.transaction(async (tx) => {
    const before = await findWorkspaceLogo(tx.orm, ws.id);
    if (!before) return false;
    await deleteWorkspaceLogo(tx.orm, ws.id);
    await audit(tx.orm, ctx, actor, [
      {
        workspaceId: ws.id,
        action: "delete",
        entity: "workspace_logo",
        entityKey: ws.slug,
        before: { mediaType: before.mediaType, sha256: before.sha256 },
        after: null,
      },
    ]);
    return true;
  });
}
