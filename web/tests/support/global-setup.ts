/**
 * Starts, once for the whole e2e run, the local server (a copy of the prepared database, the
 * trained model and index, the built web app) and a chromium browser server the spec files connect
 * to. Without the prepared app or the build the specs skip locally; CI fails instead.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startLocalServer } from '@movierec/functions/server';
import { openPreparedApp, preparedAppPresent } from '@movierec/functions/testing';
import { chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';

const WEB_DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

declare module 'vitest' {
  export interface ProvidedContext {
    /** Empty when the specs cannot run here (they skip). */
    appUrl: string;
    browserWsEndpoint: string;
  }
}

function ready(): boolean {
  const built = existsSync(`${WEB_DIST}index.html`);
  const browser = existsSync(CHROMIUM_PATH);
  if (process.env.CI && !built) throw new Error(`CI needs the built web app in ${WEB_DIST} (npm start builds it)`);
  if (process.env.CI && !browser) throw new Error(`CI needs chromium at ${CHROMIUM_PATH} (.ci/run installs it)`);
  return preparedAppPresent() && built && browser;
}

export default async function setup(project: TestProject) {
  if (!ready()) {
    project.provide('appUrl', '');
    project.provide('browserWsEndpoint', '');
    return;
  }
  const app = await openPreparedApp();
  const server = await startLocalServer({ runtime: app.runtime, port: 0, webDist: WEB_DIST });
  const browser = await chromium.launchServer({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  project.provide('appUrl', server.url);
  project.provide('browserWsEndpoint', browser.wsEndpoint());
  return async () => {
    // PGlite's Emscripten runtime sets process.exitCode (to 0) when it shuts down, which would hide
    // the failures vitest has already recorded there: keep the code it had.
    const exitCode = process.exitCode;
    try {
      await browser.close();
      await server.close();
      await app.removeCopy();
    } finally {
      process.exitCode = exitCode;
    }
  };
}
