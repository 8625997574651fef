import { readlink, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { removeTempDirs, tempDir } from '../movielens/fixtures.test-helper.js';
import { newRunDir, pointAt, runsDir } from './runs.js';

afterAll(removeTempDirs);

it('names runs by time and kind and moves the pointers atomically', async () => {
  const dataDir = await tempDir();
  const first = await newRunDir(dataDir, 'train', new Date('2026-11-24T01:02:03.456Z'));
  const second = await newRunDir(dataDir, 'evaluate', new Date('2026-11-24T02:00:00Z'));
  expect(first).toBe(join(runsDir(dataDir), '20261124T010203Z-train'));
  await pointAt(dataDir, 'latest', first);
  await pointAt(dataDir, 'latest-model', first);
  await pointAt(dataDir, 'latest', second);
  expect(await readlink(join(runsDir(dataDir), 'latest'))).toBe('20261124T020000Z-evaluate');
  expect(await readlink(join(runsDir(dataDir), 'latest-model'))).toBe('20261124T010203Z-train');
  expect((await readdir(runsDir(dataDir))).sort()).toEqual([
    '20261124T010203Z-train',
    '20261124T020000Z-evaluate',
    'latest',
    'latest-model',
  ]);
});
