/**
 * The boundaries of one level, uploaded as the city has them: GeoJSON, TopoJSON, a zipped
 * Shapefile or a GeoPackage, in any of the common German coordinate systems. The file is read
 * first (its properties with example values, its coordinate system, a preview map); the
 * planner picks the code and name and the level and the date the boundaries apply from;
 * "Prüfen" names every problem with its area, "Übernehmen" writes all or nothing. An existing
 * area with a changed boundary gets a new boundary version from that date; the old one stays.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import type { FeatureCollection } from "geojson";
import type { AreaSystemDto } from "@contracts/areas.ts";
import type { BoundaryOverviewDto, ImportReportDto } from "@contracts/data-imports.ts";
import { SOURCE_CRS, SOURCE_CRS_NAMES } from "@core/areas/crs.ts";
import { mapSvgMarkup } from "@core/figures/map-svg.ts";
import { apiUpload, problemsOf, wsPath } from "../../lib/api.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { SelectField } from "../../ui/SelectField.tsx";
import { TextField } from "../../ui/TextField.tsx";
import { LEADING_NUMBER, boundaryFormat, guessProperty, numberedNames } from "./setup-view.ts";

const ACCEPT = ".geojson,.json,.topojson,.zip,.gpkg";

export function BoundaryUpload({
  workspace,
  system,
  today,
  onCommitted,
  idPrefix = "boundary",
}: {
  readonly workspace: string;
  /** Makes the fields' ids unique where a page shows several uploads. */
  readonly idPrefix?: string;
  readonly system: AreaSystemDto;
  /** The day the form offers as the start of the boundaries' validity: 1 January this year. */
  readonly today: string;
  readonly onCommitted?: (report: ImportReportDto) => void;
}) {
  const { t, locale } = useI18n();
  const client = useQueryClient();
  const below = system.levels.filter((l) => l.depth > 0);
  const [file, setFile] = useState<File | null>(null);
  const [overview, setOverview] = useState<BoundaryOverviewDto | null>(null);
  const [level, setLevel] = useState(below[0]?.code ?? system.levels[0]?.code ?? "");
  const [code, setCode] = useState("");
  const [name, setName] = useState("");
  /** The coordinate system, asked for only where the file does not name it. */
  const [crs, setCrs] = useState("auto");
  const [validFrom, setValidFrom] = useState(`${today.slice(0, 4)}-01-01`);
  /** Whether names like "03 Nordstadt" lose their number ("Nordstadt"). */
  const [stripNumber, setStripNumber] = useState(false);
  const [report, setReport] = useState<ImportReportDto | null>(null);
  const [error, setError] = useState<string | null>(null);

  /** A changed choice needs a new check before anything is written. */
  const change =
    (set: (v: string) => void) =>
    (v: string): void => {
      set(v);
      setReport(null);
    };

  const read = useMutation({
    mutationFn: async ({ f, crs: system }: { f: File; crs: string }) => {
      const data = new FormData();
      data.set("crs", system);
      data.set("file", f, f.name);
      const { body } = await apiUpload<BoundaryOverviewDto>(
        wsPath("/api/imports/boundaries/overview", workspace),
        data,
        { reportIn422: false },
      );
      return body;
    },
    onMutate: () => {
      setOverview(null);
      setReport(null);
      setError(null);
    },
    onSuccess: (o) => {
      setOverview(o);
      const guessed = guessProperty(o.properties, "name");
      setCode(guessProperty(o.properties, "code"));
      setName(guessed);
      setStripNumber(numberedNames(o.properties.find((p) => p.name === guessed)?.examples ?? []));
    },
    onError: (e) => setError(problemsOf(e).join(" ")),
  });

  const run = useMutation({
    mutationFn: async (dryRun: boolean) => {
      if (!file) throw new Error(t("setup.boundaryNoFile"));
      const data = new FormData();
      data.set(
        "mapping",
        JSON.stringify({
          kind: "areas",
          format: boundaryFormat(file.name),
          system: system.code,
          level,
          code,
          name,
          validFrom,
          crs,
          ...(stripNumber ? { namePattern: LEADING_NUMBER } : {}),
        }),
      );
      data.set("dryRun", String(dryRun));
      data.set("file", file, file.name);
      const { body } = await apiUpload<ImportReportDto>(wsPath("/api/imports", workspace), data);
      return body;
    },
    onMutate: () => {
      setReport(null);
      setError(null);
    },
    onSuccess: async (r) => {
      setReport(r);
      if (r.status === "committed") {
        // First, so a page that shows steps keeps this one open with its report.
        onCommitted?.(r);
        await client.invalidateQueries({ queryKey: ["setup", workspace] });
        await client.invalidateQueries({ queryKey: ["areas", workspace] });
      }
    },
    onError: (e) => setError(problemsOf(e).join(" ")),
  });

  const preview = useMemo(() => {
    if (!overview?.map) return null;
    const fc = overview.map as unknown as FeatureCollection;
    const withNames: FeatureCollection = {
      ...fc,
      features: fc.features.map((f) => ({
        ...f,
        properties: {
          code: String(f.properties?.[code] ?? ""),
          name: String(f.properties?.[name] ?? f.properties?.[code] ?? ""),
        },
      })),
    };
    return mapSvgMarkup(withNames, new Map(), new Set(), [], "#d7e6f2", "#1f4e79", {
      mapWidth: 480,
      maxMapHeight: 420,
      legendWidth: 0,
      legendGap: 0,
    });
  }, [overview, code, name]);

  const options = (overview?.properties ?? []).map((p) => ({
    value: p.name,
    label: p.examples.length > 0 ? `${p.name} (${p.examples.join(", ")})` : p.name,
  }));
  const ready = overview !== null && code !== "" && name !== "" && level !== "" && validFrom !== "";

  return (
    <div className="boundary-upload">
      <div className="control">
        <label htmlFor={`${idPrefix}-file`}>{t("setup.boundaryFile")}</label>
        <input
          id={`${idPrefix}-file`}
          type="file"
          accept={ACCEPT}
          aria-describedby={`${idPrefix}-file-help`}
          onChange={(e) => {
            const f = e.target.files?.[0] ?? null;
            setFile(f);
            setCrs("auto");
            if (f) read.mutate({ f, crs: "auto" });
          }}
        />
        <small id={`${idPrefix}-file-help`}>{t("setup.boundaryFileHint")}</small>
      </div>
      <div role="status" aria-live="polite">
        {read.isPending && <p>{t("setup.boundaryReading")}</p>}
        {overview && (
          <p>
            {t("setup.boundaryRead", {
              n: overview.features.toLocaleString(locale),
              crs: overview.crs ?? t("setup.boundaryCrsUnknown"),
            })}
          </p>
        )}
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {overview && overview.issues.length > 0 && (
        <ul className="issues" aria-label={t("setup.boundaryFindings")}>
          {overview.issues.map((i, n) => (
            <li key={n} className={i.severity}>
              {i.message}
            </li>
          ))}
        </ul>
      )}
      {overview && (overview.crs === null || crs !== "auto") && file && (
        <SelectField
          id={`${idPrefix}-crs`}
          label={t("setup.boundaryCrs")}
          value={crs}
          options={[
            { value: "auto", label: t("setup.choose") },
            ...SOURCE_CRS.map((c) => ({ value: c, label: `${SOURCE_CRS_NAMES[c]} (${c})` })),
          ]}
          onChange={(v) => {
            setCrs(v);
            setReport(null);
            read.mutate({ f: file, crs: v });
          }}
        />
      )}
      {overview && (
        <div className="form-grid">
          <SelectField
            id={`${idPrefix}-level`}
            label={t("setup.boundaryLevel")}
            value={level}
            options={below.map((l) => ({ value: l.code, label: l.name }))}
            onChange={change(setLevel)}
          />
          <SelectField
            id={`${idPrefix}-code`}
            label={t("setup.boundaryCode")}
            value={code}
            options={[{ value: "", label: t("setup.choose") }, ...options]}
            onChange={change(setCode)}
          />
          <SelectField
            id={`${idPrefix}-name`}
            label={t("setup.boundaryName")}
            value={name}
            options={[{ value: "", label: t("setup.choose") }, ...options]}
            onChange={change(setName)}
          />
          <TextField
            id={`${idPrefix}-valid-from`}
            label={t("setup.boundaryValidFrom")}
            hint={t("setup.boundaryValidFromHint")}
            type="date"
            value={validFrom}
            onChange={change(setValidFrom)}
            size="narrow"
          />
        </div>
      )}
      {overview && (
        <div className="control checkbox">
          <label>
            <input
              type="checkbox"
              checked={stripNumber}
              onChange={(e) => {
                setStripNumber(e.target.checked);
                setReport(null);
              }}
            />{" "}
            {t("setup.boundaryStripNumber")}
          </label>
        </div>
      )}
      {preview && (
        <figure className="boundary-preview">
          <svg
            role="img"
            aria-label={t("setup.boundaryPreview", { n: String(overview?.features ?? 0) })}
            viewBox={`0 0 ${preview.width} ${preview.height}`}
            width={preview.width}
            height={preview.height}
            dangerouslySetInnerHTML={{ __html: preview.markup }}
          />
          <figcaption>{t("setup.boundaryPreviewCaption")}</figcaption>
        </figure>
      )}
      {overview && (
        <div className="buttons">
          <button type="button" disabled={!ready || run.isPending} onClick={() => run.mutate(true)}>
            {t("setup.boundaryCheck")}
          </button>
          <button
            type="button"
            className="primary"
            disabled={
              !ready || run.isPending || report?.status !== "checked" || report.counts.errors > 0
            }
            onClick={() => run.mutate(false)}
          >
            {t("setup.boundaryCommit")}
          </button>
        </div>
      )}
      {overview && report?.status !== "checked" && report?.status !== "committed" && (
        <p className="hint">{t("setup.boundaryCheckFirst")}</p>
      )}
      {report && (
        <section aria-labelledby={`${idPrefix}-report-title`} className="boundary-report">
          <h3 id={`${idPrefix}-report-title`}>
            {report.status === "committed"
              ? t("setup.boundaryCommitted", { n: String(report.summary["areas"] ?? 0) })
              : report.counts.errors > 0
                ? t("setup.boundaryRefused", { n: String(report.counts.errors) })
                : t("setup.boundaryChecked", { n: String(report.summary["areas"] ?? 0) })}
          </h3>
          {report.issues.length > 0 && (
            <ul className="issues">
              {report.issues.map((i, n) => (
                <li key={n} className={i.severity}>
                  {i.message}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}
