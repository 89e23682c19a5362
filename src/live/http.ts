/**
 * A polite HTTP GET for feeds and article pages: one request at a time per host with a pause between them,
 * a timeout on the whole request (headers and body), retries with exponential backoff on network errors,
 * timeouts, 429 and 5xx (honouring Retry-After), a clear User-Agent, conditional GET (ETag /
 * Last-Modified → 304), a cap on the body size, and the body decoded with its declared charset.
 */
import { DyadError } from '../core/errors.js';

export const USER_AGENT = 'dyad/0.1.0 (political event coder; live news ingestion; polite: one request per host at a time)';

export interface HttpOptions {
  userAgent?: string;
  /** whole request, headers and body (default 20 s) */
  timeoutMs?: number;
  /** extra attempts after a retryable failure (default 2) */
  retries?: number;
  /** first backoff; doubles each retry (default 1 s) */
  backoffMs?: number;
  /** longest wait honoured from a Retry-After header within one request (default 60 s) */
  maxRetryAfterMs?: number;
  /** pause between the end of one request and the start of the next to the same host (default 1 s) */
  hostDelayMs?: number;
  /** body size limit (default 5 MB) */
  maxBytes?: number;
}

export interface GetOptions {
  accept?: string;
  /** validators from the previous response: sent as If-None-Match / If-Modified-Since */
  etag?: string | null;
  lastModified?: string | null;
}

export interface HttpResponse {
  /** the URL asked for, and the URL answered (after redirects) */
  requested: string;
  url: string;
  /** 200..299, or 304 when the validators still hold (body '') */
  status: number;
  body: string;
  contentType: string;
  etag: string | null;
  lastModified: string | null;
}

/** E_FETCH with what a caller needs to decide: the HTTP status (null for network errors and timeouts). */
export class FetchError extends DyadError {
  readonly status: number | null;
  /** worth trying again later (network error, timeout, 408, 429, 5xx) */
  readonly transient: boolean;
  /** the server's Retry-After, ms, when it sent one */
  readonly retryAfterMs: number | null;
  constructor(message: string, where: string, status: number | null, transient: boolean, retryAfterMs: number | null = null) {
    super('E_FETCH', message, where);
    this.status = status;
    this.transient = transient;
    this.retryAfterMs = retryAfterMs;
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const RETRYABLE = new Set([408, 425, 429, 500, 502, 503, 504]);

/** Retry-After: seconds or an HTTP date; null when absent or unreadable */
export function retryAfterMs(v: string | null, now = Date.now()): number | null {
  if (!v) return null;
  if (/^\d+$/.test(v.trim())) return Number(v.trim()) * 1000;
  const t = Date.parse(v);
  return Number.isFinite(t) ? Math.max(0, t - now) : null;
}

/** the charset of a response: Content-Type, then a BOM, then <meta charset> / an XML declaration; utf-8 otherwise */
export function charsetOf(contentType: string, head: Uint8Array): string {
  const m = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType);
  if (m) return m[1].toLowerCase();
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const ascii = Buffer.from(head.subarray(0, 2048)).toString('latin1');
  const d = /<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)/i.exec(ascii) ?? /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(ascii);
  return d ? d[1].toLowerCase() : 'utf-8';
}

/** windows-1252 at 0x80–0x9F (Node 20's TextDecoder reads them as Latin-1 control characters) */
const CP1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f'
  + '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';
/** labels that mean windows-1252 on the web (WHATWG Encoding) */
const CP1252 = new Set(['windows-1252', 'cp1252', 'x-cp1252', 'iso-8859-1', 'iso8859-1', 'latin1', 'l1', 'us-ascii', 'ascii', 'ansi_x3.4-1968']);

function decode1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    let s = '';
    for (const b of chunk) s += b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b);
    parts.push(s);
  }
  return parts.join('');
}

export function decodeBody(bytes: Uint8Array, contentType: string): string {
  const cs = charsetOf(contentType, bytes);
  if (CP1252.has(cs)) return decode1252(bytes);
  let dec: TextDecoder;
  try {
    dec = new TextDecoder(cs);
  } catch {
    dec = new TextDecoder('utf-8');
  }
  return dec.decode(bytes);
}

export class Http {
  readonly userAgent: string;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly backoffMs: number;
  readonly maxRetryAfterMs: number;
  readonly hostDelayMs: number;
  readonly maxBytes: number;
  /** per host: the tail of its queue, and when the next request may start */
  private readonly queues = new Map<string, Promise<void>>();
  private readonly nextStart = new Map<string, number>();
  /** requests sent (every attempt), for reports and tests */
  requests = 0;

  constructor(o: HttpOptions = {}) {
    this.userAgent = o.userAgent ?? USER_AGENT;
    this.timeoutMs = o.timeoutMs ?? 20_000;
    this.retries = o.retries ?? 2;
    this.backoffMs = o.backoffMs ?? 1000;
    this.maxRetryAfterMs = o.maxRetryAfterMs ?? 60_000;
    this.hostDelayMs = o.hostDelayMs ?? 1000;
    this.maxBytes = o.maxBytes ?? 5 * 1024 * 1024;
  }

  /** GET with retries; resolves with a 2xx or 304 response, rejects with a FetchError */
  async get(url: string, o: GetOptions = {}): Promise<HttpResponse> {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      throw new FetchError('not a URL', url, null, false);
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new FetchError(`unsupported scheme ${u.protocol}`, url, null, false);
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once(u, o);
      } catch (e) {
        const err = e instanceof FetchError ? e : new FetchError((e as Error)?.message ?? String(e), url, null, true);
        if (!err.transient || attempt >= this.retries) {
          if (attempt === 0) throw err;
          throw new FetchError(`${err.message} (after ${attempt + 1} attempts)`, url, err.status, err.transient, err.retryAfterMs);
        }
        const backoff = this.backoffMs * 2 ** attempt;
        if (err.retryAfterMs !== null && err.retryAfterMs > this.maxRetryAfterMs) throw err; // come back much later
        await sleep(Math.max(backoff, err.retryAfterMs ?? 0));
      }
    }
  }

  /** wait for this host's turn; returns the function that ends it */
  private async turn(host: string): Promise<() => void> {
    const prev = this.queues.get(host) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((r) => { release = r; });
    const tail = prev.then(() => mine);
    this.queues.set(host, tail);
    await prev;
    const wait = (this.nextStart.get(host) ?? 0) - Date.now();
    if (wait > 0) await sleep(wait);
    return () => {
      this.nextStart.set(host, Date.now() + this.hostDelayMs);
      if (this.queues.get(host) === tail) this.queues.delete(host);
      release();
    };
  }

  private async once(u: URL, o: GetOptions): Promise<HttpResponse> {
    const where = u.href;
    const done = await this.turn(u.host);
    const ctl = new AbortController();
    const timer = setTimeout(() => ctl.abort(), this.timeoutMs);
    try {
      const headers: Record<string, string> = {
        'user-agent': this.userAgent,
        accept: o.accept ?? 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5',
        'accept-language': 'en;q=1.0, *;q=0.5',
      };
      if (o.etag) headers['if-none-match'] = o.etag;
      if (o.lastModified) headers['if-modified-since'] = o.lastModified;
      this.requests++;
      let res: Response;
      try {
        res = await fetch(where, { headers, signal: ctl.signal, redirect: 'follow' });
      } catch (e) {
        if (ctl.signal.aborted) throw new FetchError(`timed out after ${this.timeoutMs} ms`, where, null, true);
        const cause = (e as { cause?: { code?: string; message?: string } }).cause;
        throw new FetchError(`network error: ${cause?.code ?? cause?.message ?? (e as Error).message}`, where, null, true);
      }
      const meta = {
        requested: where, url: res.url || where, status: res.status, contentType: res.headers.get('content-type') ?? '',
        etag: res.headers.get('etag'), lastModified: res.headers.get('last-modified'),
      };
      if (res.status === 304) {
        await res.body?.cancel();
        return { ...meta, body: '' };
      }
      if (res.status < 200 || res.status > 299) {
        await res.body?.cancel().catch(() => undefined);
        throw new FetchError(`HTTP ${res.status}${res.statusText ? ' ' + res.statusText : ''}`, where, res.status,
          RETRYABLE.has(res.status), retryAfterMs(res.headers.get('retry-after')));
      }
      const bytes = await this.readBody(res, where, ctl);
      return { ...meta, body: decodeBody(bytes, meta.contentType) };
    } finally {
      clearTimeout(timer);
      done();
    }
  }

  private async readBody(res: Response, where: string, ctl: AbortController): Promise<Uint8Array> {
    const declared = Number(res.headers.get('content-length') ?? NaN);
    if (declared > this.maxBytes) {
      await res.body?.cancel().catch(() => undefined);
      throw new FetchError(`body of ${declared} bytes is over the ${this.maxBytes}-byte limit`, where, res.status, false);
    }
    if (!res.body) return new Uint8Array(0);
    const parts: Uint8Array[] = [];
    let n = 0;
    const reader = res.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        n += value.length;
        if (n > this.maxBytes) {
          await reader.cancel().catch(() => undefined);
          throw new FetchError(`body is over the ${this.maxBytes}-byte limit`, where, res.status, false);
        }
        parts.push(value);
      }
    } catch (e) {
      if (e instanceof FetchError) throw e;
      if (ctl.signal.aborted) throw new FetchError(`timed out after ${this.timeoutMs} ms (reading the body)`, where, null, true);
      throw new FetchError(`network error while reading the body: ${(e as Error).message}`, where, null, true);
    }
    return Buffer.concat(parts, n);
  }
}
