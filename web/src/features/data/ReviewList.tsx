/**
 * The values to check on the Werte page: the list of held and corrected values, each with the
 * actions the role may take (confirm, correct, mark, undo) and its history.
 */
import { useQuery } from "@tanstack/react-query";
import { Fragment, useState } from "react";
import type { ReviewDto } from "@contracts/data.ts";
import { api, wsPath } from "../../lib/api.ts";
import { formatDateTime } from "../../lib/format.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { Empty, ErrorState, Loading } from "../../ui/states.tsx";
import { ValueForm, type ValueAction, type ValueFormInput } from "./ValueForm.tsx";
import { formatStored, useRefreshWorkspace, type Cell } from "./value-helpers.ts";

export function ReviewList({
  ws,
  onHistory,
}: {
  readonly ws: string;
  readonly onHistory: (cell: Cell) => void;
}) {
  const { t, locale } = useI18n();
  const refresh = useRefreshWorkspace(ws);
  const [show, setShow] = useState<"open" | "all">("open");
  const [open, setOpen] = useState<{ id: number; action: ValueAction } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const reviews = useQuery({
    queryKey: ["reviews", ws, show],
    queryFn: () => api<ReviewDto[]>(wsPath("/api/reviews", ws, { state: show })),
  });

  async function decide(r: ReviewDto, action: ValueAction, input: ValueFormInput) {
    const where = { variable: r.variableName, area: r.areaName, period: r.period };
    if (action === "correct") {
      await api(wsPath("/api/values/corrections", ws), {
        method: "POST",
        body: {
          variable: r.variable,
          area: r.area,
          period: r.period,
          value: input.value,
          reason: input.reason,
          revision: r.revision,
        },
      });
      setDone(
        t("values.done.correct", { ...where, value: formatStored(locale, input.value ?? null) }),
      );
    } else {
      await api(wsPath(`/api/reviews/${r.id}/decision`, ws), {
        method: "POST",
        body:
          action === "mark"
            ? { action: "mark", reliability: input.reliability, reason: input.reason }
            : { action: "confirm", reason: input.reason },
      });
      setDone(t(action === "mark" ? "values.done.mark" : "values.done.confirm", where));
    }
    setOpen(null);
    await refresh();
  }

  const stateText = (r: ReviewDto) => {
    if (r.state === "open") return t("values.state.open");
    const state =
      r.state === "marked" && r.reliability
        ? `${t("values.state.marked")} ${t(`values.reliability.${r.reliability}`)}`
        : t(`values.state.${r.state}`);
    return t("values.decided", {
      state,
      by: r.decidedBy ?? "",
      at: r.decidedAt ? formatDateTime(locale, r.decidedAt) : "",
      reason: r.reason ?? "",
    });
  };
  const list = reviews.data ?? [];
  const openCount = list.filter((r) => r.state === "open").length;

  return (
    <section aria-labelledby="review-title">
      <h2 id="review-title">{t("values.review")}</h2>
      <fieldset className="plain-fieldset inline-choice">
        <legend>{t("values.show")}</legend>
        {(["open", "all"] as const).map((s) => (
          <label key={s} className="radio">
            <input
              type="radio"
              name="review-show"
              value={s}
              checked={show === s}
              onChange={() => {
                setShow(s);
                setOpen(null);
              }}
            />{" "}
            {t(`values.show.${s}`)}
          </label>
        ))}
      </fieldset>
      <p role="status" className="note">
        {done ?? ""}
      </p>
      {reviews.isPending && <Loading />}
      {reviews.isError && (
        <ErrorState error={reviews.error} retry={() => void reviews.refetch()} />
      )}
      {reviews.data && list.length === 0 && (
        <Empty>{show === "open" ? t("values.noneOpen") : t("values.none")}</Empty>
      )}
      {reviews.data && list.length > 0 && (
        <>
          <p className="note">
            {show === "open"
              ? t("values.countOpen", { n: String(list.length) })
              : t("values.countAll", { n: String(list.length), open: String(openCount) })}
          </p>
          <div
            className="scroll values-scroll"
            role="region"
            aria-labelledby="review-title"
            tabIndex={0}
          >
            <table className="review-table">
              <caption className="sr-only">{t("values.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("values.variable")}</th>
                  <th scope="col">{t("values.area")}</th>
                  <th scope="col">{t("values.period")}</th>
                  <th scope="col" className="num">
                    {t("values.value")}
                  </th>
                  <th scope="col">{t("values.finding")}</th>
                  <th scope="col">{t("values.import")}</th>
                  <th scope="col">{t("values.state")}</th>
                  <th scope="col">{t("values.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((r) => {
                  const cell = { variable: r.variable, area: r.area, period: r.period };
                  const form = open?.id === r.id ? open.action : null;
                  const actionName = (action: ValueAction) =>
                    t("values.actionFor", {
                      action: t(`values.${action === "undo" ? "undo" : action}`),
                      variable: r.variableName,
                      area: r.areaName,
                      period: r.period,
                    });
                  return (
                    <Fragment key={r.id}>
                      <tr className={r.state === "open" ? "review-open" : undefined}>
                        <th scope="row">{r.variableName}</th>
                        <td>{r.areaName}</td>
                        <td>{r.period}</td>
                        <td className="num">
                          {formatStored(locale, r.value)}
                        </td>
                        <td className="review-finding">{r.message}</td>
                        <td>{r.importLabel ?? ""}</td>
                        <td className="who">
                          {stateText(r)}
                          {!r.current && r.state === "open" && ` ${t("values.notCurrent")}`}
                        </td>
                        <td>
                          <div className="row-actions">
                            {r.state === "open" &&
                              r.current &&
                              (["confirm", "correct", "mark"] as const).map((action) => (
                                <button
                                  key={action}
                                  type="button"
                                  aria-expanded={form === action}
                                  aria-label={actionName(action)}
                                  onClick={() =>
                                    setOpen(form === action ? null : { id: r.id, action })
                                  }
                                >
                                  {t(`values.${action}`)}
                                </button>
                              ))}
                            <button
                              type="button"
                              className="secondary"
                              aria-label={t("values.actionFor", {
                                action: t("values.history"),
                                variable: r.variableName,
                                area: r.areaName,
                                period: r.period,
                              })}
                              onClick={() => onHistory(cell)}
                            >
                              {t("values.history")}
                            </button>
                          </div>
                        </td>
                      </tr>
                      {form && (
                        <tr className="form-row">
                          <td colSpan={8}>
                            <ValueForm
                              key={`${r.id}-${form}`}
                              action={form}
                              title={actionName(form)}
                              onSubmit={(input) => decide(r, form, input)}
                              onCancel={() => setOpen(null)}
                            />
                          </td>
                        </tr>
                      )}
                    </Fragment>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
