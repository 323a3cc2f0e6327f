/** The help texts of `sopla` and of `sopla index compute`, in German. */
import { VERSION } from "./version.ts";

/** The options of `sopla index compute`, in the overall help and in the command's own. */
const INDEX_OPTIONS = `      --definition <Pfad> die Indexdefinition (JSON, siehe docs/methods/social-index.md)
      --input <Pfad>      Werte je Gebiet (CSV: Gebiet, Einwohner, eine Spalte je Indikator)
      --output <Pfad>     das Ergebnis (CSV, eine Zeile je Gebiet)
      --area-column <Spalte>
                          die Spalte mit dem Gebietsschlüssel, z. B. id (Standard: eine von
                          area, gebiet, gebietsschlüssel, code, plr_id)
      --population-column <Spalte>
                          die Spalte mit der Einwohnerzahl, z. B. inhabitants (Standard: eine
                          von population, einwohner, ew)
      --na=<Text>         weiterer Text für „kein Wert“, z. B. --na=-9999 (mehrfach möglich)
      --intl              Ergebnis mit Komma und Dezimalpunkt statt Semikolon und Dezimalkomma`;

export const INDEX_HELP = `Aufruf: sopla index compute --definition <Pfad> --input <Pfad> --output <Pfad> [Optionen]

Berechnet einen Sozialindex aus einer CSV-Tabelle, ohne Datenbank: Standardisierung,
Status- und Dynamikindex, Klassen und Matrixgruppe je Gebiet (docs/methods/social-index.md).

Optionen:
${INDEX_OPTIONS}

Abgelehnt wird, ohne dass eine Datei entsteht: eine fehlerhafte Definition, eine Zelle, die
keine Zahl ist, ein doppeltes Gebiet, eine fehlende Spalte und ein Ausschluss der Definition,
dessen Gebiet nicht in der Tabelle steht (etwa weil eine führende Null verloren ging).

Beispiel (eine veröffentlichte Tabelle mit den Spalten id und inhabitants):
  sopla index compute --definition mss-2021.json --input plr.csv \\
    --area-column id --population-column inhabitants --na=-9999 --output ergebnis.csv

Exit-Codes: 0 erfolgreich, 1 abgelehnt oder Fehler, 2 falscher Aufruf.`;

export const HELP = `Sopla ${VERSION} – Plattform für kommunale Sozialplanung

Aufruf: sopla <Befehl> [Optionen]

Befehle:
  serve                 Startet Web-App und API (Standard: http://localhost:3000).
                        Legt beim ersten Start die Datenbank an und lädt die Demodaten.
  migrate               Bringt das Datenbankschema auf den neuesten Stand.
  demo                  Lädt den Demo-Arbeitsbereich „Flensburg (Sozialatlas 2022)“.
  import                Importiert eine Datei (CSV, XLSX, GeoJSON, TopoJSON) mit einer Zuordnungsdatei.
      --file <Pfad>       die Datei
      --mapping <Pfad>    die Zuordnung (JSON, siehe docs/import-mapping.md)
      --workspace <slug>  der Arbeitsbereich (entfällt, wenn es nur einen gibt)
      --dry-run           nur prüfen, nichts schreiben
      --label <Text>      Bezeichnung im Importverlauf
      --json              den vollständigen Bericht als JSON ausgeben
  catalogue apply       Legt Gebietsgliederungen, Merkmale und Indikatoren aus einer Katalogdatei an.
      --file <Pfad>       (Format: docs/catalogue.md)
  catalogue export      Schreibt den ganzen Katalog eines Arbeitsbereichs als Katalogdatei.
      [--workspace <slug>] [--file <Pfad>]   ohne --file auf die Standardausgabe
  catalogue schema      Gibt das JSON Schema der Katalogdatei aus.
  crosswalk import      Speichert eine Umschlüsselung alter auf neue Gebiete aus einer CSV-Datei
                        (Spalten altes Gebiet, neues Gebiet, Gewicht; alles oder nichts).
      --file <Pfad> --code <Kürzel> --name <Name> --basis areal|population
      --valid-from <JJJJ-MM-TT>   Tag der Gebietsreform
      [--source <Text>] [--workspace <slug>]
      [--old-column <Name>] [--new-column <Name>] [--weight-column <Name>]
                          Spaltennamen, wenn sie nicht alt/neu/gewicht (old/new/weight) heißen
  crosswalk apply       Überträgt die Werte aller summierbaren Merkmale vor dem Tag der Reform
                        auf die neuen Gebiete (geschätzt: Zeichen s; Methode: docs/methods/crosswalk.md).
      --code <Kürzel> [--workspace <slug>] [--json]
  crosswalk list        Listet die Umschlüsselungen. [--workspace <slug>]
  workspaces            Listet die Arbeitsbereiche.
  user add              Legt ein Konto an und gibt ein Einmalpasswort aus.
      --email <Adresse> --name <Name> --role <Rolle> [--workspace <slug>]
  user list [--workspace <slug>]
                        Listet Konten mit ihren Rollen.
  user set-role         Gibt einem Konto eine Rolle in einem Arbeitsbereich.
      --email <Adresse> --role <Rolle> [--workspace <slug>]
  user reset-password   Setzt ein neues Einmalpasswort und beendet die Sitzungen des Kontos.
      --email <Adresse>
  user disable | enable Sperrt ein Konto (Sitzungen enden) oder gibt es wieder frei.
      --email <Adresse>
  user installation-admin
                        Macht ein Konto zur Installationsverwaltung (verwaltet Konten aller
                        Arbeitsbereiche, siehe docs/adr/0007-separation-of-duties.md).
      --email <Adresse> [--remove]   --remove nimmt das Recht wieder weg
                        Rollen: admin, planner, contributor, occupancy, viewer.
  index compute         Berechnet einen Sozialindex aus einer CSV-Tabelle, ohne Datenbank.
${INDEX_OPTIONS}
  classify              Teilt eine Spalte einer CSV-Tabelle in Klassen wie der Atlas, ohne Datenbank;
                        das Ergebnis ist die Tabelle mit einer Spalte mehr (Klasse 1 = niedrigste Werte).
      --input <Pfad>      die Tabelle (CSV; Trennzeichen, Kodierung und Dezimalkomma werden erkannt)
      --column <Name>     die Spalte mit den Werten
      --method <Methode>  quantile, equal_interval, natural_breaks, std_dev oder manual
      --classes <Zahl>    1 bis 12 (bei manual und std_dev mit --breaks: folgt aus den Grenzen)
      --breaks=<Grenzen>  bei manual die Grenzen, bei std_dev Grenzen in Standardabweichungen,
                          mit Semikolon getrennt, z. B. --breaks="-1;1;1,5"
      --group <Name>      jede Gruppe (z. B. jedes Jahr) für sich klassifizieren
      --output <Pfad>     das Ergebnis (CSV)
      --class-column <Name>  Name der neuen Spalte (Standard: <Spalte>_klasse)
      --na=<Text>         weiterer Text für „kein Wert“, z. B. --na=-9999 (mehrfach möglich)
  controlling assess    Rechnet die veröffentlichten Wettersymbole der Deutschen Nachhaltigkeits-
                        strategie aus den Zeitreihen nach (ohne Datenbank) und nennt die
                        Übereinstimmung je Bewertungsjahr (Methode: docs/methods/dns-weather-symbols.md).
      --dns <Ordner>      Ordner mit data/indicator_*.csv und meta/*.md (Open-SDG-Aufbau)
      --output <Pfad>     jede Bewertung mit beiden Symbolen und der Begründung (CSV)
  report render         Erstellt einen Bericht aus den aktuellen Daten (für geplante Läufe).
      --template <Code|Pfad.json>  die Vorlage (sozialbericht, halbjahresbericht,
                          monatsbericht-unterkuenfte, gebietsprofil,
                          controllingbericht oder eine eigene)
      --period <Zeitraum> 2021, 2026-H1 oder 2026-10, je nach Vorlage
      --format <Format>   pdf, docx, xlsx oder html
      --output <Pfad>     die Datei; sie entsteht ganz oder gar nicht
      --area <Gebiet>     bei einem Gebietsprofil; ohne: alle Gebiete in einer Datei
      --workspace <slug>
  accommodation purge [--workspace <slug>]
                        Löscht Aufenthalte, die länger als die Aufbewahrungsfrist (Standard
                        36 Monate nach Auszug) zurückliegen; die Monatsstatistik bleibt.
  backup <Datei> [--workspace <slug>]
                        Sichert die ganze Installation (oder einen Arbeitsbereich) in eine Datei
                        (gzip-komprimiertes NDJSON). Anmeldesitzungen werden nicht gesichert.
  restore <Datei>       Stellt eine Sicherung in einer leeren Datenbank wieder her (PGlite oder
                        PostgreSQL); eine nicht leere Datenbank bleibt unverändert.

Umgebung:
  DATABASE_URL          PostgreSQL-Server (15 oder neuer); ohne: eingebettete Datenbank (PGlite)
  SOPLA_DATA_DIR        Datenordner der eingebetteten Datenbank (Standard: ./.sopla)
  PORT, HOST            Adresse des Servers (Standard: 3000, 127.0.0.1)
  SOPLA_MAX_UPLOAD_MB   größte Importdatei in MB (Standard: 64)
  SOPLA_DEMO=off        beim ersten Start keine Demodaten (und keine Demokonten) laden
  SOPLA_ADMIN_EMAIL     Anmeldename des ersten Administrationskontos (Standard: admin@sopla.localhost)
  SOPLA_TRUST_PROXY     Adressen der vorgeschalteten Proxys (z. B. 127.0.0.1), deren
                        X-Forwarded-For/-Proto gelten; ohne: keinem Proxy vertrauen

Solange „sopla serve“ mit der eingebetteten Datenbank läuft, öffnet nur der Server sie:
user, workspaces und backup führt er selbst aus (über control.sock im Datenordner), die
anderen Befehle werden abgelehnt (Sperrdatei pgdata.lock im Datenordner).

Exit-Codes: 0 erfolgreich, 1 abgelehnt oder Fehler, 2 falscher Aufruf.`;
