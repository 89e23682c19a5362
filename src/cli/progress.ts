/** Ingest progress on stderr: a bar with rate and ETA on a TTY, plain lines (every few seconds) otherwise. */
import type { IngestProgress } from './ingest-run.js';

const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');

export function fmtDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

export function rates(p: IngestProgress): { docs: number; sentences: number; etaMs: number } {
  const sec = Math.max(p.elapsedMs / 1000, 1e-6);
  const processed = p.seen;
  const perDoc = processed ? p.elapsedMs / processed : NaN;
  return {
    docs: p.stored / sec,
    sentences: p.sentences / sec,
    etaMs: processed ? (p.total - processed) * perDoc : NaN,
  };
}

export function progressLine(p: IngestProgress): string {
  const r = rates(p);
  const pct = p.total ? Math.min(100, Math.floor((100 * p.seen) / p.total)) : 100;
  return `ingest ${fmtInt(p.seen)}/${fmtInt(p.total)} docs (${pct}%), ${fmtInt(r.docs)} docs/s, ` +
    `${fmtInt(r.sentences)} sentences/s, ETA ${fmtDuration(r.etaMs)}` +
    (p.skipped ? `, ${fmtInt(p.skipped)} skipped` : '') + (p.failed ? `, ${fmtInt(p.failed)} failed` : '');
}

export function progressBar(p: IngestProgress, width = 28): string {
  const r = rates(p);
  const frac = p.total ? Math.min(1, p.seen / p.total) : 1;
  const full = Math.round(frac * width);
  const bar = '█'.repeat(full) + '░'.repeat(width - full);
  return `ingest ${bar} ${String(Math.floor(frac * 100)).padStart(3)}%  ${fmtInt(p.seen)}/${fmtInt(p.total)}  ` +
    `${fmtInt(r.docs)} docs/s  ${fmtInt(r.sentences)} sent/s  ETA ${fmtDuration(r.etaMs)}` +
    (p.failed ? `  ${fmtInt(p.failed)} failed` : '');
}

export interface ProgressRenderer {
  update(p: IngestProgress, final: boolean): void;
  /** clear the bar before another message goes to stderr */
  clear(): void;
}

export function progressRenderer(stream: NodeJS.WriteStream = process.stderr, quiet = false, everyMs = 2000): ProgressRenderer {
  const tty = !!stream.isTTY;
  let last = tty ? 0 : Date.now(); // plain lines: the first one after everyMs, not at the start
  let shown = false;
  return {
    update(p, final) {
      if (quiet) return;
      const now = Date.now();
      if (tty) {
        if (!final && now - last < 100) return;
        last = now;
        stream.write(`\r\x1b[2K${progressBar(p, Math.max(10, Math.min(28, (stream.columns ?? 100) - 80)))}`);
        shown = true;
        if (final) { stream.write('\n'); shown = false; }
      } else if (final || now - last >= everyMs) {
        if (!final) stream.write(`dyad: ${progressLine(p)}\n`);
        last = now;
      }
    },
    clear() {
      if (tty && shown) { stream.write('\r\x1b[2K'); shown = false; }
    },
  };
}
