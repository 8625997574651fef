import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { webBuildIsStale } from './web-build.js';

let web: string;
const at = (path: string, seconds: number) => utimes(path, seconds, seconds);

beforeEach(async () => {
  web = await mkdtemp(join(tmpdir(), 'web-build-'));
  await mkdir(join(web, 'src', 'features'), { recursive: true });
  await writeFile(join(web, 'src', 'features', 'a.tsx'), 'export {}');
  await writeFile(join(web, 'index.html'), '<div id="root"></div>');
});
afterEach(() => rm(web, { recursive: true, force: true }));

async function build(seconds: number) {
  await mkdir(join(web, 'dist'), { recursive: true });
  await writeFile(join(web, 'dist', 'index.html'), 'built');
  await at(join(web, 'dist', 'index.html'), seconds);
}

it('needs a build when web/dist is missing', () => {
  expect(webBuildIsStale(web)).toBe(true);
});

it('needs none when the build is newer than every source, and one after any source changes', async () => {
  for (const path of ['src/features/a.tsx', 'src/features', 'src', 'index.html']) await at(join(web, path), 1_000);
  await build(2_000);
  expect(webBuildIsStale(web)).toBe(false);
  await at(join(web, 'src', 'features', 'a.tsx'), 3_000);
  expect(webBuildIsStale(web)).toBe(true);
});
