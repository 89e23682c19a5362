/**
 * SQLite schema, as numbered migrations. `PRAGMA user_version` holds the version a file is at; opening
 * runs every later migration in one transaction. Never edit a released migration: add the next one.
 */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'documents, sentences (+FTS5), events, event mentions, clusters, actors, failures',
    sql: `
CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  ext_id TEXT NOT NULL,
  source TEXT,
  url TEXT,
  pub_date TEXT NOT NULL,
  text TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE,
  origin TEXT,
  added_at TEXT NOT NULL,
  n_sentences INTEGER NOT NULL,
  n_events INTEGER NOT NULL
);
CREATE INDEX documents_ext_id ON documents(ext_id);
CREATE INDEX documents_pub_date ON documents(pub_date);

CREATE TABLE sentences (
  id INTEGER PRIMARY KEY,
  doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  i INTEGER NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  UNIQUE (doc_id, i)
);
-- contentless: the text lives once, in documents.text; rowid = sentences.id
CREATE VIRTUAL TABLE sentences_fts USING fts5(text, content='', contentless_delete=1,
  tokenize='unicode61 remove_diacritics 2');

CREATE TABLE clusters (
  id INTEGER PRIMARY KEY,
  date TEXT NOT NULL,
  source_code TEXT NOT NULL,
  target_code TEXT NOT NULL,
  cameo TEXT NOT NULL,
  location_name TEXT NOT NULL,
  quad_class INTEGER NOT NULL,
  goldstein REAL NOT NULL,
  n_events INTEGER NOT NULL DEFAULT 0,
  n_mentions INTEGER NOT NULL DEFAULT 0,
  n_documents INTEGER NOT NULL DEFAULT 0,
  n_sources INTEGER NOT NULL DEFAULT 0,
  UNIQUE (date, source_code, target_code, cameo, location_name)
);

CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL,
  doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  sentence INTEGER NOT NULL,
  sentence_id INTEGER REFERENCES sentences(id),
  date TEXT NOT NULL,
  date_precision TEXT NOT NULL,
  source_text TEXT NOT NULL,
  source_code TEXT,
  source_country TEXT,
  source_sector TEXT,
  source_name TEXT,
  has_target INTEGER NOT NULL,
  target_text TEXT,
  target_code TEXT,
  target_country TEXT,
  target_sector TEXT,
  target_name TEXT,
  cameo TEXT NOT NULL,
  cameo_root TEXT NOT NULL,
  quad_class INTEGER NOT NULL,
  goldstein REAL NOT NULL,
  plover_type TEXT,
  plover_mode TEXT,
  plover_context TEXT NOT NULL,
  location_name TEXT,
  location_country TEXT,
  location_admin1 TEXT,
  location_lat REAL,
  location_lon REAL,
  location_precision TEXT,
  negated INTEGER NOT NULL,
  conditional INTEGER NOT NULL,
  quote INTEGER NOT NULL,
  speaker TEXT,
  confidence REAL NOT NULL,
  evidence_start INTEGER NOT NULL,
  evidence_end INTEGER NOT NULL,
  evidence_text TEXT NOT NULL,
  explain TEXT,
  extra TEXT,
  n_mentions INTEGER NOT NULL,
  cluster_id INTEGER REFERENCES clusters(id)
);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_doc ON events(doc_id);
CREATE INDEX events_source_code ON events(source_code);
CREATE INDEX events_target_code ON events(target_code);
CREATE INDEX events_cameo ON events(cameo);
CREATE INDEX events_quad_date ON events(quad_class, date);
CREATE INDEX events_cluster ON events(cluster_id);
CREATE INDEX events_plover ON events(plover_type);
CREATE INDEX events_sentence ON events(sentence_id);

CREATE TABLE event_mentions (
  id INTEGER PRIMARY KEY,
  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  sentence INTEGER NOT NULL,
  uid TEXT NOT NULL,
  evidence_start INTEGER NOT NULL,
  evidence_end INTEGER NOT NULL,
  evidence_text TEXT NOT NULL,
  confidence REAL NOT NULL
);
CREATE INDEX event_mentions_event ON event_mentions(event_id);

CREATE TABLE actors (
  code TEXT PRIMARY KEY,
  country TEXT,
  sector TEXT,
  name TEXT,
  as_source INTEGER NOT NULL DEFAULT 0,
  as_target INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE failures (
  id INTEGER PRIMARY KEY,
  origin TEXT NOT NULL,
  hash TEXT NOT NULL DEFAULT '',
  code TEXT NOT NULL,
  message TEXT NOT NULL,
  at TEXT NOT NULL,
  UNIQUE (origin, hash)
);
CREATE INDEX failures_hash ON failures(hash);
`,
  },
  {
    version: 2,
    description: 'covering index for the actor network (source, target, quad class)',
    sql: `CREATE INDEX events_dyad ON events(source_code, target_code, quad_class);`,
  },
  {
    version: 3,
    description: 'cluster_sources: distinct publishers per cluster, so counts update incrementally',
    sql: `
CREATE TABLE cluster_sources (
  cluster_id INTEGER NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
  source TEXT NOT NULL,
  PRIMARY KEY (cluster_id, source)
) WITHOUT ROWID;
INSERT OR IGNORE INTO cluster_sources (cluster_id, source)
  SELECT DISTINCT e.cluster_id, d.source FROM events e JOIN documents d ON d.id = e.doc_id
  WHERE e.cluster_id IS NOT NULL AND d.source IS NOT NULL AND d.source <> '';
`,
  },
  {
    version: 4,
    description: 'web sources: per-document feed, language, title, published timestamp, date provenance, other URLs; feed poll state',
    sql: `
ALTER TABLE documents ADD COLUMN feed TEXT;
ALTER TABLE documents ADD COLUMN language TEXT;
ALTER TABLE documents ADD COLUMN title TEXT;
ALTER TABLE documents ADD COLUMN published_at TEXT;
ALTER TABLE documents ADD COLUMN date_source TEXT;
CREATE INDEX documents_url ON documents(url);
-- other URLs under which a stored text was seen (a syndicated copy): known, never fetched again
CREATE TABLE document_urls (
  url TEXT PRIMARY KEY,
  doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE feeds (
  url TEXT PRIMARY KEY,
  etag TEXT,
  last_modified TEXT,
  checked_at TEXT,
  ok_at TEXT,
  status TEXT,
  error TEXT,
  failures INTEGER NOT NULL DEFAULT 0,
  retry_at TEXT,
  items INTEGER NOT NULL DEFAULT 0,
  stored INTEGER NOT NULL DEFAULT 0
);
`,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
