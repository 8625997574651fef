/**
 * The JavaScript a first visit downloads before anything renders: the entry script index.html loads
 * and the chunks it preloads, gzipped (what the server sends). Screens loaded later (the profile's
 * charts, say) are not counted. Printed after every build; the budget is 150 KB.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const BUDGET_KB = 150;

export function initialScripts(indexHtml: string): string[] {
  const tags = indexHtml.matchAll(
    /<(?:script[^>]*type="module"[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+)"/g,
  );
  return [...new Set([...tags].map((m) => m[1]!))];
}

export async function initialJsGzipKb(dist = DIST): Promise<{ files: string[]; kb: number }> {
  const files = initialScripts(await readFile(join(dist, 'index.html'), 'utf-8'));
  const sizes = await Promise.all(files.map(async (f) => gzipSync(await readFile(join(dist, f))).length));
  return { files, kb: sizes.reduce((a, b) => a + b, 0) / 1024 };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { files, kb } = await initialJsGzipKb();
  const verdict = kb <= BUDGET_KB ? 'within' : 'OVER';
  console.log(
    `initial JavaScript: ${kb.toFixed(1)} KB gzipped in ${files.length} file(s), ${verdict} the ${BUDGET_KB} KB budget`,
  );
}
