/**
 * The HTTP API and dashboard of `dyad serve` (fastify). JSON errors are {error:{code,message}} with the
 * codes of src/core/errors.ts. CORS is off unless an origin is given.
 */
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { DyadError, isDyadError } from '../core/errors.js';
import { codeDoc } from '../pipeline.js';
import { cameoTable } from '../events/cameo.js';
import type { AsyncEventStore, EventStore } from '../store/types.js';
import { asyncStore, isAsyncStore } from '../store/async.js';
import { systemViewAsync } from '../system/view-async.js';
import {
  actorsQuery, clustersQuery, codeBody, eventsQuery, idParams, MAX_TEXT, networkQuery, systemQuery, timelineQuery, toFilter,
  toSystemOptions, type FilterQuery, type SystemQuery,
} from './schemas.js';
import { systemView } from '../system/view.js';
import { registerStatic } from './static.js';

export interface AppOptions {
  /** SQLite (synchronous) or any store behind the asynchronous interface (PostgreSQL) */
  store: EventStore | AsyncEventStore;
  /** serve the dashboard (web/) at / (default true) */
  dashboard?: boolean;
  /** allow this origin with CORS (default: CORS off) */
  corsOrigin?: string | null;
  /** fastify logger (default off) */
  logger?: boolean;
  /** per-request handler time limit, ms (default 15000) */
  handlerTimeoutMs?: number;
}

/** POST bodies: articles up to 1 MB of text, plus JSON framing. */
export const BODY_LIMIT = MAX_TEXT + 64 * 1024;

const INPUT_CODES = new Set(['E_INPUT_EMPTY', 'E_INPUT_BINARY', 'E_DATE_INVALID', 'E_API_BAD_REQUEST', 'E_USAGE']);

function errorReply(e: FastifyError | DyadError | Error): { status: number; code: string; message: string } {
  if (isDyadError(e)) {
    if (e.code === 'E_API_NOT_FOUND') return { status: 404, code: e.code, message: e.message };
    if (INPUT_CODES.has(e.code)) return { status: 400, code: e.code, message: e.message };
    return { status: 500, code: e.code, message: e.message };
  }
  const fe = e as FastifyError;
  if (fe.validation) {
    const v = fe.validation[0] as { keyword?: string; params?: { additionalProperty?: string } } | undefined;
    const where = fe.validationContext === 'body' ? 'body field' : 'query parameter';
    const message = v?.keyword === 'additionalProperties' && v.params?.additionalProperty
      ? `unknown ${where} '${v.params.additionalProperty}'`
      : fe.message;
    return { status: 400, code: 'E_API_BAD_REQUEST', message };
  }
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return { status: 413, code: 'E_API_TOO_LARGE', message: `request body is larger than ${BODY_LIMIT} bytes` };
  }
  if (fe.code === 'FST_ERR_HANDLER_TIMEOUT') return { status: 503, code: 'E_API_TIMEOUT', message: 'the request took too long' };
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return { status: fe.statusCode, code: 'E_API_BAD_REQUEST', message: fe.message };
  }
  return { status: 500, code: 'E_INTERNAL', message: 'internal error' };
}

export function buildApp(o: AppOptions): FastifyInstance {
  const app = Fastify({
    logger: o.logger ?? false,
    bodyLimit: BODY_LIMIT,
    requestTimeout: 30_000,
    connectionTimeout: 60_000,
    handlerTimeout: o.handlerTimeoutMs ?? 15_000,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: true, allErrors: false } },
  });
  const store = isAsyncStore(o.store) ? o.store : asyncStore(o.store);

  app.setErrorHandler((err, req, reply) => {
    const r = errorReply(err as FastifyError);
    if (r.status >= 500 && r.code === 'E_INTERNAL') req.log.error(err);
    return reply.status(r.status).send({ error: { code: r.code, message: r.message } });
  });
  app.setNotFoundHandler((req, reply) =>
    reply.status(404).send({ error: { code: 'E_API_NOT_FOUND', message: `no such resource: ${req.method} ${req.url.split('?')[0]}` } }));

  if (o.corsOrigin) {
    const origin = o.corsOrigin;
    app.addHook('onSend', async (_req, reply, payload) => {
      reply.header('access-control-allow-origin', origin).header('vary', 'Origin');
      return payload;
    });
    app.options('/api/*', (_req, reply) => reply
      .header('access-control-allow-methods', 'GET, POST')
      .header('access-control-allow-headers', 'content-type')
      .status(204).send());
  }

  type Q = { Querystring: FilterQuery };
  app.get('/api/stats', () => store.stats());
  app.get('/api/cameo', () => ({ names: Object.fromEntries([...cameoTable()].map(([code, c]) => [code, c.name])) }));
  app.get<Q>('/api/events', { schema: { querystring: eventsQuery } }, (req) => store.events(toFilter(req.query)));
  app.get<{ Params: { id: number } }>('/api/events/:id', { schema: { params: idParams } }, async (req) => {
    const d = await store.event(req.params.id);
    if (!d) throw new DyadError('E_API_NOT_FOUND', `no event ${req.params.id}`);
    return d;
  });
  app.get<Q>('/api/actors', { schema: { querystring: actorsQuery } }, async (req) => ({ items: await store.actors(toFilter(req.query)) }));
  app.get<Q>('/api/network', { schema: { querystring: networkQuery } }, (req) => store.network(toFilter(req.query)));
  app.get<Q>('/api/timeline', { schema: { querystring: timelineQuery } }, async (req) => ({ items: await store.timeline(toFilter(req.query)) }));
  app.get<Q>('/api/clusters', { schema: { querystring: clustersQuery } }, (req) => store.clusters(toFilter(req.query)));
  app.get<{ Querystring: SystemQuery }>('/api/system', { schema: { querystring: systemQuery } },
    (req) => (isAsyncStore(o.store) ? systemViewAsync(o.store, toSystemOptions(req.query)) : systemView(o.store, toSystemOptions(req.query))));
  app.post<{ Body: { text: string; date?: string; id?: string } }>('/api/code', { schema: { body: codeBody } }, (req) => {
    const { text, date, id } = req.body;
    const doc = codeDoc(text, { date, id: id ?? 'pasted' });
    return {
      date: doc.date,
      sentences: doc.sentences.map((s) => ({ i: s.i, start: s.start, end: s.end })),
      events: doc.events,
    };
  });
  app.get('/api/*', (req, reply) => reply.callNotFound());

  if (o.dashboard ?? true) registerStatic(app);
  return app;
}

export function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '::1' || /^127\./.test(host);
}
