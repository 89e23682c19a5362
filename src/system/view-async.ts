/**
 * The conflict-system view over the asynchronous store interface (PostgreSQL). systemView reads the store
 * synchronously (eachDyadEvent, then eventRefs for the events it quotes), so the rows are read first, the
 * view computed once to learn which events it quotes, their references fetched, and the view computed again
 * with them (the same rows give the same view).
 */
import type { AsyncEventStore, DyadEventRow, EventRef, EventStore } from '../store/types.js';
import type { SystemOptions, SystemView } from './types.js';
import { systemView } from './view.js';

export async function systemViewAsync(store: AsyncEventStore, o: SystemOptions = {}): Promise<SystemView> {
  const rows: DyadEventRow[] = [];
  for await (const r of store.eachDyadEvent({ from: o.from, to: o.to })) rows.push(r);
  const wanted: number[] = [];
  let refs = new Map<number, EventRef>();
  const source = {
    eachDyadEvent: () => rows,
    eventRefs: (ids: number[]) => { wanted.push(...ids); return refs; },
  } as unknown as EventStore;
  const first = systemView(source, o);
  if (!wanted.length) return first;
  refs = await store.eventRefs(wanted);
  return systemView(source, o);
}
