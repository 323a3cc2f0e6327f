/**
 * Unterkünfte: the occupancy of the city's accommodation for homeless people and refugees
 * (docs/methods/occupancy.md). A month (in the address, ?monat=YYYY-MM; by default the last
 * complete one, or the last with records when they end earlier) with its statistic compared to the month before and the same month a year
 * before, the course over 24 months, the facilities, and the forecast of places. The
 * accommodation staff and planners also enter move-ins, move-outs, moves and capacity changes,
 * open and close facilities, read the monthly check and fetch the WoBerichtsG delivery; everyone
 * else sees the statistic after disclosure control. Example data (the demo's generator) is labelled as such.
 */
import { useQuery } from "@tanstack/react-query";
import { useSearchParams } from "react-router";
import { parseMonth } from "@core/accommodation/days.ts";
import { api, wsPath } from "../../lib/api.ts";
import { formatDateTime } from "../../lib/format.ts";
import { useAreas } from "../../lib/catalogue-queries.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useWorkspace } from "../../lib/session.tsx";
import { SelectField } from "../../ui/SelectField.tsx";
import { ErrorState, Loading } from "../../ui/states.tsx";
import {
  accommodationKeys,
  RECORD_ROLES,
  type FacilityList,
  type OccupancyStatistic,
} from "./accommodation-api.ts";
import { EntrySection } from "./EntrySection.tsx";
import { FacilitiesSection } from "./FacilitiesSection.tsx";
import { ForecastSection } from "./ForecastSection.tsx";
import { defaultMonth, formatMonth, pickerMonths, previousMonth, shiftMonth } from "./months.ts";
import { ClosingSection } from "./ClosingSection.tsx";
import { CheckSection, FederalSection } from "./RecordTools.tsx";
import { SeriesSection } from "./SeriesSection.tsx";
import { StatisticSection } from "./StatisticSection.tsx";

/** The level of the areas a facility lies in (as the demo places its facilities). */
const DISTRICT_LEVEL = "district";

/** How many months the month picker offers, ending with the last complete one. */
const PICKER_MONTHS = 48;

/** Today as an ISO day in the browser's time zone: the day an entry usually happens. */
function today(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function useStatistic(workspace: string, month: string, enabled: boolean) {
  return useQuery({
    enabled,
    queryKey: accommodationKeys.statistic(workspace, month),
    queryFn: () =>
      api<OccupancyStatistic>(wsPath("/api/accommodation/statistic", workspace, { month })),
  });
}

export function AccommodationPage() {
  const { t, locale } = useI18n();
  const { membership } = useWorkspace();
  const workspace = membership.workspace;
  const [search, setSearch] = useSearchParams();
  const now = new Date();
  const lastComplete = previousMonth(now);
  const facilities = useQuery({
    queryKey: accommodationKeys.facilities(workspace),
    queryFn: () => api<FacilityList>(wsPath("/api/accommodation/facilities", workspace)),
  });
  const span = facilities.data?.span ?? null;
  const opening = defaultMonth(lastComplete, span);
  const asked = search.get("monat");
  const month = asked !== null && parseMonth(asked) ? asked : opening;
  // Without a month in the address the page waits for the span before asking for figures.
  const ready = month === asked || facilities.data !== undefined;
  const months = {
    current: month,
    previous: shiftMonth(month, -1),
    lastYear: shiftMonth(month, -12),
  };
  const mayEnter = RECORD_ROLES.includes(membership.role);

  const areas = useAreas(workspace);
  const statistic = useStatistic(workspace, months.current, ready);
  const previous = useStatistic(workspace, months.previous, ready);
  const lastYear = useStatistic(workspace, months.lastYear, ready);

  const options = pickerMonths(lastComplete, span, PICKER_MONTHS).map((m) => ({
    value: m,
    label: formatMonth(locale, m),
  }));
  if (!options.some((o) => o.value === month)) {
    options.unshift({ value: month, label: formatMonth(locale, month) });
  }
  const meta = {
    source: t("acc.source", { workspace: membership.name }),
    date: `${t("atlas.exported")} ${formatDateTime(locale, now.toISOString())}`,
  };
  const areaNames = new Map((areas.data ?? []).map((a) => [a.code, a.name]));
  const districtName = (code: string) => areaNames.get(code) ?? code;
  const list = facilities.data?.facilities ?? [];
  const districts = (areas.data ?? [])
    .filter((a) => a.level === DISTRICT_LEVEL)
    .map((a) => ({ code: a.code, name: a.name }))
    .sort((a, b) => a.name.localeCompare(b.name, locale));

  return (
    <>
      <h1>{t("nav.accommodation")}</h1>
      <p className="intro">{t("acc.intro")}</p>
      {list.some((f) => f.example) && (
        <div className="notice acc-example" role="note">
          <p>
            <strong>{t("acc.example")}</strong>
          </p>
        </div>
      )}
      <form className="controls" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          id="acc-month"
          label={t("acc.month")}
          value={month}
          options={options}
          onChange={(m) => setSearch(m === opening ? {} : { monat: m })}
        />
      </form>

      {statistic.isPending ? (
        <Loading />
      ) : statistic.isError ? (
        <ErrorState error={statistic.error} retry={() => void statistic.refetch()} />
      ) : (
        <>
          <ClosingSection
            workspace={workspace}
            statistic={statistic.data}
            mayClose={mayEnter}
            meta={meta}
          />
          <StatisticSection
            statistic={statistic.data}
            previous={previous.data}
            lastYear={lastYear.data}
            months={months}
            meta={meta}
            workspace={workspace}
            planning={mayEnter}
          />
        </>
      )}

      {facilities.isError ? (
        <ErrorState error={facilities.error} retry={() => void facilities.refetch()} />
      ) : facilities.isPending ? (
        <Loading />
      ) : (
        <>
          <SeriesSection
            workspace={workspace}
            month={month}
            facilities={mayEnter ? list : []}
            meta={meta}
          />
          <FacilitiesSection
            workspace={workspace}
            facilities={list}
            statistic={statistic.data}
            districtName={districtName}
            meta={meta}
          />
        </>
      )}

      <ForecastSection workspace={workspace} month={month} meta={meta} />

      {mayEnter && facilities.data && (
        <>
          <EntrySection
            workspace={workspace}
            facilities={list}
            districts={districts}
            day={today(now)}
          />
          <CheckSection workspace={workspace} month={month} meta={meta} />
          <FederalSection
            workspace={workspace}
            lastYear={now.getMonth() >= 1 ? now.getFullYear() : now.getFullYear() - 1}
            meta={meta}
          />
        </>
      )}
    </>
  );
}
