/**
 * PostgreSQL schema: the SQLite schema (src/store/sqlite/schema.ts) in Postgres types, as numbered
 * migrations recorded in `dyad_schema`. Differences: ids are bigserial; flags are boolean; full-text search
 * is a tsvector column on `sentences` (GIN index) instead of an FTS5 table; code columns use the "C"
 * collation so prefix ranges ("RUS" .. "RUS\uffff") compare bytewise, as in SQLite.
 * Never edit a released migration: add the next one.
 */
import type { Migration } from '../sqlite/schema.js';

/** the text search configuration: no stemming, lower case (SQLite's unicode61 tokenizer is the closest) */
export const TS_CONFIG = 'simple';

export const PG_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'documents, sentences (+tsvector), clusters, cluster sources, events, event mentions, actors, failures',
    sql: `
CREATE TABLE documents (
  id bigserial PRIMARY KEY,
  ext_id text NOT NULL,
  source text,
  url text,
  pub_date text COLLATE "C" NOT NULL,
  text text NOT NULL,
  hash text COLLATE "C" NOT NULL UNIQUE,
  origin text,
  added_at text NOT NULL,
  n_sentences integer NOT NULL,
  n_events integer NOT NULL
);
CREATE INDEX documents_ext_id ON documents(ext_id);
CREATE INDEX documents_pub_date ON documents(pub_date);

CREATE TABLE sentences (
  id bigserial PRIMARY KEY,
  doc_id bigint NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  i integer NOT NULL,
  start integer NOT NULL,
  "end" integer NOT NULL,
  tsv tsvector NOT NULL,
  UNIQUE (doc_id, i)
);
CREATE INDEX sentences_tsv ON sentences USING gin (tsv);

CREATE TABLE clusters (
  id bigserial PRIMARY KEY,
  date text COLLATE "C" NOT NULL,
  source_code text COLLATE "C" NOT NULL,
  target_code text COLLATE "C" NOT NULL,
  cameo text COLLATE "C" NOT NULL,
  location_name text NOT NULL,
  quad_class integer NOT NULL,
  goldstein double precision NOT NULL,
  n_events integer NOT NULL DEFAULT 0,
  n_mentions integer NOT NULL DEFAULT 0,
  n_documents integer NOT NULL DEFAULT 0,
  n_sources integer NOT NULL DEFAULT 0,
  UNIQUE (date, source_code, target_code, cameo, location_name)
);

CREATE TABLE cluster_sources (
  cluster_id bigint NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
  source text NOT NULL,
  PRIMARY KEY (cluster_id, source)
);

CREATE TABLE events (
  id bigserial PRIMARY KEY,
  uid text NOT NULL,
  doc_id bigint NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  sentence integer NOT NULL,
  sentence_id bigint REFERENCES sentences(id),
  date text COLLATE "C" NOT NULL,
  date_precision text NOT NULL,
  source_text text NOT NULL,
  source_code text COLLATE "C",
  source_country text COLLATE "C",
  source_sector text,
  source_name text,
  has_target boolean NOT NULL,
  target_text text,
  target_code text COLLATE "C",
  target_country text COLLATE "C",
  target_sector text,
  target_name text,
  cameo text COLLATE "C" NOT NULL,
  cameo_root text COLLATE "C" NOT NULL,
  quad_class integer NOT NULL,
  goldstein double precision NOT NULL,
  plover_type text,
  plover_mode text,
  plover_context text NOT NULL,
  location_name text,
  location_country text,
  location_admin1 text,
  location_lat double precision,
  location_lon double precision,
  location_precision text,
  negated boolean NOT NULL,
  conditional boolean NOT NULL,
  quote boolean NOT NULL,
  speaker text,
  confidence double precision NOT NULL,
  evidence_start integer NOT NULL,
  evidence_end integer NOT NULL,
  evidence_text text NOT NULL,
  explain text,
  extra text,
  n_mentions integer NOT NULL,
  cluster_id bigint REFERENCES clusters(id)
);
CREATE INDEX events_date ON events(date, id);
CREATE INDEX events_doc ON events(doc_id);
CREATE INDEX events_source_code ON events(source_code);
CREATE INDEX events_target_code ON events(target_code);
CREATE INDEX events_cameo ON events(cameo);
CREATE INDEX events_quad_date ON events(quad_class, date);
CREATE INDEX events_cluster ON events(cluster_id);
CREATE INDEX events_plover ON events(plover_type);
CREATE INDEX events_sentence ON events(sentence_id);
CREATE INDEX events_dyad ON events(source_code, target_code, quad_class);

CREATE TABLE event_mentions (
  id bigserial PRIMARY KEY,
  event_id bigint NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  doc_id bigint NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  sentence integer NOT NULL,
  uid text NOT NULL,
  evidence_start integer NOT NULL,
  evidence_end integer NOT NULL,
  evidence_text text NOT NULL,
  confidence double precision NOT NULL
);
CREATE INDEX event_mentions_event ON event_mentions(event_id);

CREATE TABLE actors (
  code text COLLATE "C" PRIMARY KEY,
  country text,
  sector text,
  name text,
  as_source integer NOT NULL DEFAULT 0,
  as_target integer NOT NULL DEFAULT 0
);

CREATE TABLE failures (
  id bigserial PRIMARY KEY,
  origin text NOT NULL,
  hash text COLLATE "C" NOT NULL DEFAULT '',
  code text NOT NULL,
  message text NOT NULL,
  at text NOT NULL,
  UNIQUE (origin, hash)
);
CREATE INDEX failures_hash ON failures(hash);
`,
  },
  {
    version: 2,
    description: 'web sources (SQLite migration 4): per-document feed, language, title, published timestamp, date provenance, other URLs; feed poll state',
    sql: `
ALTER TABLE documents ADD COLUMN feed text;
ALTER TABLE documents ADD COLUMN language text;
ALTER TABLE documents ADD COLUMN title text;
ALTER TABLE documents ADD COLUMN published_at text;
ALTER TABLE documents ADD COLUMN date_source text;
CREATE INDEX documents_url ON documents(url);
CREATE TABLE document_urls (
  url text PRIMARY KEY,
  doc_id bigint NOT NULL REFERENCES documents(id) ON DELETE CASCADE
);
CREATE TABLE feeds (
  url text PRIMARY KEY,
  etag text,
  last_modified text,
  checked_at text,
  ok_at text,
  status text,
  error text,
  failures integer NOT NULL DEFAULT 0,
  retry_at text,
  items integer NOT NULL DEFAULT 0,
  stored integer NOT NULL DEFAULT 0
);
`,
  },
];

export const PG_SCHEMA_VERSION = PG_MIGRATIONS[PG_MIGRATIONS.length - 1].version;

/** Any constant: the advisory lock that serialises migrations when several workers start at once. */
export const MIGRATION_LOCK = 0x64796164; // "dyad"
