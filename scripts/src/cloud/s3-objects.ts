/**
 * S3 transfers for `cloud train`: uploads that skip an object already holding the same bytes (its
 * sha256 is kept in the object's metadata, so a re-run uploads only what changed), and downloads
 * as streams.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { CodedError } from '@movierec/functions/core';

/** PutObject's limit for one request; larger files would need a multipart upload. */
export const MAX_SINGLE_UPLOAD_BYTES = 5 * 1024 ** 3;
const HASH_METADATA = 'sha256';

export interface S3Location {
  bucket: string;
  key: string;
}

export const s3Uri = ({ bucket, key }: S3Location) => `s3://${bucket}/${key}`;

export function parseS3Uri(uri: string): S3Location {
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
  if (!match?.[1] || !match[2]) throw new CodedError('invalid_input', `not an s3://bucket/key URI: ${uri}`);
  return { bucket: match[1], key: match[2] };
}

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** What to upload: a file on disk (streamed) or bytes in memory, with its sha256 (hex). */
export type UploadSource = { file: string; sha256: string } | { bytes: Buffer; sha256: string };

const isNotFound = (error: unknown) =>
  error instanceof Error &&
  (error.name === 'NotFound' ||
    (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404);

async function storedHash(s3: S3Client, target: S3Location): Promise<string | undefined> {
  try {
    const head = await s3.send(new HeadObjectCommand({ Bucket: target.bucket, Key: target.key }));
    return head.Metadata?.[HASH_METADATA];
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

async function sizeOf(source: UploadSource): Promise<number> {
  return 'bytes' in source ? source.bytes.length : (await stat(source.file)).size;
}

export type UploadOutcome = { uri: string; bytes: number; uploaded: boolean };

/** Uploads unless the object already has this content's hash; S3 verifies the bytes (ChecksumSHA256). */
export async function uploadIfChanged(s3: S3Client, target: S3Location, source: UploadSource): Promise<UploadOutcome> {
  const bytes = await sizeOf(source);
  const uri = s3Uri(target);
  if ((await storedHash(s3, target)) === source.sha256) return { uri, bytes, uploaded: false };
  if (bytes > MAX_SINGLE_UPLOAD_BYTES)
    throw new CodedError('unprocessable', `${uri}: ${bytes} bytes is over the 5 GiB a single upload takes`);
  await s3.send(
    new PutObjectCommand({
      Bucket: target.bucket,
      Key: target.key,
      Body: 'bytes' in source ? source.bytes : createReadStream(source.file),
      ContentLength: bytes,
      ChecksumSHA256: Buffer.from(source.sha256, 'hex').toString('base64'),
      Metadata: { [HASH_METADATA]: source.sha256 },
    }),
  );
  return { uri, bytes, uploaded: true };
}

/** The object's bytes as a Node stream. */
export async function downloadStream(s3: S3Client, source: S3Location): Promise<Readable> {
  const object = await s3.send(new GetObjectCommand({ Bucket: source.bucket, Key: source.key }));
  if (!(object.Body instanceof Readable)) throw new CodedError('unavailable', `${s3Uri(source)}: no readable body`);
  return object.Body;
}
