/** Spec 2: start fresh → two genres → five ratings → recommendations; a reload keeps that user. */
import { describe, expect, it } from 'vitest';
import { canRun, expectNoBrokenImages, screenshot, useBrowserPage } from './support/browser';
import { forYouLinks, startFresh } from './support/flows';

describe.skipIf(!canRun)('starting fresh', () => {
  const browser = useBrowserPage();

  it('rates five movies from two genres and gets recommendations', async () => {
    const { page } = browser;
    await page.goto('/onboarding');
    await page.getByRole('button', { name: /^Comedy\b/ }).waitFor();
    await screenshot(page, 'onboarding-genres');
    await startFresh(page);
    expect((await forYouLinks(page)).length).toBeGreaterThan(0);
    await expectNoBrokenImages(page);
  });

  it('is still that user after a reload', async () => {
    const { page } = browser;
    const menu = page.getByRole('button', { name: /^Your profile \(#\d+\)/ });
    const before = await menu.innerText();
    await page.reload();
    expect(await menu.innerText()).toBe(before);
    expect((await forYouLinks(page)).length).toBeGreaterThan(0);
    const session = await page.evaluate(() => JSON.parse(localStorage.getItem('movierec.session') ?? 'null'));
    expect(session).toMatchObject({ kind: 'cold_start', readOnly: false, token: expect.any(String) });
  });
});
