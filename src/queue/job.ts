/** What a queued document looks like, how it is checked, and the job options it is enqueued with. */
import { createHash } from 'node:crypto';
import type { JobsOptions } from 'bullmq';
import { DyadError } from '../core/errors.js';
import type { CodedDocument } from '../store/types.js';
import type { Doc } from '../core/doc.js';
import { collapseMentions } from '../store/dedup.js';

/** One article in the queue: the fields `dyad ingest` stores, the publication date already settled. */
export interface DocJob {
  /** the input's id (file name or JSONL "id") */
  id: string;
  text: string;
  date: string;
  url: string | null;
  source: string | null;
  /** where it came from: "folder/file.txt" or "file.jsonl:12" */
  origin: string;
  /** sha256 of the text, hex: the job id and the store's dedup key */
  hash: string;
}

export const JOB_NAME = 'doc';

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

const str = (v: unknown) => typeof v === 'string';
const strOrNull = (v: unknown) => v === null || v === undefined || typeof v === 'string';

/** The job's document, or E_QUEUE_JOB. The hash is computed again from the text: it is what dedups. */
export function checkJob(data: unknown): DocJob {
  const d = data as Record<string, unknown> | null;
  if (!d || typeof d !== 'object' || !str(d.text) || !str(d.date) || !strOrNull(d.url) || !strOrNull(d.source)) {
    throw new DyadError('E_QUEUE_JOB', 'a document job needs {text, date} strings (and url, source: string or null)');
  }
  const text = d.text as string;
  return {
    id: str(d.id) ? (d.id as string) : '',
    text,
    date: d.date as string,
    url: (d.url as string | null | undefined) ?? null,
    source: (d.source as string | null | undefined) ?? null,
    origin: str(d.origin) ? (d.origin as string) : '',
    hash: sha256(text),
  };
}

/** The store's record of a coded job (the same as `dyad ingest` writes for the same input). */
export function toCoded(j: DocJob, doc: Doc): CodedDocument {
  return {
    doc: { extId: j.id, source: j.source, url: j.url, date: doc.date, text: j.text, hash: j.hash, origin: j.origin },
    sentences: doc.sentences.map((s) => ({ i: s.i, start: s.start, end: s.end })),
    events: collapseMentions(doc.events),
  };
}

export interface RetryPolicy {
  /** tries per document before it goes to the dead-letter list (default 5) */
  attempts: number;
  /** first retry delay, ms; doubled at each retry (default 2000) */
  backoffMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, backoffMs: 2000 };

/**
 * Job options: the text hash as job id (the same text is not enqueued twice while its job is kept),
 * exponential backoff, and bounded bookkeeping in Redis: the last 1,000 completed and 10,000 failed jobs
 * (counts survive in BullMQ's metrics; the dead-letter list keeps every failed document).
 */
export function jobOptions(hash: string, r: RetryPolicy = DEFAULT_RETRY): JobsOptions {
  return {
    jobId: hash,
    attempts: r.attempts,
    backoff: { type: 'exponential', delay: r.backoffMs },
    removeOnComplete: { count: 1000 },
    removeOnFail: { count: 10000 },
  };
}
