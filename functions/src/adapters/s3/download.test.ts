/** S3 downloads against the SDK mocked at its boundary (no AWS here). */
import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { downloadObject, parseS3Uri } from './index.js';

const s3 = mockClient(S3Client);
let dir: string;

function serve(etag: string, body: string) {
  s3.on(HeadObjectCommand, { Bucket: 'assets', Key: 'model/movie_embeddings.npy' }).resolves({
    ETag: etag,
    ContentLength: body.length,
  });
  s3.on(GetObjectCommand, { Bucket: 'assets', Key: 'model/movie_embeddings.npy', IfMatch: etag }).callsFake(() => ({
    Body: Readable.from([Buffer.from(body)]),
  }));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 's3-download-'));
});
beforeEach(() => s3.reset());
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('downloadObject', () => {
  const uri = 's3://assets/model/movie_embeddings.npy';

  it('downloads once per object version', async () => {
    const path = join(dir, 'model', 'movie_embeddings.npy');
    serve('"v1"', 'first');
    expect(await downloadObject(uri, path, new S3Client({}))).toEqual({ path, downloaded: true, bytes: 5 });
    expect(await downloadObject(uri, path, new S3Client({}))).toMatchObject({ downloaded: false });
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(1);
    serve('"v2"', 'second');
    expect(await downloadObject(uri, path, new S3Client({}))).toMatchObject({ downloaded: true });
    expect(await readFile(path, 'utf-8')).toBe('second');
  });

  it('refuses what is not an s3:// URI', () => {
    expect(parseS3Uri('s3://b/a/b.npy')).toEqual({ bucket: 'b', key: 'a/b.npy' });
    expect(() => parseS3Uri('https://b/a')).toThrow(/expected s3:\/\/bucket\/key/);
  });
});
