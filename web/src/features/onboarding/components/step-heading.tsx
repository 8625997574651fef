import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A step's title, the page's one h1. After Next or Back it takes the focus, so a keyboard or screen
 * reader user starts at the top of the new step instead of on a button that has gone.
 */
export function StepHeading({
  step,
  title,
  focusOnMount,
  children,
}: {
  step: 1 | 2;
  title: string;
  focusOnMount: boolean;
  children: ReactNode;
}) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnMount) ref.current?.focus();
  }, [focusOnMount]);
  return (
    <header className="mb-6">
      <p className="text-sm font-medium text-accent-strong dark:text-accent">Step {step} of 2</p>
      <h1 ref={ref} tabIndex={-1} className="mt-1 text-2xl font-bold tracking-tight outline-none sm:text-3xl">
        {title}
      </h1>
      <p className="mt-2 max-w-2xl text-zinc-600 dark:text-zinc-400">{children}</p>
    </header>
  );
}
