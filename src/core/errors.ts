/** Stable error codes. Documented in docs/errors.md; never rename one. */
export const ERROR_CODES = {
  E_INPUT_EMPTY: 'input is empty or only whitespace',
  E_INPUT_BINARY: 'input looks binary (NUL bytes or invalid UTF-8)',
  E_INPUT_NOT_FOUND: 'input file does not exist',
  E_INPUT_IS_DIR: 'input path is a directory',
  E_INPUT_READ: 'input could not be read',
  E_INPUT_JSONL: 'a JSONL line could not be parsed',
  E_DATE_INVALID: 'a date is not a valid YYYY-MM-DD calendar date',
  E_USAGE: 'the command line is not valid',
  E_FORMAT: 'unknown output format',
  E_PIPELINE: 'a pipeline stage is missing a requirement or misordered',
  E_DICT_SYNTAX: 'a dictionary file has a syntax error',
  E_DICT_READ: 'a dictionary file could not be read',
  E_INTERNAL: 'an unexpected internal error',
  E_STORE: 'the event store could not be opened, read or written',
  E_STORE_VERSION: 'the event store was written by a newer dyad (unknown schema version)',
  E_API_BAD_REQUEST: 'an API request has invalid parameters or body',
  E_API_NOT_FOUND: 'an API resource does not exist',
  E_API_TOO_LARGE: 'an API request body is larger than the limit',
  E_API_TIMEOUT: 'an API request took longer than the time limit',
  E_FETCH: 'a web page or feed could not be fetched (network error, timeout or HTTP error status)',
  E_FEED_PARSE: 'a feed is not RSS, Atom or JSON Feed',
  E_EXTRACT: 'no article text could be extracted from a web page',
  E_FEEDS_FILE: 'a feeds file has a line that cannot be read',
  E_QUEUE: 'the job queue (Redis) could not be reached or used',
  E_QUEUE_JOB: 'a queued job is not a valid document',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class DyadError extends Error {
  readonly code: ErrorCode;
  /** file:line or similar, when the error points at a place in an input */
  readonly where?: string;
  constructor(code: ErrorCode, message: string, where?: string) {
    super(message);
    this.name = 'DyadError';
    this.code = code;
    this.where = where;
  }
  /** one line, as the CLI prints it */
  toLine(): string {
    return `${this.code}: ${this.where ? this.where + ': ' : ''}${this.message}`;
  }
}

export function isDyadError(e: unknown): e is DyadError {
  return e instanceof DyadError;
}
