import { useEffect, useState } from 'react';

const whenIdle = (run: () => void): (() => void) => {
  // Safari has no requestIdleCallback; a timeout after the first paint is near enough.
  if ('requestIdleCallback' in window) {
    const id = window.requestIdleCallback(run, { timeout: 2000 });
    return () => window.cancelIdleCallback(id);
  }
  const id = setTimeout(run, 200);
  return () => clearTimeout(id);
};

/**
 * A module kept out of the first page's JavaScript (a menu, the toasts), fetched once the browser is
 * idle after the first render, so it is there by the time anyone needs it without delaying the page.
 * Undefined until it arrives; a failed fetch is tried again whenever `retryKey` changes.
 */
export function useIdleImport<T>(load: () => Promise<T>, retryKey?: unknown): T | undefined {
  const [loaded, setLoaded] = useState<{ module: T }>();
  useEffect(() => {
    if (loaded) return;
    let live = true;
    const cancel = whenIdle(() => {
      load().then(
        (module) => live && setLoaded({ module }),
        () => {}, // offline for now: the next retryKey asks again
      );
    });
    return () => {
      live = false;
      cancel();
    };
  }, [load, loaded, retryKey]);
  return loaded?.module;
}
