/** Dark or light: the system's choice until the person picks one (index.html applies it before paint). */
import { useSyncExternalStore } from 'react';

const KEY = 'movierec.theme';
export type Theme = 'light' | 'dark';

const media = () => window.matchMedia('(prefers-color-scheme: dark)');
const listeners = new Set<() => void>();

export function currentTheme(): Theme {
  const saved = localStorage.getItem(KEY);
  if (saved === 'light' || saved === 'dark') return saved;
  return media().matches ? 'dark' : 'light';
}

function apply(): void {
  document.documentElement.classList.toggle('dark', currentTheme() === 'dark');
  listeners.forEach((listener) => listener());
}

export function setTheme(theme: Theme): void {
  localStorage.setItem(KEY, theme);
  apply();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const query = media();
  query.addEventListener('change', apply);
  return () => {
    listeners.delete(listener);
    query.removeEventListener('change', apply);
  };
}

export const useTheme = (): Theme => useSyncExternalStore(subscribe, currentTheme, () => 'light');
