/**
 * Startkatalog: the library of standard social planning indicators, grouped by theme. A
 * planner or administrator ticks the ones the city wants and takes them over in one step; the
 * server creates them with the variables they need. Indicators the workspace already has are
 * shown as such and cannot be ticked; a refusal shows the server's German message.
 */
import { useMemo, useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  StarterCatalogueDto,
  StarterIndicatorDto,
  StarterPicksDto,
} from "@contracts/data-starter-catalogue.ts";
import { api, wsPath } from "../../lib/api.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { ErrorState, Loading } from "../../ui/states.tsx";

function Choice({
  indicator,
  checked,
  onChange,
}: {
  readonly indicator: StarterIndicatorDto;
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
}) {
  const { t } = useI18n();
  const id = `starter-${indicator.code}`;
  const news = indicator.newVariables.map((v) => v.name).join(", ");
  return (
    <li>
      <label htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          checked={indicator.present || checked}
          disabled={indicator.present}
          aria-describedby={`${id}-note`}
          onChange={(e) => onChange(e.target.checked)}
        />
        {indicator.name}
      </label>
      <p id={`${id}-note`} className="note">
        {indicator.present ? (
          <strong>{t("indicators.starter.present")}</strong>
        ) : (
          <>
            {indicator.definition}{" "}
            {news !== "" && t("indicators.starter.creates", { variables: news })}
          </>
        )}
      </p>
    </li>
  );
}

export function StarterCatalogue({ ws, open }: { readonly ws: string; readonly open: boolean }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [chosen, setChosen] = useState<readonly string[]>([]);
  const library = useQuery({
    queryKey: ["starter-catalogue", ws],
    queryFn: () => api<StarterCatalogueDto>(wsPath("/api/starter-catalogue", ws)),
  });
  const pick = useMutation({
    mutationFn: (indicators: readonly string[]) =>
      api<StarterPicksDto>(wsPath("/api/starter-catalogue/picks", ws), {
        method: "POST",
        body: { indicators },
      }),
    onSuccess: async () => {
      setChosen([]);
      await client.invalidateQueries({ predicate: (q) => q.queryKey[1] === ws });
    },
    // Refused (someone took one over meanwhile): show the catalogue as it is now.
    onError: async () => {
      await client.invalidateQueries({ predicate: (q) => q.queryKey[1] === ws });
    },
  });
  const byTheme = useMemo(() => {
    const groups = new Map<string, StarterIndicatorDto[]>();
    for (const i of library.data?.indicators ?? []) {
      groups.set(i.theme, [...(groups.get(i.theme) ?? []), i]);
    }
    return [...groups.entries()];
  }, [library.data]);

  const present = new Set(
    (library.data?.indicators ?? []).filter((i) => i.present).map((i) => i.code),
  );
  // A ticked indicator that has arrived in the meantime is no longer a choice.
  const picks = chosen.filter((c) => !present.has(c));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (picks.length > 0) pick.mutate(picks);
  };
  const nameOf = new Map((library.data?.indicators ?? []).map((i) => [i.code, i.name]));
  const total = library.data?.indicators.length ?? 0;

  return (
    <section aria-labelledby="starter-title" className="starter-catalogue">
      <h2 id="starter-title">{t("indicators.starter")}</h2>
      <p className="note">{t("indicators.starter.intro")}</p>
      {library.isPending ? (
        <Loading />
      ) : library.isError ? (
        <ErrorState error={library.error} retry={() => void library.refetch()} />
      ) : (
        <details open={open}>
          <summary>
            {t("indicators.starter.show", { n: String(total), present: String(present.size) })}
          </summary>
          <form onSubmit={submit} noValidate>
            {byTheme.map(([theme, list]) => (
              <fieldset key={theme}>
                <legend>{theme}</legend>
                <ul className="plain starter-choices">
                  {list.map((i) => (
                    <Choice
                      key={i.code}
                      indicator={i}
                      checked={chosen.includes(i.code)}
                      onChange={(on) =>
                        setChosen((c) => (on ? [...c, i.code] : c.filter((x) => x !== i.code)))
                      }
                    />
                  ))}
                </ul>
              </fieldset>
            ))}
            <div className="buttons">
              <button type="submit" disabled={picks.length === 0 || pick.isPending}>
                {t("indicators.starter.take", { n: String(picks.length) })}
              </button>
            </div>
          </form>
        </details>
      )}
      {pick.isSuccess && (
        <p role="status" className="state">
          {t("indicators.starter.done", {
            indicators: pick.data.indicators.map((c) => nameOf.get(c) ?? c).join(", "),
            variables: String(pick.data.variables.length),
          })}
        </p>
      )}
      {pick.isError && (
        <p role="alert" className="form-error">
          {pick.error instanceof Error ? pick.error.message : String(pick.error)}
        </p>
      )}
    </section>
  );
}
