/**
 * Column lists of the event data sets dyad exports to (docs/exports.md says where each list comes from and
 * how every column is filled). Fields dyad cannot fill stay empty.
 */

const gdeltActor = (n: 1 | 2) => [
  `Actor${n}Code`, `Actor${n}Name`, `Actor${n}CountryCode`, `Actor${n}KnownGroupCode`, `Actor${n}EthnicCode`,
  `Actor${n}Religion1Code`, `Actor${n}Religion2Code`, `Actor${n}Type1Code`, `Actor${n}Type2Code`, `Actor${n}Type3Code`,
];
const gdeltGeo = (p: string) => [
  `${p}_Type`, `${p}_FullName`, `${p}_CountryCode`, `${p}_ADM1Code`, `${p}_ADM2Code`, `${p}_Lat`, `${p}_Long`, `${p}_FeatureID`,
];

/** GDELT 2.0 event table ("export" files): 61 tab-separated columns, no header row. */
export const GDELT_COLUMNS: readonly string[] = [
  'GLOBALEVENTID', 'SQLDATE', 'MonthYear', 'Year', 'FractionDate',
  ...gdeltActor(1), ...gdeltActor(2),
  'IsRootEvent', 'EventCode', 'EventBaseCode', 'EventRootCode', 'QuadClass', 'GoldsteinScale',
  'NumMentions', 'NumSources', 'NumArticles', 'AvgTone',
  ...gdeltGeo('Actor1Geo'), ...gdeltGeo('Actor2Geo'), ...gdeltGeo('ActionGeo'),
  'DATEADDED', 'SOURCEURL',
];

/** ICEWS coded event data (Harvard Dataverse .tab files): 20 tab-separated columns with a header row. */
export const ICEWS_COLUMNS: readonly string[] = [
  'Event ID', 'Event Date', 'Source Name', 'Source Sectors', 'Source Country', 'Event Text', 'CAMEO Code', 'Intensity',
  'Target Name', 'Target Sectors', 'Target Country', 'Story ID', 'Sentence Number', 'Publisher',
  'City', 'District', 'Province', 'Country', 'Latitude', 'Longitude',
];

/** Phoenix daily event files (Open Event Data Alliance): 26 tab-separated columns, no header row. */
export const PHOENIX_COLUMNS: readonly string[] = [
  'EventID', 'Date', 'Year', 'Month', 'Day',
  'SourceActorFull', 'SourceActorEntity', 'SourceActorRole', 'SourceActorAttribute',
  'TargetActorFull', 'TargetActorEntity', 'TargetActorRole', 'TargetActorAttribute',
  'EventCode', 'EventRootCode', 'PentaClass', 'GoldsteinScore', 'Issues',
  'Lat', 'Lon', 'LocationName', 'StateName', 'CountryCode', 'SentenceID', 'URLs', 'NewsSources',
];

/** POLECAT (PLOVER-coded successor of ICEWS) weekly files: 40 tab-separated columns with a header row. */
export const POLECAT_COLUMNS: readonly string[] = [
  'Event ID', 'Event Date', 'Event Type', 'Event Mode', 'Intensity', 'Quad Code', 'Contexts',
  'Actor Name', 'Actor Country', 'Actor COW', 'Primary Actor Sector', 'Actor Sectors', 'Actor Title', 'Actor Name Raw',
  'Wikipedia Actor ID',
  'Recipient Name', 'Recipient Country', 'Recipient COW', 'Primary Recipient Sector', 'Recipient Sectors',
  'Recipient Title', 'Recipient Name Raw', 'Wikipedia Recipient ID',
  'Placename', 'City', 'District', 'Province', 'Country', 'Latitude', 'Longitude', 'GeoNames ID', 'Raw Placename',
  'Feature Type', 'Source', 'Publication Date', 'Story People', 'Story Organizations', 'Story Locations',
  'Language', 'Version',
];

export type ExportFormat = 'jsonl' | 'csv' | 'gdelt' | 'icews' | 'phoenix' | 'polecat';

export interface FormatInfo {
  /** one row per event (in-article dedup) or per cluster (cross-article dedup, like GDELT and Phoenix) */
  unit: 'event' | 'cluster';
  /** header row written by default */
  header: boolean;
  columns: readonly string[] | null;
}

export const FORMATS: Record<ExportFormat, FormatInfo> = {
  jsonl: { unit: 'event', header: false, columns: null },
  csv: { unit: 'event', header: true, columns: null },
  gdelt: { unit: 'cluster', header: false, columns: GDELT_COLUMNS },
  icews: { unit: 'event', header: true, columns: ICEWS_COLUMNS },
  phoenix: { unit: 'cluster', header: false, columns: PHOENIX_COLUMNS },
  polecat: { unit: 'event', header: true, columns: POLECAT_COLUMNS },
};
