/** JSON schemas of the HTTP API's query strings and bodies (validated by fastify/ajv; unknown keys are errors). */
import { parseIsoDate } from '../core/dates.js';
import { DyadError } from '../core/errors.js';
import type { EventFilter } from '../store/types.js';
import type { Collapse, SystemOptions, Window } from '../system/types.js';

const DATE = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;

export const filterProperties = {
  from: DATE,
  to: DATE,
  actor: { type: 'string', pattern: '^[A-Za-z0-9]{1,30}$' },
  country: { type: 'string', pattern: '^[A-Za-z]{3}$' },
  cameo: { type: 'string', pattern: '^\\d{2,4}$' },
  root: { type: 'string', pattern: '^\\d{1,2}$' },
  plover: { type: 'string', pattern: '^[A-Za-z_-]{2,40}$' },
  quad: { type: 'integer', minimum: 1, maximum: 4 },
  q: { type: 'string', minLength: 1, maxLength: 200 },
  located: { type: 'boolean' },
} as const;

const paging = (def: number, max: number) => ({
  limit: { type: 'integer', minimum: 1, maximum: max, default: def },
  offset: { type: 'integer', minimum: 0, maximum: 100_000_000, default: 0 },
});

const query = (props: Record<string, unknown>) => ({ type: 'object', additionalProperties: false, properties: props });

export const eventsQuery = query({ ...filterProperties, ...paging(50, 1000) });
export const actorsQuery = query({ ...filterProperties, search: { type: 'string', minLength: 1, maxLength: 100 }, limit: paging(100, 1000).limit });
export const networkQuery = query({ ...filterProperties, limit: paging(150, 2000).limit });
export const timelineQuery = query({ ...filterProperties });
export const clustersQuery = query({ ...filterProperties, min_events: { type: 'integer', minimum: 1, maximum: 100000 }, ...paging(50, 1000) });
export const systemQuery = query({
  from: DATE, to: DATE, country: filterProperties.country,
  window: { type: 'string', enum: ['day', 'week', 'month'] },
  collapse: { type: 'string', enum: ['none', 'state', 'country'] },
  half_life: { type: 'integer', minimum: 0, maximum: 36500 },
  top: { type: 'integer', minimum: 1, maximum: 200 },
  evidence: { type: 'integer', minimum: 1, maximum: 50 },
});
export interface SystemQuery {
  from?: string; to?: string; country?: string; window?: Window; collapse?: Collapse; half_life?: number; top?: number; evidence?: number;
}

/** The validated query as conflict-system options (dates get their calendar check here). */
export function toSystemOptions(q: SystemQuery): SystemOptions {
  const f = toFilter({ from: q.from, to: q.to });
  return {
    from: f.from, to: f.to, country: q.country?.toUpperCase(), window: q.window, collapse: q.collapse,
    halfLife: q.half_life, top: q.top, evidence: q.evidence,
  };
}

export const idParams = {
  type: 'object', additionalProperties: false, required: ['id'],
  properties: { id: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER } },
} as const;

export const MAX_TEXT = 1_000_000;

export const codeBody = {
  type: 'object', additionalProperties: false, required: ['text'],
  properties: {
    text: { type: 'string', minLength: 1, maxLength: MAX_TEXT },
    date: DATE,
    id: { type: 'string', minLength: 1, maxLength: 200 },
  },
} as const;

export interface FilterQuery {
  from?: string; to?: string; actor?: string; country?: string; cameo?: string; root?: string; plover?: string;
  quad?: 1 | 2 | 3 | 4; q?: string; located?: boolean; limit?: number; offset?: number; search?: string; min_events?: number;
}

const bad = (msg: string) => new DyadError('E_API_BAD_REQUEST', msg);

/** The validated query as a store filter; dates get their calendar check here. */
export function toFilter(q: FilterQuery): EventFilter & { search?: string; minEvents?: number } {
  const date = (s: string | undefined, what: string) => {
    if (!s) return undefined;
    try { return parseIsoDate(s, what); } catch (e) { throw bad((e as Error).message); }
  };
  const f = {
    from: date(q.from, 'from'), to: date(q.to, 'to'), actor: q.actor, country: q.country, cameo: q.cameo,
    cameoRoot: q.root, plover: q.plover, quad: q.quad, q: q.q, located: q.located,
    limit: q.limit, offset: q.offset, search: q.search, minEvents: q.min_events,
  };
  if (f.from && f.to && f.from > f.to) throw bad(`from (${f.from}) is after to (${f.to})`);
  return f;
}
