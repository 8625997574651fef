/** The steps several specs take, through the UI as a person would (roles and labels, no sleeps). */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

export const forYouRow = (page: Page): Locator => page.getByRole('list', { name: 'For you', exact: true });

/** Picks user `id` in the user picker (ordered by id, so any id is on a page reachable by search). */
export async function browseAsMovieLensUser(page: Page, id: number): Promise<void> {
  await page.goto('/users');
  await page.getByRole('radio', { name: 'By id' }).click();
  await page.getByRole('searchbox', { name: 'Find a user by id' }).fill(String(id));
  await page.getByRole('button', { name: `Browse as user ${id}`, exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/');
}

/** Start fresh: two genres, five movies rated with the keyboard, then the recommendations. */
export async function startFresh(page: Page, genres: [string, string] = ['Comedy', 'Sci-Fi']): Promise<void> {
  await page.goto('/');
  await page.getByRole('link', { name: 'Start fresh' }).first().click();
  for (const genre of genres) await page.getByRole('button', { name: new RegExp(`^${genre}\\b`) }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  const sliders = page.getByRole('slider', { name: /^Rate / });
  await sliders.nth(4).waitFor();
  const submit = page.getByRole('button', { name: 'Show my recommendations' });
  for (let i = 0; i < 5; i++) {
    expect(await submit.isEnabled(), `enabled after ${i} ratings`).toBe(false);
    await sliders.nth(i).focus();
    await page.keyboard.press(String(5 - (i % 2)));
  }
  await submit.click();
  await page.waitForURL((url) => url.pathname === '/');
}

/** The movie pages the For You row links to, in order. */
export async function forYouLinks(page: Page): Promise<string[]> {
  const row = forYouRow(page);
  await row.getByRole('link').first().waitFor();
  return row.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
}
