/**
 * The variables no indicator shows yet – figures imported for a new variable would otherwise
 * appear nowhere. A planner makes a count of one in one click; it then opens in the atlas.
 */
import type { IndicatorDto } from "@contracts/indicators.ts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { api, wsPath } from "../../lib/api.ts";
import { useVariables } from "../../lib/catalogue-queries.ts";
import { useI18n } from "../../lib/i18n.tsx";

export function UnusedVariables({
  ws,
  mayCreate,
}: {
  readonly ws: string;
  readonly mayCreate: boolean;
}) {
  const { t } = useI18n();
  const client = useQueryClient();
  const navigate = useNavigate();
  const variables = useVariables(ws);
  const create = useMutation({
    mutationFn: (variable: string) =>
      api<IndicatorDto>(wsPath("/api/indicators/from-variable", ws), {
        method: "POST",
        body: { variable },
      }),
    onSuccess: async (indicator) => {
      await client.invalidateQueries({ predicate: (q) => q.queryKey[1] === ws });
      await navigate(`/atlas?indicator=${encodeURIComponent(indicator.code)}`);
    },
  });
  const unused = (variables.data ?? []).filter((v) => v.indicators.length === 0);
  if (unused.length === 0) return null;
  return (
    <section aria-labelledby="unused-title">
      <h3 id="unused-title">{t("indicators.unused")}</h3>
      <p className="note">{t("indicators.unusedHelp")}</p>
      <details>
        <summary>{t("indicators.unusedShow", { n: String(unused.length) })}</summary>
        <ul className="plain unused-variables">
          {unused.map((v) => (
            <li key={v.code}>
              <span>
                {v.name} <span className="note">({v.unit})</span>
              </span>
              {mayCreate && (
                <button
                  type="button"
                  className="secondary"
                  disabled={create.isPending}
                  aria-label={t("indicators.createFor", { name: v.name })}
                  onClick={() => create.mutate(v.code)}
                >
                  {t("indicators.create")}
                </button>
              )}
            </li>
          ))}
        </ul>
      </details>
      {create.isError && (
        <p role="alert" className="form-error">
          {create.error instanceof Error ? create.error.message : String(create.error)}
        </p>
      )}
    </section>
  );
}
