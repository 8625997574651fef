/** Spec 1: browse as MovieLens user 1 → For You shows at least ten cards with titles, no broken image. */
import { describe, expect, it } from 'vitest';
import { canRun, DESKTOP, expectNoBrokenImages, PHONE, screenshot, useBrowserPage } from './support/browser';
import { browseAsMovieLensUser, forYouRow } from './support/flows';

describe.skipIf(!canRun)('impersonating a MovieLens user', () => {
  const browser = useBrowserPage();

  it('user 1 sees For You: at least ten cards with titles, and no broken image', async () => {
    const { page } = browser;
    await browseAsMovieLensUser(page, 1);
    const cards = forYouRow(page).getByRole('link');
    await cards.first().waitFor();
    expect(await cards.count()).toBeGreaterThanOrEqual(10);
    for (const title of await cards.allInnerTexts()) expect(title.trim().length).toBeGreaterThan(0);
    await expectNoBrokenImages(page);
    await screenshot(page, 'home-desktop');
  });

  it('prints the time from navigation to the first For You card', async () => {
    const { page } = browser;
    await page.goto('/');
    await forYouRow(page).getByRole('link').first().waitFor();
    const ms = await page.evaluate(() => performance.now());
    console.log(`time to first For You card: ${Math.round(ms)} ms (page load to the card, warm server)`);
  });

  it('fits a 375 px wide phone', async () => {
    const { page } = browser;
    await page.setViewportSize(PHONE);
    await page.goto('/');
    await forYouRow(page).getByRole('link').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'the page scrolls sideways').toBeLessThanOrEqual(0);
    await expectNoBrokenImages(page);
    await screenshot(page, 'home-phone');
    await page.setViewportSize(DESKTOP);
  });
});
