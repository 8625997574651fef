/** The part of pg-copy-streams (which ships no types) that the pg-protocol driver uses. */
declare module 'pg-copy-streams' {
  import type { Writable } from 'node:stream';
  import type { Submittable } from 'pg';

  export interface CopyStreamQuery extends Writable, Submittable {
    /** Rows the server reported copying, set once the stream has finished. */
    rowCount: number;
  }

  export function from(text: string): CopyStreamQuery;
}
