/**
 * The names a workspace saved for its areas and variables: a planner maps a file's unknown
 * "Altstadt (alt)" to the district ALT once, and every later delivery with that name is
 * understood. The imports read them through `nameMatchers`, which also knows the catalogue's
 * own codes and names (matching rules: src/core/data/name-match.ts).
 */
import { nameMatcher, variantKey, type NameMatcher } from "../../core/data/name-match.ts";
import { listAreas, type AreaRow } from "../../storage/areas.repo.ts";
import {
  deleteSavedName,
  listSavedNames,
  upsertSavedName,
  type SavedNameRow,
} from "../../storage/saved-names.repo.ts";
import { listVariables, type VariableRow } from "../../storage/variables.repo.ts";
import { AppError, notFound } from "../app-error.ts";
import { audit, type Actor } from "../audit.ts";
import type { ServiceContext } from "../context.ts";
import type { Workspace } from "../workspaces.ts";

export type { SavedNameRow };

export interface SaveNameInput {
  readonly kind: "area" | "variable";
  /** The text as the file writes it. */
  readonly text: string;
  /** The code of the area or variable it stands for. */
  readonly code: string;
}

export async function savedNames(ctx: ServiceContext, ws: Workspace): Promise<SavedNameRow[]> {
  return listSavedNames(ctx.db.orm, ws.id);
}

/** The matchers an import resolves its texts with: codes, saved names, names. */
export function nameMatchers(
  areas: readonly AreaRow[],
  variables: readonly VariableRow[],
  saved: readonly SavedNameRow[],
): { areas: NameMatcher; variables: NameMatcher } {
  const of = (kind: SavedNameRow["kind"]) =>
    saved
      .filter((s) => s.kind === kind)
      .map((s) => ({ text: s.text, code: s.code, scope: s.scope }));
  return {
    areas: nameMatcher(
      areas.map((a) => ({ code: a.code, name: a.name, scope: a.levelCode })),
      of("area"),
    ),
    variables: nameMatcher(
      variables.map((v) => ({ code: v.code, name: v.name, scope: "" })),
      of("variable"),
    ),
  };
}

/** Saves a file's name for an area or variable; the same spelling saved again is replaced. */
export async function saveName(
  ctx: ServiceContext,
  ws: Workspace,
  input: SaveNameInput,
  actor: Actor,
): Promise<SavedNameRow> {
  const text = input.text.trim();
  if (variantKey(text) === "") {
    throw new AppError("invalid_input", "Name in der Datei: enthält keine Buchstaben oder Ziffern.", {
      issues: [{ path: "text", message: "enthält keine Buchstaben oder Ziffern" }],
    });
  }
  const orm = ctx.db.orm;
  let target: { id: number; scope: string; code: string } | undefined;
  if (input.kind === "area") {
    const a = (await listAreas(orm, ws.id)).find((x) => x.code === input.code);
    target = a && { id: a.id, scope: a.levelCode, code: a.code };
  } else {
    const v = (await listVariables(orm, ws.id)).find((x) => x.code === input.code);
    target = v && { id: v.id, scope: "", code: v.code };
  }
  if (!target) throw notFound(input.kind === "area" ? "Gebiet" : "Merkmal", input.code);
  const found = target;
  const saved = await ctx.db.transaction(async (tx) => {
    const row = await upsertSavedName(tx.orm, {
      workspaceId: ws.id,
      kind: input.kind,
      scope: found.scope,
      text,
      textKey: variantKey(text),
      areaId: input.kind === "area" ? found.id : null,
      variableId: input.kind === "variable" ? found.id : null,
      createdBy: actor.label,
    });
    await audit(tx.orm, ctx, actor, [
      {
        workspaceId: ws.id,
        action: "create",
        entity: "saved_name",
        entityKey: `${input.kind}:${text}`,
        before: null,
        after: { kind: input.kind, text, code: found.code, scope: found.scope },
      },
    ]);
    return row;
  });
  const row = (await listSavedNames(orm, ws.id)).find((s) => s.id === saved.id);
  return row!;
}

export async function removeSavedName(
  ctx: ServiceContext,
  ws: Workspace,
  id: number,
  actor: Actor,
): Promise<void> {
  const before = (await listSavedNames(ctx.db.orm, ws.id)).find((s) => s.id === id);
  if (!before) throw notFound("Gespeicherter Name", String(id));
  await ctx.db.transaction(async (tx) => {
    await deleteSavedName(tx.orm, ws.id, id);
    await audit(tx.orm, ctx, actor, [
      {
        workspaceId: ws.id,
        action: "delete",
        entity: "saved_name",
        entityKey: `${before.kind}:${before.text}`,
        before: { kind: before.kind, text: before.text, code: before.code, scope: before.scope },
        after: null,
      },
    ]);
  });
}
