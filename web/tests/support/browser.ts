/**
 * What every spec needs: a page in a fresh browser context (its own storage, so no spec inherits
 * another's session) and the checks the issue asks of each screen.
 */
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';

export const appUrl = inject('appUrl');
/** The specs skip where the prepared app, the build or chromium is missing (never under CI). */
export const canRun = appUrl !== '';

/**
 * `UPDATE_SCREENSHOTS=1` writes them into docs/screenshots (the README shows those); otherwise into
 * web/tests/output, so a test run leaves the committed ones alone.
 */
const SCREENSHOTS = fileURLToPath(
  new URL(process.env.UPDATE_SCREENSHOTS ? '../../../docs/screenshots/' : '../output/', import.meta.url),
);

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 375, height: 740 };

export interface BrowserSession {
  page: Page;
  context: BrowserContext;
}

/** A page for one spec file: a fresh context before, everything closed after. */
export function useBrowserPage(): BrowserSession {
  const session = {} as BrowserSession;
  let browser: Browser;
  beforeAll(async () => {
    if (!canRun) return;
    browser = await chromium.connect(inject('browserWsEndpoint'));
    // Reduced motion: charts and transitions settle at once, so screenshots show the final state.
    session.context = await browser.newContext({ baseURL: appUrl, viewport: DESKTOP, reducedMotion: 'reduce' });
    // Waits (not sleeps) may take long on a loaded CI machine; a real hang still fails within the test timeout.
    session.context.setDefaultTimeout(45_000);
    session.page = await session.context.newPage();
  });
  afterAll(async () => {
    await session.context?.close();
    await browser?.close();
  });
  return session;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png` });
}

const brokenImages = (page: Page) =>
  page.$$eval('img', (images) =>
    images.filter((img) => img.complete && img.naturalWidth === 0).map((img) => img.currentSrc || img.src),
  );

/**
 * Every <img> either loaded or was swapped for its placeholder: none stays broken. Polled, since a
 * failed image is swapped by its error handler a moment after it fails.
 */
export async function expectNoBrokenImages(page: Page): Promise<void> {
  await expect.poll(() => brokenImages(page), { timeout: 10_000 }).toEqual([]);
}

const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe-core's serious and critical violations on the page as it is now. */
export async function seriousAccessibilityViolations(page: Page) {
  await page.addScriptTag({ path: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}
