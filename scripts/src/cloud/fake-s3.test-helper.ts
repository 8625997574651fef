/**
 * An in-memory S3 behind a mocked S3Client (aws-sdk-client-mock, every instance of the class, so
 * that clients made inside a command are covered too): PutObject reads the body and checks it
 * against the ChecksumSHA256 sent, as S3 does; HeadObject and GetObject serve what was put. Tests
 * then assert on the stored bytes, not only on the calls.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  GetObjectCommand,
  type GetObjectCommandOutput,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  type PutObjectCommandInput,
  S3Client,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';

export interface StoredObject {
  bytes: Buffer;
  metadata: Record<string, string>;
}

async function bodyBytes(body: PutObjectCommandInput['Body']): Promise<Buffer> {
  if (Buffer.isBuffer(body)) return body;
  if (body instanceof Readable) {
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }
  throw new Error('the fake S3 takes Buffer or stream bodies');
}

/** A body as the SDK returns one in Node: a stream with the SDK's transform helpers. */
export function sdkBody(bytes: Buffer): NonNullable<GetObjectCommandOutput['Body']> {
  const stream = Readable.from([bytes]);
  return Object.assign(stream, {
    transformToByteArray: async () => new Uint8Array(bytes),
    transformToString: async (encoding?: string) => bytes.toString((encoding ?? 'utf8') as BufferEncoding),
    transformToWebStream: (): ReadableStream => {
      throw new Error('not used by these tests');
    },
  });
}

export function fakeS3() {
  const client = new S3Client({ region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  const mock = mockClient(S3Client);
  const objects = new Map<string, StoredObject>();
  const id = (bucket?: string, key?: string) => `${bucket}/${key}`;
  mock.on(HeadObjectCommand).callsFake(({ Bucket, Key }) => {
    const object = objects.get(id(Bucket, Key));
    if (!object) throw new NotFound({ message: 'Not Found', $metadata: { httpStatusCode: 404 } });
    return { ContentLength: object.bytes.length, Metadata: object.metadata };
  });
  mock.on(PutObjectCommand).callsFake(async (input: PutObjectCommandInput) => {
    const bytes = await bodyBytes(input.Body);
    const sha256 = createHash('sha256').update(bytes).digest('base64');
    if (input.ChecksumSHA256 !== sha256) throw new Error(`BadDigest: ${input.Key}`);
    if (input.ContentLength !== bytes.length) throw new Error(`IncompleteBody: ${input.Key}`);
    objects.set(id(input.Bucket, input.Key), { bytes, metadata: input.Metadata ?? {} });
    return {};
  });
  mock.on(GetObjectCommand).callsFake(({ Bucket, Key }) => {
    const object = objects.get(id(Bucket, Key));
    if (!object) throw new NoSuchKey({ message: 'The specified key does not exist.', $metadata: {} });
    return { Body: sdkBody(object.bytes) };
  });
  return { client, mock, objects };
}
