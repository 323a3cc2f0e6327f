/**
 * The way out of an unknown or ambiguous area or variable name in an import report: one button
 * per area the name may mean. Choosing one saves the name with the workspace (so the next
 * delivery is understood too) and checks the file again.
 */
import type { ImportReportDto } from "@contracts/data-imports.ts";
import { useMutation } from "@tanstack/react-query";
import { api, wsPath } from "../../lib/api.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { nameChoices, type NameChoice as Choice } from "./import-helpers.ts";

type Issue = ImportReportDto["issues"][number];

export function NameChoices({
  ws,
  issue,
  onSaved,
}: {
  readonly ws: string;
  readonly issue: Issue;
  /** Told what was saved, in a sentence for the page. */
  readonly onSaved: (message: string) => void;
}) {
  const { t } = useI18n();
  const found = nameChoices(issue);
  const save = useMutation({
    mutationFn: (c: Choice) =>
      api(wsPath("/api/saved-names", ws), {
        method: "POST",
        body: { kind: found!.kind, text: found!.text, code: c.code },
      }),
    onSuccess: (_, c) =>
      onSaved(t("data.names.saved", { text: found!.text, name: c.name, code: c.code })),
  });
  if (!found) return null;
  return (
    <div className="name-choices">
      <span>{t("data.names.choose")}</span>{" "}
      {found.choices.map((c) => (
        <button
          key={c.code}
          type="button"
          className="secondary"
          disabled={save.isPending}
          onClick={() => save.mutate(c)}
        >
          {t("data.names.option", { text: found.text, name: c.name, code: c.code })}
        </button>
      ))}
      {save.isError && (
        <p role="alert" className="error">
          {save.error instanceof Error ? save.error.message : String(save.error)}
        </p>
      )}
    </div>
  );
}
