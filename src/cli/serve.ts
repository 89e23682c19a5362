import { buildApp, isLoopback } from '../server/app.js';
import { DEFAULT_DB, dbLocation, isPostgresUrl, openAsyncStore, openStore } from '../store/open.js';
import { asyncStore } from '../store/async.js';
import { EXIT_OK, EXIT_USAGE, say, parseCli } from './io.js';

export const SERVE_HELP = `usage: dyad serve [options]
Serve the event store: a web dashboard at / and a JSON API under /api (docs/store.md).
  --db PATH|URL    the store: a SQLite file or postgres://user@host:port/db (default: $DYAD_DB, else ${DEFAULT_DB})
  --port N         port (default 8642; 0 picks a free one)
  --host ADDR      address to bind (default 127.0.0.1; anything else exposes the store to the network)
  --cors ORIGIN    allow this browser origin to call the API (default: CORS off)
  --log            log every request (JSON lines on stdout)
`;

export async function runServe(argv: string[]): Promise<number> {
  const args = parseCli(argv, {
        db: { type: 'string' },
        port: { type: 'string', default: '8642' },
        host: { type: 'string', default: '127.0.0.1' },
        cors: { type: 'string' },
        log: { type: 'boolean', default: false },
  }, SERVE_HELP, false);
  if (typeof args === 'number') return args;
  const o = args.values;
  const port = Number(o.port);
  if (!/^\d+$/.test(o.port as string) || port > 65535) {
    say(`E_USAGE: --port must be 0-65535, not '${o.port}'`);
    return EXIT_USAGE;
  }
  const host = o.host as string;
  const db = dbLocation(o.db as string | undefined);
  // SQLite is served through its synchronous store (the system view reads it directly), PostgreSQL through the async one
  const sqlite = isPostgresUrl(db) ? null : openStore(db, { create: false });
  const store = sqlite ? asyncStore(sqlite) : await openAsyncStore(db, { create: false });
  const app = buildApp({ store: sqlite ?? store, corsOrigin: (o.cors as string | undefined) ?? null, logger: o.log as boolean });
  const stop = async () => {
    await app.close();
    await store.close();
  };
  let address: string;
  try {
    address = await app.listen({ port, host });
  } catch (e) {
    await stop();
    say(`E_USAGE: cannot listen on ${host}:${port}: ${(e as Error).message}`);
    return EXIT_USAGE;
  }
  if (!isLoopback(host)) {
    const bound = (app.server.address() as { port: number } | null)?.port ?? port;
    process.stderr.write(
      `\n  dyad: WARNING: listening on ${host}:${bound}, not 127.0.0.1: anyone who can reach this machine on that\n` +
      '  port can read every stored article and event, and make the server code text. There is no authentication.\n\n',
    );
  }
  const s = await store.stats();
  say(`serving ${store.location} (${s.documents} documents, ${s.events} events) at ${address}/ — Ctrl-C to stop`);
  await new Promise<void>((resolve) => {
    const done = () => { resolve(); };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await stop();
  say('stopped');
  return EXIT_OK;
}
