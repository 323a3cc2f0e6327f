/**
 * The coordinate systems an area file may use, by EPSG code: WGS84 longitudes and latitudes,
 * ETRS89 / UTM (zones 32 and 33, also with the zone number written before the easting) and
 * DHDN / Gauß-Krüger (zones 2 to 5), the systems German cities keep their boundaries in.
 */
export const SOURCE_CRS = [
  "EPSG:4326",
  "EPSG:25832",
  "EPSG:25833",
  "EPSG:4647",
  "EPSG:5650",
  "EPSG:31466",
  "EPSG:31467",
  "EPSG:31468",
  "EPSG:31469",
] as const;

export type SourceCrs = (typeof SOURCE_CRS)[number];

/** German names of the coordinate systems, for messages and the documentation. */
export const SOURCE_CRS_NAMES: Readonly<Record<SourceCrs, string>> = {
  "EPSG:4326": "WGS84, Längen-/Breitengrade",
  "EPSG:25832": "ETRS89/UTM Zone 32",
  "EPSG:25833": "ETRS89/UTM Zone 33",
  "EPSG:4647": "ETRS89/UTM Zone 32 mit Zonenkennziffer 32 vor dem Rechtswert",
  "EPSG:5650": "ETRS89/UTM Zone 33 mit Zonenkennziffer 33 vor dem Rechtswert",
  "EPSG:31466": "DHDN/Gauß-Krüger Zone 2",
  "EPSG:31467": "DHDN/Gauß-Krüger Zone 3",
  "EPSG:31468": "DHDN/Gauß-Krüger Zone 4",
  "EPSG:31469": "DHDN/Gauß-Krüger Zone 5",
};
