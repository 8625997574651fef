import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export function parseS3Uri(uri: string): { bucket: string; key: string } {
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
  if (!match) throw new Error(`expected s3://bucket/key, got ${JSON.stringify(uri)}`);
  return { bucket: match[1]!, key: match[2]! };
}

/**
 * Downloads `uri` to `path` (through `path.part`, renamed when complete) unless the file there is
 * already this object's version (its ETag, kept beside it): a warm container does not fetch again.
 */
export async function downloadObject(
  uri: string,
  path: string,
  client: S3Client = new S3Client({}),
): Promise<{ path: string; downloaded: boolean; bytes: number | null }> {
  const { bucket, key } = parseS3Uri(uri);
  const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  const etagFile = `${path}.etag`;
  const kept = await readFile(etagFile, 'utf-8').catch(() => null);
  if (head.ETag && kept === head.ETag) return { path, downloaded: false, bytes: head.ContentLength ?? null };
  await mkdir(dirname(path), { recursive: true });
  const { Body } = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key, IfMatch: head.ETag }));
  if (!(Body instanceof Readable)) throw new Error(`s3://${bucket}/${key}: no readable body`);
  await pipeline(Body, createWriteStream(`${path}.part`));
  await rename(`${path}.part`, path);
  if (head.ETag) await writeFile(etagFile, head.ETag);
  return { path, downloaded: true, bytes: head.ContentLength ?? null };
}
