/** Dark or light: the system's choice until the person picks the other (index.html applies it before paint). */
import { useSyncExternalStore } from 'react';

const KEY = 'movierec.theme';
export type Theme = 'light' | 'dark';

let query: MediaQueryList | undefined;
const media = () => (query ??= window.matchMedia('(prefers-color-scheme: dark)'));
const systemTheme = (): Theme => (media().matches ? 'dark' : 'light');
const listeners = new Set<() => void>();

export function currentTheme(): Theme {
  const saved = localStorage.getItem(KEY);
  return saved === 'light' || saved === 'dark' ? saved : systemTheme();
}

function apply(): void {
  document.documentElement.classList.toggle('dark', currentTheme() === 'dark');
  listeners.forEach((listener) => listener());
}

/**
 * Picking the system's own theme forgets the choice, so the page follows the system again: a toggle
 * has no third "system" position to go back to.
 */
export function setTheme(theme: Theme): void {
  if (theme === systemTheme()) localStorage.removeItem(KEY);
  else localStorage.setItem(KEY, theme);
  apply();
}

const onStorage = (event: StorageEvent) => event.key === KEY && apply();

// One set of listeners (the system's theme, another tab's choice) however many components watch:
// added with the first, removed with the last.
function subscribe(listener: () => void): () => void {
  if (listeners.size === 0) {
    media().addEventListener('change', apply);
    window.addEventListener('storage', onStorage);
  }
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size > 0) return;
    media().removeEventListener('change', apply);
    window.removeEventListener('storage', onStorage);
  };
}

export const useTheme = (): Theme => useSyncExternalStore(subscribe, currentTheme, () => 'light');
