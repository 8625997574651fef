import { CodedError } from '@movierec/functions/core';
import { type ByteProgress, downloadFile, fetchPublishedMd5, hashFile, type HttpOptions } from './download.js';
import { isFile } from './layout.js';

export interface Checksum {
  md5: string;
  /** True when it matched the md5 published next to the zip. */
  verified: boolean;
}

export interface AcquireOptions extends HttpOptions {
  /** A missing `<url>.md5` is an error (GroupLens publishes one for this URL), not "unpublished". */
  md5Required: boolean;
  onChecksum?: ByteProgress;
  onDownload?: ByteProgress;
}

export interface Acquired {
  /** Absent when an existing zip was reused offline without hashing it. */
  checksum?: Checksum;
  downloaded: boolean;
}

/**
 * Makes `zip` hold the file at `url`: keeps a zip already there when it matches the published md5
 * (or none is published), else downloads it. Offline, an existing zip is used as is: it only got
 * its name after a complete (and, when an md5 was published, verified) download.
 */
export async function acquireZip(url: string, zip: string, options: AcquireOptions): Promise<Acquired> {
  const have = await isFile(zip);
  let expected: string | null;
  try {
    expected = await fetchPublishedMd5(url, options);
  } catch (err) {
    if (have && err instanceof CodedError && err.code === 'unavailable') return { downloaded: false };
    throw err;
  }
  if (expected === null && options.md5Required) {
    const detail = 'is missing, but GroupLens publishes one for this file; try again later';
    throw new CodedError('unavailable', `${url}.md5 ${detail}`);
  }
  if (have) {
    const md5 = await hashFile(zip, 'md5', options.onChecksum);
    const verified = expected !== null;
    if (!verified || md5 === expected) return { checksum: { md5, verified }, downloaded: false };
  }
  const download = { ...options, algorithm: 'md5', expectedDigest: expected, onProgress: options.onDownload } as const;
  const { digest: md5 } = await downloadFile(url, zip, download);
  return { checksum: { md5, verified: expected !== null }, downloaded: true };
}
