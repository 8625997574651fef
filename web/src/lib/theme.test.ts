import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

/** A system theme the test can flip, and the listeners the module left on it. */
function fakeSystem(dark: boolean) {
  const listeners = new Set<() => void>();
  const query = {
    get matches() {
      return dark;
    },
    addEventListener: (_: string, listener: () => void) => listeners.add(listener),
    removeEventListener: (_: string, listener: () => void) => listeners.delete(listener),
  };
  vi.stubGlobal('matchMedia', () => query);
  const flip = () => {
    dark = !dark;
    listeners.forEach((listener) => listener());
  };
  return { listeners, flip };
}

// A fresh module per test: it keeps the media query it first asked for.
const loadTheme = async () => {
  vi.resetModules();
  return import('./theme');
};
const isDark = () => document.documentElement.classList.contains('dark');

afterEach(() => {
  vi.unstubAllGlobals();
  document.documentElement.classList.remove('dark');
});

describe('theme', () => {
  it('saves a theme other than the system’s, and forgets it when the system’s is picked again', async () => {
    fakeSystem(false);
    const { setTheme, currentTheme } = await loadTheme();
    setTheme('dark');
    expect([localStorage.getItem('movierec.theme'), isDark()]).toEqual(['dark', true]);
    setTheme('light');
    expect([localStorage.getItem('movierec.theme'), isDark(), currentTheme()]).toEqual([null, false, 'light']);
  });

  it('follows the system while anything shows the theme, however many come and go', async () => {
    const system = fakeSystem(false);
    const { useTheme } = await loadTheme();
    const first = renderHook(() => useTheme());
    const second = renderHook(() => useTheme());
    first.unmount();
    act(() => system.flip());
    expect([isDark(), second.result.current]).toEqual([true, 'dark']);
    second.unmount();
    expect(system.listeners.size).toBe(0);
  });
});
