// A fixture web server for the live-ingestion tests (issue #12): 127.0.0.1 only, an ephemeral port, routes
// set by the test (static bodies with ETag/Last-Modified validators, error statuses, requests that never
// answer), and a log of what was asked. stop() closes it and every open connection; it is unref'd, so it can
// never keep a test process alive.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './helpers.js';

export const LIVE_FIXTURES = path.join(ROOT, 'test', 'fixtures', 'live');

export interface Route {
  status?: number;
  type?: string;
  body?: string;
  etag?: string;
  lastModified?: string;
  /** never answer (the client's timeout must end it) */
  hang?: boolean;
  headers?: Record<string, string>;
}

export interface Hit {
  path: string;
  status: number;
  userAgent: string;
  ifNoneMatch: string | null;
  ifModifiedSince: string | null;
}

export class FixtureServer {
  readonly routes = new Map<string, Route>();
  readonly hits: Hit[] = [];
  base = '';
  private server: http.Server | null = null;

  async start(): Promise<string> {
    const server = http.createServer((req, res) => this.handle(req, res));
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    server.unref();
    this.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.base;
  }

  async stop(): Promise<void> {
    const s = this.server;
    if (!s) return;
    this.server = null;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  /** a fixture file with {{BASE}} replaced by this server's address */
  fixture(rel: string): string {
    return readFileSync(path.join(LIVE_FIXTURES, rel), 'utf8').replaceAll('{{BASE}}', this.base);
  }

  /** requests to a path (query string ignored) */
  count(p: string, status?: number): number {
    return this.hits.filter((h) => h.path === p && (status === undefined || h.status === status)).length;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const p = new URL(req.url ?? '/', 'http://x').pathname;
    const r = this.routes.get(p);
    const hit: Hit = {
      path: p, status: 0, userAgent: String(req.headers['user-agent'] ?? ''),
      ifNoneMatch: (req.headers['if-none-match'] as string | undefined) ?? null,
      ifModifiedSince: (req.headers['if-modified-since'] as string | undefined) ?? null,
    };
    this.hits.push(hit);
    if (r?.hang) return; // closed by stop()
    const send = (status: number, body: string, headers: Record<string, string> = {}) => {
      hit.status = status;
      res.writeHead(status, headers);
      res.end(body);
    };
    if (!r) return send(404, 'not found', { 'content-type': 'text/plain' });
    const validators: Record<string, string> = {};
    if (r.etag) validators.etag = r.etag;
    if (r.lastModified) validators['last-modified'] = r.lastModified;
    if ((r.etag && hit.ifNoneMatch === r.etag) || (!r.etag && r.lastModified && hit.ifModifiedSince === r.lastModified)) {
      return send(304, '', validators);
    }
    send(r.status ?? 200, r.body ?? '', { 'content-type': r.type ?? 'text/html; charset=utf-8', ...validators, ...r.headers });
  }
}
