/** Spec 5: the profile's charts render for user 1; the status page lists every backend. */
import { describe, expect, it } from 'vitest';
import { canRun, screenshot, useBrowserPage } from './support/browser';
import { browseAsMovieLensUser } from './support/flows';

describe.skipIf(!canRun)('profile and status', () => {
  const browser = useBrowserPage();

  it("renders user 1's charts: distribution, top genres, ratings over time", async () => {
    const { page } = browser;
    await browseAsMovieLensUser(page, 1);
    await page.goto('/profile');
    for (const chart of ['Rating distribution', 'Top genres', 'Ratings over time']) {
      const section = page.getByRole('region', { name: chart });
      await section.getByRole('heading', { name: chart }).waitFor();
      // The chart is drawn: an SVG with marks inside the labelled image.
      const marks = section.getByRole('img').locator('svg path, svg rect');
      await expect.poll(() => marks.count(), { message: chart, timeout: 10_000 }).toBeGreaterThan(2);
    }
    await screenshot(page, 'profile');
  });

  it('lists the backends and whether each answers', async () => {
    const { page } = browser;
    await page.goto('/status');
    await page.getByRole('heading', { level: 1 }).waitFor();
    const main = page.getByRole('main');
    await main
      .getByText(/Reachable/)
      .first()
      .waitFor();
    for (const group of ['Database', 'Vector index', 'Encoder', 'Metadata'])
      expect(await main.getByRole('heading', { name: new RegExp(group, 'i') }).count(), group).toBeGreaterThan(0);
    expect(await main.getByText(/pglite/i).count()).toBeGreaterThan(0);
    await screenshot(page, 'status');
  });
});
