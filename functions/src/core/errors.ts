/**
 * Errors the core raises carry a code, not an HTTP status; the edges (HTTP apps, CLI) map codes to
 * what their users see.
 */
export type ErrorCode =
  'invalid_input' | 'not_found' | 'conflict' | 'unprocessable' | 'unauthorized' | 'forbidden' | 'unavailable';

export class CodedError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CodedError';
  }
}

/** A problem in an input file, located by file and (when known) line. */
export class DataFileError extends CodedError {
  constructor(
    readonly file: string,
    readonly line: number | null,
    detail: string,
  ) {
    super('invalid_input', line === null ? `${file}: ${detail}` : `${file}:${line}: ${detail}`);
    this.name = 'DataFileError';
  }
}
