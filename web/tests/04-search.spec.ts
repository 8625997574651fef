/** Spec 4: search "toy" with the keyboard → Toy Story (1995) → its page; Enter on the query → all results. */
import { describe, expect, it } from 'vitest';
import { canRun, screenshot, useBrowserPage } from './support/browser';

describe.skipIf(!canRun)('search', () => {
  const browser = useBrowserPage();

  it('finds Toy Story (1995) as you type and opens it with the keyboard', async () => {
    const { page } = browser;
    await page.goto('/');
    const box = page.getByRole('combobox', { name: 'Search movies' });
    await box.focus();
    await page.keyboard.type('toy');
    const toyStory = page.getByRole('option').filter({ hasText: 'Toy Story' }).filter({ hasText: '1995' });
    await toyStory.waitFor();
    await screenshot(page, 'search');
    const options = page.getByRole('option');
    const target = await toyStory.getAttribute('id');
    for (let i = 0; i < (await options.count()) && (await box.getAttribute('aria-activedescendant')) !== target; i++)
      await page.keyboard.press('ArrowDown');
    expect(await box.getAttribute('aria-activedescendant')).toBe(target);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/movie/862');
    await page.getByRole('heading', { level: 1, name: 'Toy Story' }).waitFor();
  });

  it('opens the full results page for Enter on the query', async () => {
    const { page } = browser;
    const box = page.getByRole('combobox', { name: 'Search movies' });
    await box.fill('toy');
    await page.getByRole('option').first().waitFor();
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/search' && url.searchParams.get('q') === 'toy');
    await page.getByRole('heading', { level: 1, name: /toy/i }).waitFor();
    // The heading shows before the results arrive: wait for the third Toy Story, not just count.
    const toyStories = page.getByRole('main').getByRole('link', { name: /Toy Story/ });
    await toyStories.nth(2).waitFor();
    expect(await toyStories.count()).toBeGreaterThanOrEqual(3);
  });
});
