/**
 * The monthly statistic: key figures with the change to the previous month and to the same
 * month a year before (those two months are fetched too), the tables per facility and per
 * type, the composition on the reference date, the lengths of stay and the counting rules.
 * Withheld counts show ".", explained under every table and once above.
 */
import { formatChange, formatNumber } from "../../lib/format.ts";
import { useI18n } from "../../lib/i18n.tsx";
import type { OccupancyStatistic } from "./accommodation-api.ts";
import { formatDay, formatMonth } from "./months.ts";
import {
  COMPOSITION_DIMENSIONS,
  KEY_FIGURES,
  compositionTable,
  difference,
  facilityTable,
  facilityUnits,
  markRevised,
  typeUnits,
  figureDecimals,
  figureValue,
  keyFiguresTable,
  lengthClassesTable,
  signNotes,
  typeTable,
  type KeyFigure,
  type TableMeta,
} from "./statistic-tables.ts";
import { TableFigure } from "./TableFigure.tsx";
import { revisedLetters } from "./ClosingSection.tsx";

/** The figures shown as cards; all of them are in the table below. */
const CARDS: readonly KeyFigure["key"][] = [
  "persons",
  "households",
  "places",
  "occupancyRate",
  "freePlaces",
  "entries",
  "exits",
  "entitledToFlat",
  "meanLengthOfStay",
  "medianLengthOfStay",
];

export function StatisticSection(props: {
  readonly statistic: OccupancyStatistic;
  readonly previous: OccupancyStatistic | undefined;
  readonly lastYear: OccupancyStatistic | undefined;
  readonly months: {
    readonly current: string;
    readonly previous: string;
    readonly lastYear: string;
  };
  readonly meta: Omit<TableMeta, "title">;
  readonly workspace: string;
  /** The accommodation staff and planners (they read the marks as planners). */
  readonly planning?: boolean;
}) {
  const { t, locale } = useI18n();
  const s = props.statistic;
  const monthText = formatMonth(locale, s.month);
  const notes = signNotes(t, s);
  const meta = (title: string): TableMeta => ({ ...props.meta, title: `${title}, ${monthText}` });
  const name = (part: string) => [props.workspace, "unterkuenfte", part, s.month];
  // A revised month: each value that differs from the version reported before carries "r".
  const changed = new Set(
    s.closing.revised ? s.closing.changes.map((c) => `${c.unit}|${c.figure}`) : [],
  );
  const letters = revisedLetters(0, props.planning ?? false);
  const legend = changed.size > 0 ? [t("acc.closing.legend")] : [];

  const card = (key: KeyFigure["key"]) => {
    const figure = KEY_FIGURES.find((k) => k.key === key)!;
    const value = figureValue(s.total, figure);
    const decimals = figureDecimals(figure);
    // A rate or length withheld with its persons shows "." as they do; "–" means there is none.
    const text =
      value === null || value === undefined
        ? figure.kind === "count" || s.total.persons === null
          ? "."
          : "–"
        : formatNumber(locale, value, decimals);
    const unit = figure.kind === "rate" ? ` ${t("acc.percentagePoints")}` : "";
    const change = (other: OccupancyStatistic | undefined, month: string) => {
      const d = difference(value, figureValue(other?.total, figure));
      return d === null
        ? null
        : t("acc.against", { change: `${formatChange(locale, d, decimals)}${unit}`, month });
    };
    const changes = [
      change(props.previous, formatMonth(locale, props.months.previous)),
      change(props.lastYear, formatMonth(locale, props.months.lastYear)),
    ].filter((c): c is string => c !== null);
    return (
      <li key={key} className="card" data-figure={key}>
        <div className="label">{t(figure.label)}</div>
        <div className="figure">
          {text}
          {changed.has(`total|${key}`) && (
            <>
              {" "}
              <abbr className="mark" title={t("acc.closing.legend")}>
                {letters}
              </abbr>
            </>
          )}
        </div>
        {changes.map((c) => (
          <div key={c} className="change">
            {c}
          </div>
        ))}
      </li>
    );
  };

  return (
    <section aria-labelledby="acc-statistic-title">
      <h2 id="acc-statistic-title">
        {t("acc.statistic")} {monthText}
      </h2>
      <p className="note">{t("acc.referenceDate", { date: formatDay(locale, s.referenceDate) })}</p>
      {s.disclosureControl && (
        <div className="notice" role="note">
          <p>
            <strong>{t("acc.withheld")}</strong>
          </p>
          <p>{t("acc.withheldNote", { min: String(s.minCount) })}</p>
        </div>
      )}
      <h3 id="acc-key-figures">{t("acc.keyFigures")}</h3>
      <ul className="cards" aria-labelledby="acc-key-figures">
        {CARDS.map(card)}
      </ul>
      <TableFigure
        id="acc-key-table"
        table={{
          ...keyFiguresTable(
            meta(t("acc.keyFigures")),
            t,
            props.months,
            s.total,
            props.previous?.total,
            props.lastYear?.total,
          ),
        }}
        caption={t("acc.keyFiguresCaption", { month: monthText })}
        name={name("kennzahlen")}
      />
      {s.disclosureControl ? (
        <p className="note">{t("acc.noFacilityFigures")}</p>
      ) : (
        <TableFigure
          id="acc-by-facility"
          heading={t("acc.byFacility")}
          table={{
            ...markRevised(
              facilityTable(meta(t("acc.byFacility")), t, s),
              facilityUnits(s),
              2,
              changed,
              locale,
              letters,
            ),
            notes: [...notes, ...legend],
          }}
          caption={`${t("acc.byFacility")}, ${monthText}`}
          name={name("je-unterkunft")}
        />
      )}
      <TableFigure
        id="acc-by-type"
        heading={t("acc.byType")}
        table={{
          ...markRevised(
            typeTable(meta(t("acc.byType")), t, s),
            typeUnits(s),
            1,
            changed,
            locale,
            letters,
          ),
          notes: [...notes, ...legend],
        }}
        caption={`${t("acc.byType")}, ${monthText}`}
        name={name("je-art")}
      />
      <section aria-labelledby="acc-composition-title">
        <h3 id="acc-composition-title">{t("acc.composition")}</h3>
        <div>
          {COMPOSITION_DIMENSIONS.map((d) => (
            <TableFigure
              key={d.key}
              id={`acc-composition-${d.key}`}
              heading={t(d.label)}
              level={4}
              table={{ ...compositionTable(meta(t(d.label)), t, s, d), notes }}
              caption={`${t(d.label)}, ${monthText}`}
              name={name(d.key)}
            />
          ))}
          <TableFigure
            id="acc-length-classes"
            heading={t("acc.lengthClasses")}
            level={4}
            table={{ ...lengthClassesTable(meta(t("acc.lengthClasses")), t, s), notes }}
            caption={`${t("acc.lengthClasses")}, ${monthText}`}
            name={name("verweildauer")}
          />
        </div>
      </section>
      <details className="acc-rules">
        <summary>{t("acc.rules")}</summary>
        <p className="rules-text">{s.rules}</p>
      </details>
    </section>
  );
}
