/**
 * The /api/docs page: Swagger UI over /api/openapi.json, its assets served from the swagger-ui-dist
 * package (no CDN, so the page works offline). The package is found by module resolution and read
 * from disk, never bundled: a Lambda bundle ships its files beside the code (infra's bundling).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const swaggerUiDir = () => dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
};

export function docsPage(specUrl: string, assetsUrl: string): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset='utf-8' />
  <title>Movie recommendations API</title>
  <link rel="stylesheet" href="${assetsUrl}/swagger-ui.css" />
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="${assetsUrl}/swagger-ui-bundle.js"></script>
  <script>window.ui = SwaggerUIBundle({ url: ${JSON.stringify(specUrl)}, dom_id: '#swagger-ui' });</script>
</body>
</html>`;
}

const loaded = new Map<string, Promise<string>>();

/** One of the page's assets (only those listed; never an arbitrary path), read once and kept. */
export async function swaggerAsset(file: string): Promise<{ body: string; type: string } | null> {
  const type = ASSETS[file];
  if (!type) return null;
  let body = loaded.get(file);
  if (!body) {
    body = readFile(join(swaggerUiDir(), file), 'utf-8');
    loaded.set(file, body);
  }
  return { body: await body, type };
}
