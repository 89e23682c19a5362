/** The synchronous SQLite store behind the asynchronous interface (AsyncEventStore). */
import type { AsyncEventStore, EventStore } from './types.js';

async function* each<T>(items: Iterable<T>): AsyncIterable<T> {
  for (const x of items) yield x;
}

export function asyncStore(s: EventStore, kind = 'sqlite'): AsyncEventStore {
  return {
    location: s.location,
    kind,
    schemaVersion: async () => s.schemaVersion(),
    storedHashes: async (h) => s.storedHashes(h),
    failedHashes: async (h) => s.failedHashes(h),
    storedUrls: async (u) => s.storedUrls(u),
    addUrls: async (e) => s.addUrls(e),
    failedOrigins: async (o) => s.failedOrigins(o),
    feedState: async (u) => s.feedState(u),
    saveFeedState: async (st) => s.saveFeedState(st),
    feeds: async () => s.feeds(),
    write: async (docs, failures) => s.write(docs, failures),
    events: async (f) => s.events(f),
    eachEvent: (f) => each(s.eachEvent(f)),
    eachDyadEvent: (f) => each(s.eachDyadEvent(f)),
    eventRefs: async (ids) => s.eventRefs(ids),
    event: async (id) => s.event(id),
    document: async (id, withText) => s.document(id, withText),
    actors: async (f) => s.actors(f),
    network: async (f) => s.network(f),
    timeline: async (f) => s.timeline(f),
    clusters: async (f) => s.clusters(f),
    eachCluster: (f) => each(s.eachCluster(f)),
    clusterDocuments: async (id) => s.clusterDocuments(id),
    failures: async (n) => s.failures(n),
    stats: async () => s.stats(),
    integrityCheck: async () => s.integrityCheck(),
    close: async () => s.close(),
  };
}

/** True for the asynchronous interface (kind is only on AsyncEventStore). */
export function isAsyncStore(s: EventStore | AsyncEventStore): s is AsyncEventStore {
  return typeof (s as AsyncEventStore).kind === 'string';
}
