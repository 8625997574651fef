/**
 * Spec 3: a fresh user rates a movie on its page, and For You has changed on the way back (no
 * reload); the page has a Similar row. A MovieLens user is told why rating is not offered.
 */
import { describe, expect, it } from 'vitest';
import { canRun, screenshot, useBrowserPage } from './support/browser';
import { browseAsMovieLensUser, forYouLinks, forYouRow, startFresh } from './support/flows';

describe.skipIf(!canRun)('the movie page', () => {
  const browser = useBrowserPage();

  it('rating a movie changes For You, without a reload', async () => {
    const { page } = browser;
    await startFresh(page);
    const before = await forYouLinks(page);
    await forYouRow(page).getByRole('link').first().click();
    await page.waitForURL(`**${before[0]}`);
    // Read the title from the rating control, which only the movie page has.
    const stars = page.getByRole('slider', { name: /^Your rating of / });
    const title = (await stars.getAttribute('aria-label'))!.replace(/^Your rating of /, '');
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    const saved = page.waitForResponse((r) => r.url().includes('/rate/') && r.request().method() === 'POST');
    await stars.focus();
    await page.keyboard.press('1');
    expect((await saved).ok()).toBe(true);
    expect(await stars.getAttribute('aria-valuenow')).toBe('1');
    await page
      .getByRole('list', { name: `Movies similar to ${title}` })
      .getByRole('link')
      .first()
      .waitFor();
    await screenshot(page, 'movie-page');

    await page.goBack();
    // The rated movie leaves For You (rated movies never appear there), so the row must change.
    await expect.poll(() => forYouLinks(page), { timeout: 15_000 }).not.toEqual(before);
    expect(await forYouLinks(page)).not.toContain(before[0]);
  });

  it('explains to a read-only MovieLens user why rating is not offered', async () => {
    const { page } = browser;
    await browseAsMovieLensUser(page, 1);
    await page.goto('/movie/603');
    await page.getByRole('heading', { level: 1, name: 'The Matrix' }).waitFor();
    await page.getByText(/MovieLens users are read-only here/).waitFor();
    // User 1 rated The Matrix 5 stars in MovieLens: shown, but not changeable.
    const stars = page.getByRole('slider', { name: 'Your rating of The Matrix' });
    expect(await stars.getAttribute('aria-valuenow')).toBe('5');
    expect(await stars.getAttribute('aria-disabled')).toBe('true');
  });
});
