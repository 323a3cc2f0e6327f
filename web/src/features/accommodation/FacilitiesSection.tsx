/**
 * The facilities: type, operator, district (the area they lie in; facilities have no
 * coordinates, so a table by district instead of a point map), places and persons on the
 * chosen month's reference date, features; and the places summed per district.
 */
import { useI18n } from "../../lib/i18n.tsx";
import type { Facility, OccupancyStatistic } from "./accommodation-api.ts";
import { formatDay } from "./months.ts";
import type { TableMeta } from "./statistic-tables.ts";
import { facilityListTable, placesOn } from "./list-tables.ts";
import { TableFigure } from "./TableFigure.tsx";

export function FacilitiesSection(props: {
  readonly workspace: string;
  readonly facilities: readonly Facility[];
  readonly statistic: OccupancyStatistic | undefined;
  readonly districtName: (code: string) => string;
  readonly meta: Omit<TableMeta, "title">;
}) {
  const { t, locale } = useI18n();
  const day = props.statistic?.referenceDate ?? "";
  const date = day ? formatDay(locale, day) : "";
  const table = facilityListTable(
    {
      ...props.meta,
      title: t(
        props.statistic?.disclosureControl === false
          ? "acc.facilitiesCaption"
          : "acc.facilitiesCaptionPlaces",
        { date },
      ),
    },
    t,
    props.facilities,
    props.statistic,
    props.districtName,
  );
  const byDistrict = new Map<string, { places: number; facilities: number }>();
  for (const f of props.facilities) {
    const key = f.areaCode === null ? "–" : props.districtName(f.areaCode);
    const row = byDistrict.get(key) ?? { places: 0, facilities: 0 };
    const places = placesOn(f, day);
    if (places === 0) continue;
    byDistrict.set(key, { places: row.places + places, facilities: row.facilities + 1 });
  }
  const districtTable = {
    ...props.meta,
    title: `${t("acc.byDistrict")}, ${date}`,
    columns: [
      { label: t("acc.district") },
      { label: t("acc.facilities"), decimals: 0 },
      { label: t("acc.places"), decimals: 0 },
    ],
    rows: [...byDistrict.entries()]
      .sort((a, b) => a[0].localeCompare(b[0], locale))
      .map(([name, v]) => [name, v.facilities, v.places]),
  };
  return (
    <section aria-labelledby="acc-facilities-title">
      <h2 id="acc-facilities-title">{t("acc.facilities")}</h2>
      <TableFigure
        id="acc-facility-list"
        table={table}
        caption={table.title}
        name={[props.workspace, "unterkuenfte", "liste", props.statistic?.month]}
      />
      <TableFigure
        id="acc-by-district"
        heading={t("acc.byDistrict")}
        table={districtTable}
        caption={districtTable.title}
        name={[props.workspace, "unterkuenfte", "stadtteile", props.statistic?.month]}
      />
    </section>
  );
}
