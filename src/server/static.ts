/** The dashboard's static files: web/ and three vendored libraries from node_modules. No CDN, no network. */
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { PACKAGE_ROOT } from '../core/paths.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

const CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

function vendorFiles(): Record<string, string> {
  const require = createRequire(import.meta.url);
  const dir = (pkgMain: string) => path.dirname(require.resolve(pkgMain));
  const files: Record<string, string> = {
    'cytoscape.mjs': path.join(dir('cytoscape'), 'cytoscape.esm.min.mjs'),
    'topojson-client.js': path.join(dir('topojson-client'), 'topojson-client.min.js'),
    'countries-110m.json': require.resolve('world-atlas/countries-110m.json'),
  };
  return files;
}

export function registerStatic(app: FastifyInstance, webRoot = path.join(PACKAGE_ROOT, 'web')): void {
  const vendor = vendorFiles();
  const cache = new Map<string, Buffer>();
  const send = (reply: FastifyReply, file: string, maxAge: number) => {
    let body = cache.get(file);
    if (!body) {
      body = readFileSync(file);
      if (maxAge) cache.set(file, body);
    }
    return reply
      .header('content-type', TYPES[path.extname(file)] ?? 'application/octet-stream')
      .header('cache-control', maxAge ? `public, max-age=${maxAge}` : 'no-cache')
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', CSP)
      .send(body);
  };
  app.get('/', (_req, reply) => send(reply, path.join(webRoot, 'index.html'), 0));
  app.get<{ Params: { file: string } }>('/app/:file', (req, reply) => {
    const f = req.params.file;
    const file = path.join(webRoot, f);
    if (!/^[a-z0-9][a-z0-9-]*\.(js|css|svg|png)$/.test(f) || !existsSync(file)) return reply.callNotFound();
    return send(reply, file, 0);
  });
  app.get<{ Params: { file: string } }>('/vendor/:file', (req, reply) => {
    const file = Object.prototype.hasOwnProperty.call(vendor, req.params.file) ? vendor[req.params.file] : null;
    if (!file) return reply.callNotFound();
    return send(reply, file, 86400);
  });
}
