/**
 * The storage interface behind `dyad ingest`, `dyad export` and `dyad serve`.
 * The embedded default is SQLite (src/store/sqlite/); another backend (PostgreSQL) implements the same
 * interface. The store depends only on core types: coding happens before, in the CLI.
 */
import type { Event, Evidence } from '../core/event.js';

/** One article as it enters the store. */
export interface DocumentInput {
  /** the id the input gave (file name or JSONL "id"); not necessarily unique */
  extId: string;
  source: string | null;
  url: string | null;
  /** publication date YYYY-MM-DD */
  date: string;
  text: string;
  /** sha256 of the text, hex: the resume and dedup key */
  hash: string;
  /** where it came from: "folder/file.txt" or "file.jsonl:12" */
  origin: string;
  /** web provenance, for articles fetched from the web (dyad watch, dyad ingest URL) */
  meta?: DocumentMeta;
}

/** Where a web article came from (the outlet is the document's `source`, the page its `url`). */
export interface DocumentMeta {
  /** the feed the article was found in; null for a page given directly */
  feed: string | null;
  /** language of the page or feed, a lower-case primary tag ("en") */
  language: string | null;
  title: string | null;
  /** the publication time as the metadata gave it (ISO 8601 when it could be read) */
  publishedAt: string | null;
  /** where the publication date came from: meta, json-ld, feed, time, or default (the --date/today) */
  dateSource: string | null;
}

/** The poll state of one feed: conditional GET validators and the last outcome. */
export interface FeedState {
  url: string;
  etag: string | null;
  lastModified: string | null;
  /** ISO times of the last poll and of the last successful one */
  checkedAt: string | null;
  okAt: string | null;
  /** last outcome: an HTTP status ("200", "304") or an error code (E_FETCH...) */
  status: string | null;
  error: string | null;
  /** consecutive failed polls */
  failures: number;
  /** do not poll before this ISO time (backoff after failures, Retry-After) */
  retryAt: string | null;
  /** items seen in the feed at the last successful poll, and articles stored from it in all */
  items: number;
  stored: number;
}

export interface SentenceInput {
  i: number;
  /** character range in the document text */
  start: number;
  end: number;
}

/** One place in the article where an event is reported. */
export interface MentionInput {
  sentence: number;
  evidence: Evidence;
  confidence: number;
  /** the coder's event id of this mention */
  uid: string;
}

/** An event after the within-article collapse: the first mention's fields, plus every mention. */
export interface CodedEventInput {
  event: Event;
  mentions: MentionInput[];
}

export interface CodedDocument {
  doc: DocumentInput;
  sentences: SentenceInput[];
  events: CodedEventInput[];
}

/** A document (or input) that could not be coded; recorded and skipped. */
export interface FailureInput {
  origin: string;
  /** sha256 of the text when there was a text; '' otherwise */
  hash: string;
  code: string;
  message: string;
}

export interface FailureRecord extends FailureInput {
  id: number;
  at: string;
}

/** Filters shared by event, actor, network, timeline, cluster queries and exports. */
export interface EventFilter {
  /** event date range, inclusive, YYYY-MM-DD */
  from?: string;
  to?: string;
  /** actor code prefix, source or target ("RUS" matches RUS and RUSMIL) */
  actor?: string;
  /** actor country (ISO3/CAMEO), source or target */
  country?: string;
  /** CAMEO code prefix ("19" matches 190, 193...) */
  cameo?: string;
  /** CAMEO root, two digits */
  cameoRoot?: string;
  /** PLOVER event type (ASSAULT, PROTEST...) */
  plover?: string;
  quad?: 1 | 2 | 3 | 4;
  /** full-text search over the event's sentence */
  q?: string;
  /** only events with a location */
  located?: boolean;
  limit?: number;
  offset?: number;
}

export interface StoreRef {
  /** row id of the event in the store (stable within one store) */
  id: number;
  /** row id of the document */
  doc: number;
  cluster: number | null;
  /** how many times the article reports this event */
  mentions: number;
  /** the article's source (publisher, outlet) */
  source?: string | null;
}

/** A public event plus where it lives in the store. */
export type StoredEvent = Event & { store: StoreRef };

export interface StoredMention {
  id: number;
  event: number;
  sentence: number;
  uid: string;
  evidence: Evidence;
  confidence: number;
}

export interface StoredDocument {
  id: number;
  ext_id: string;
  source: string | null;
  url: string | null;
  date: string;
  hash: string;
  origin: string | null;
  added_at: string;
  sentences: number;
  events: number;
  text?: string;
  /** web provenance (DocumentMeta), null for files */
  feed?: string | null;
  language?: string | null;
  title?: string | null;
  published_at?: string | null;
  date_source?: string | null;
}

export interface Page<T> {
  total: number;
  limit: number;
  offset: number;
  items: T[];
}

/** The fields two events must share to be merged into one cluster (same day, across articles). */
export interface ClusterKey {
  date: string;
  source: string | null;
  target: string | null;
  cameo: string;
  location: string | null;
}

export interface Cluster {
  id: number;
  key: ClusterKey;
  /** which key fields every member shares: the explanation of the merge */
  merged_on: string[];
  quad_class: 1 | 2 | 3 | 4;
  goldstein: number;
  /** member events (one per article) */
  events: number;
  /** all mentions of the member events */
  mentions: number;
  documents: number;
  /** distinct non-empty document sources (publishers) */
  sources: number;
  /** member event ids (store ids), oldest first; capped at 100 in listings */
  members: number[];
  /** the first member, in full */
  representative: StoredEvent | null;
}

export interface EventDetail {
  event: StoredEvent;
  mentions: StoredMention[];
  document: StoredDocument & { text: string };
  cluster: Omit<Cluster, 'representative'> | null;
}

export interface ActorSummary {
  code: string;
  country: string | null;
  sector: string | null;
  name: string | null;
  as_source: number;
  as_target: number;
  events: number;
}

export interface NetworkNode {
  id: string;
  label: string;
  country: string | null;
  sector: string | null;
  events: number;
}

export interface NetworkEdge {
  source: string;
  target: string;
  quad_class: 1 | 2 | 3 | 4;
  weight: number;
}

export interface Network {
  nodes: NetworkNode[];
  edges: NetworkEdge[];
}

export interface TimelinePoint {
  date: string;
  /** counts per quad class 1..4 */
  q1: number;
  q2: number;
  q3: number;
  q4: number;
  total: number;
}

/** The few fields of an event the conflict-system analysis needs (src/system/), read without the full row. */
export interface DyadEventRow {
  /** store id of the event */
  id: number;
  date: string;
  source_code: string;
  source_country: string | null;
  source_sector: string | null;
  target_code: string;
  target_country: string | null;
  target_sector: string | null;
  cameo: string;
  quad_class: 1 | 2 | 3 | 4;
  goldstein: number;
  plover_type: string | null;
  location_country: string | null;
  cluster: number | null;
}

/** What names a stored event as evidence: its coder id, document input id and evidence text. */
export interface EventRef {
  uid: string;
  doc: string;
  text: string;
}

export interface StoreStats {
  schema_version: number;
  documents: number;
  sentences: number;
  events: number;
  mentions: number;
  clusters: number;
  actors: number;
  failures: number;
  located_events: number;
  first_date: string | null;
  last_date: string | null;
}

/** What a write did: the hashes of the documents it stored (texts already in the store are skipped). */
export interface WriteResult {
  stored: string[];
}

export interface EventStore {
  /** file path or connection string */
  readonly location: string;
  schemaVersion(): number;
  /** which of these text hashes are already stored as documents */
  storedHashes(hashes: string[]): Set<string>;
  /** which of these text hashes have a recorded failure, with its error code */
  failedHashes(hashes: string[]): Map<string, string>;
  /** which of these URLs are known: a document's url, or another URL its text was seen under (addUrls) */
  storedUrls(urls: string[]): Set<string>;
  /** remember that the stored document with this text hash was also seen under this URL */
  addUrls(entries: { url: string; hash: string }[]): void;
  /** which of these origins (file paths, URLs) have a recorded failure, with its error code */
  failedOrigins(origins: string[]): Map<string, string>;
  /** a feed's poll state, or null before its first poll */
  feedState(url: string): FeedState | null;
  saveFeedState(state: FeedState): void;
  /** every feed polled so far, by url */
  feeds(): FeedState[];
  /** write coded documents and failures in one transaction; all or nothing. A stored document clears a
   *  failure recorded earlier for the same text (or, for a web article, the same URL). A text already stored
   *  is skipped (insert-if-absent by hash). */
  write(docs: CodedDocument[], failures: FailureInput[]): WriteResult;
  events(filter: EventFilter): Page<StoredEvent>;
  /** every matching event, oldest first, without paging (exports) */
  eachEvent(filter: EventFilter): Iterable<StoredEvent>;
  /** events with both a source and a target code (not negated), in store order: the conflict-system input */
  eachDyadEvent(filter: EventFilter): Iterable<DyadEventRow>;
  /** coder id, document and evidence text of these events (store ids) */
  eventRefs(ids: number[]): Map<number, EventRef>;
  event(id: number): EventDetail | null;
  /** a document's metadata, and its text unless withText is false */
  document(id: number, withText?: boolean): StoredDocument | null;
  actors(filter: EventFilter & { search?: string }): ActorSummary[];
  network(filter: EventFilter): Network;
  timeline(filter: EventFilter): TimelinePoint[];
  clusters(filter: EventFilter & { minEvents?: number }): Page<Cluster>;
  eachCluster(filter: EventFilter): Iterable<Cluster>;
  /** the documents of a cluster's member events, oldest first (no text) */
  clusterDocuments(clusterId: number): StoredDocument[];
  failures(limit: number): FailureRecord[];
  stats(): StoreStats;
  /** 'ok' when the store is sound */
  integrityCheck(): string;
  close(): void;
}

/**
 * The same interface, asynchronous: the PostgreSQL store (src/store/postgres/) implements it, and
 * `asyncStore()` (src/store/async.ts) wraps the synchronous SQLite store in it. Commands that can run on
 * either backend (ingest, worker, export, serve, queue status) use this one; everything else keeps the
 * synchronous EventStore.
 */
export interface AsyncEventStore {
  readonly location: string;
  /** 'sqlite' or 'postgres' */
  readonly kind: string;
  schemaVersion(): Promise<number>;
  storedHashes(hashes: string[]): Promise<Set<string>>;
  failedHashes(hashes: string[]): Promise<Map<string, string>>;
  storedUrls(urls: string[]): Promise<Set<string>>;
  addUrls(entries: { url: string; hash: string }[]): Promise<void>;
  failedOrigins(origins: string[]): Promise<Map<string, string>>;
  feedState(url: string): Promise<FeedState | null>;
  saveFeedState(state: FeedState): Promise<void>;
  feeds(): Promise<FeedState[]>;
  write(docs: CodedDocument[], failures: FailureInput[]): Promise<WriteResult>;
  events(filter: EventFilter): Promise<Page<StoredEvent>>;
  eachEvent(filter: EventFilter): AsyncIterable<StoredEvent>;
  eachDyadEvent(filter: EventFilter): AsyncIterable<DyadEventRow>;
  eventRefs(ids: number[]): Promise<Map<number, EventRef>>;
  event(id: number): Promise<EventDetail | null>;
  document(id: number, withText?: boolean): Promise<StoredDocument | null>;
  actors(filter: EventFilter & { search?: string }): Promise<ActorSummary[]>;
  network(filter: EventFilter): Promise<Network>;
  timeline(filter: EventFilter): Promise<TimelinePoint[]>;
  clusters(filter: EventFilter & { minEvents?: number }): Promise<Page<Cluster>>;
  eachCluster(filter: EventFilter): AsyncIterable<Cluster>;
  clusterDocuments(clusterId: number): Promise<StoredDocument[]>;
  failures(limit: number): Promise<FailureRecord[]>;
  stats(): Promise<StoreStats>;
  integrityCheck(): Promise<string>;
  close(): Promise<void>;
}
