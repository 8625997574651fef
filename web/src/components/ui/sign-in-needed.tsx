/** A screen that shows one person's data, opened by nobody: what it would show, and the two ways in. */
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { buttonClass } from './button';

export function SignInNeeded({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{title}</h1>
      <p className="mt-3 text-zinc-600 dark:text-zinc-400">{children}</p>
      <div className="mt-6 flex flex-wrap justify-center gap-3">
        <Link to="/users" className={buttonClass('primary')}>
          Sign in as a MovieLens user
        </Link>
        <Link to="/onboarding" className={buttonClass('secondary')}>
          Start fresh
        </Link>
      </div>
    </div>
  );
}
