/** Why the stars cannot be used: nobody is signed in, or a MovieLens user (their history is the data set). */
import { Link } from 'react-router';

const link = 'font-medium text-accent-strong underline-offset-2 hover:underline dark:text-accent';

/** "Sign in or start fresh to rate this movie." — `purpose` completes the sentence. */
export function SignInPrompt({ purpose }: { purpose: string }) {
  return (
    <p className="text-sm text-zinc-700 dark:text-zinc-300">
      <Link to="/users" className={link}>
        Sign in
      </Link>{' '}
      or{' '}
      <Link to="/onboarding" className={link}>
        start fresh
      </Link>{' '}
      {purpose}.
    </p>
  );
}

export function ReadOnlyNotice() {
  return (
    <p className="text-sm text-zinc-700 dark:text-zinc-300">
      MovieLens users are read-only here: their ratings are the data the model learned from.{' '}
      <Link to="/onboarding" className={link}>
        Start fresh
      </Link>{' '}
      to rate movies yourself.
    </p>
  );
}
