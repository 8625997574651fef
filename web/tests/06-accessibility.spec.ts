/** Spec 6: axe-core finds no serious or critical violation on home, a movie page, onboarding and search. */
import { describe, expect, it } from 'vitest';
import { canRun, seriousAccessibilityViolations, useBrowserPage } from './support/browser';
import { browseAsMovieLensUser, forYouRow } from './support/flows';

describe.skipIf(!canRun)('accessibility (axe-core)', () => {
  const browser = useBrowserPage();

  it('home, signed out', async () => {
    const { page } = browser;
    await page.goto('/');
    await page
      .getByRole('list', { name: /trending/i })
      .getByRole('link')
      .first()
      .waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('onboarding, both steps', async () => {
    const { page } = browser;
    await page.goto('/onboarding');
    await page.getByRole('button', { name: /^Drama\b/ }).click();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Next' }).click();
    await page
      .getByRole('slider', { name: /^Rate / })
      .first()
      .waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('home and a movie page as user 1, in light and dark', async () => {
    const { page } = browser;
    await browseAsMovieLensUser(page, 1);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto('/');
      await forYouRow(page).getByRole('link').first().waitFor();
      expect(await seriousAccessibilityViolations(page), `home, ${scheme}`).toEqual([]);
      await page.goto('/movie/603');
      await page.getByRole('heading', { level: 1, name: 'The Matrix' }).waitFor();
      expect(await seriousAccessibilityViolations(page), `movie page, ${scheme}`).toEqual([]);
    }
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('search: the open suggestions and the results page', async () => {
    const { page } = browser;
    await page.goto('/');
    await page.getByRole('combobox', { name: 'Search movies' }).fill('star');
    await page.getByRole('option').first().waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.goto('/search?q=star');
    await page.getByRole('main').getByRole('link').first().waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
});
