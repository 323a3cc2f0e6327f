/**
 * An area system (Gebietsgliederung) and its levels, from the whole city or county down: a new
 * one with its one top area (the city with its municipality key), or an existing one renamed,
 * with levels renamed or added below. The levels a system has keep their code and order (the
 * server says so at the field otherwise); what is missing is named before anything is sent.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import type { AreaSystemBody, AreaSystemDto } from "@contracts/areas.ts";
import { api, wsPath } from "../../lib/api.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { slug } from "../../lib/slug.ts";
import { ProblemList, toField, type Problem } from "../../ui/ProblemList.tsx";
import { TextField } from "../../ui/TextField.tsx";
import { problemsOfRefusal } from "./admin-view.ts";

interface LevelRow {
  readonly code: string;
  readonly name: string;
}

export interface AreaSystemStart {
  readonly name: string;
  readonly levels: readonly LevelRow[];
  readonly top?: { readonly code: string; readonly name: string };
}

const id = (prefix: string, part: string) => `${prefix}-${part}`;

export function AreaSystemForm({
  workspace,
  existing,
  start,
  idPrefix,
  onSaved,
}: {
  readonly workspace: string;
  /** The system to change; absent for a new one. */
  readonly existing?: AreaSystemDto;
  /** What a new system's form starts with (the levels of a city or a county). */
  readonly start?: AreaSystemStart;
  readonly idPrefix: string;
  readonly onSaved?: (system: AreaSystemDto) => void;
}) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [name, setName] = useState(existing?.name ?? start?.name ?? "");
  const [code, setCode] = useState(existing?.code ?? "gebiete");
  const [levels, setLevels] = useState<LevelRow[]>(
    existing
      ? existing.levels.map((l) => ({ code: l.code, name: l.name }))
      : [...(start?.levels ?? [])],
  );
  const [topCode, setTopCode] = useState(start?.top?.code ?? "");
  const [topName, setTopName] = useState(start?.top?.name ?? "");
  const [problems, setProblems] = useState<readonly Problem[]>([]);
  const [saved, setSaved] = useState(false);
  const fixed = existing?.levels.length ?? 0;

  const fields: Record<string, string> = {
    code: id(idPrefix, "code"),
    name: id(idPrefix, "name"),
    levels: id(idPrefix, "level-0-name"),
    "top.code": id(idPrefix, "top-code"),
    "top.name": id(idPrefix, "top-name"),
    ...Object.fromEntries(
      levels.flatMap((_, i) => [
        [`levels.${i}.code`, id(idPrefix, `level-${i}-code`)],
        [`levels.${i}.name`, id(idPrefix, `level-${i}-name`)],
      ]),
    ),
  };
  const invalid = new Set(problems.flatMap((p) => (p.field ? [p.field] : [])));
  const aria = (field: string) => (invalid.has(field) ? { "aria-invalid": true as const } : {});

  const save = useMutation({
    mutationFn: (body: AreaSystemBody) =>
      existing
        ? api<AreaSystemDto>(
            wsPath(`/api/area-systems/${encodeURIComponent(existing.code)}`, workspace),
            {
              method: "PUT",
              body: { name: body.name, levels: body.levels },
            },
          )
        : api<AreaSystemDto>(wsPath("/api/area-systems", workspace), { method: "POST", body }),
    onMutate: () => setSaved(false),
    onSuccess: async (system) => {
      setProblems([]);
      setSaved(true);
      await client.invalidateQueries({ queryKey: ["area-systems", workspace] });
      await client.invalidateQueries({ queryKey: ["setup", workspace] });
      onSaved?.(system);
    },
    onError: (error) => setProblems(problemsOfRefusal(error, fields)),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const missing: Problem[] = [];
    if (name.trim() === "")
      missing.push({ message: t("setup.missingSystemName"), field: fields["name"]! });
    levels.forEach((l, i) => {
      if (l.name.trim() === "") {
        missing.push({
          message: t("setup.missingLevelName", { n: String(i + 1) }),
          field: fields[`levels.${i}.name`]!,
        });
      }
    });
    if (levels.length === 0) missing.push({ message: t("setup.missingLevels"), field: null });
    if (!existing && topCode.trim() !== "" && topName.trim() === "") {
      missing.push({ message: t("setup.missingTopName"), field: fields["top.name"]! });
    }
    setProblems(missing);
    if (missing.length > 0) return;
    const rows = levels.map((l) => ({
      code: l.code.trim() === "" ? slug(l.name, 64) : l.code.trim(),
      name: l.name.trim(),
    }));
    save.mutate({
      code: code.trim(),
      name: name.trim(),
      levels: rows,
      ...(!existing && topCode.trim() !== ""
        ? { top: { code: topCode.trim(), name: topName.trim() } }
        : {}),
    });
  }

  const setLevel = (i: number, patch: Partial<LevelRow>) =>
    setLevels((ls) => ls.map((l, j) => (j === i ? { ...l, ...patch } : l)));

  return (
    <form
      className="admin-form"
      onSubmit={submit}
      noValidate
      aria-label={existing ? t("setup.systemEdit", { name: existing.name }) : t("setup.systemNew")}
    >
      <div className="form-grid">
        <TextField
          id={fields["name"]!}
          label={t("setup.systemName")}
          hint={t("setup.systemNameHint")}
          value={name}
          maxLength={200}
          onChange={setName}
          {...aria(fields["name"]!)}
        />
        {!existing && (
          <TextField
            id={fields["code"]!}
            label={t("setup.systemCode")}
            hint={t("setup.codeHint")}
            value={code}
            maxLength={64}
            spellCheck={false}
            size="narrow"
            onChange={setCode}
            {...aria(fields["code"]!)}
          />
        )}
      </div>
      <fieldset>
        <legend>{t("setup.levels")}</legend>
        <p className="hint">{t("setup.levelsHint")}</p>
        <ol className="level-rows">
          {levels.map((l, i) => (
            <li key={i} className="form-grid">
              <TextField
                id={fields[`levels.${i}.name`]!}
                label={t("setup.levelName", { n: String(i + 1) })}
                value={l.name}
                maxLength={200}
                onChange={(v) => setLevel(i, { name: v })}
                {...aria(fields[`levels.${i}.name`]!)}
              />
              <TextField
                id={fields[`levels.${i}.code`]!}
                label={t("setup.levelCode", { n: String(i + 1) })}
                hint={i < fixed ? t("setup.levelCodeFixed") : t("setup.levelCodeHint")}
                value={l.code}
                maxLength={64}
                spellCheck={false}
                size="narrow"
                readOnly={i < fixed}
                onChange={(v) => setLevel(i, { code: v })}
                {...aria(fields[`levels.${i}.code`]!)}
              />
              {i >= fixed && i === levels.length - 1 && levels.length > 1 && (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => setLevels((ls) => ls.slice(0, -1))}
                >
                  {t("setup.levelRemove", { name: l.name || String(i + 1) })}
                </button>
              )}
            </li>
          ))}
        </ol>
        <button
          type="button"
          onClick={() => setLevels((ls) => [...ls, { code: "", name: "" }])}
          disabled={levels.length >= 8}
        >
          {t("setup.levelAdd")}
        </button>
      </fieldset>
      {!existing && (
        <fieldset>
          <legend>{t("setup.top")}</legend>
          <p className="hint">{t("setup.topHint")}</p>
          <div className="form-grid">
            <TextField
              id={fields["top.name"]!}
              label={t("setup.topName")}
              value={topName}
              maxLength={200}
              onChange={setTopName}
              {...aria(fields["top.name"]!)}
            />
            <TextField
              id={fields["top.code"]!}
              label={t("setup.topCode")}
              hint={t("setup.topCodeHint")}
              value={topCode}
              maxLength={64}
              spellCheck={false}
              size="narrow"
              onChange={setTopCode}
              {...aria(fields["top.code"]!)}
            />
          </div>
        </fieldset>
      )}
      <div className="buttons">
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending
            ? t("admin.busy")
            : existing
              ? t("setup.systemSave")
              : t("setup.systemCreate")}
        </button>
      </div>
      <div role="status">{saved && <p className="success">{t("setup.systemSaved")}</p>}</div>
      {problems.length > 0 && (
        <ProblemList title={t("setup.systemNotSaved")} problems={problems} jump={toField} />
      )}
    </form>
  );
}
