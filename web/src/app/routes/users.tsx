/** Pick a MovieLens user to browse as, or start a profile of your own. */
import { Link } from 'react-router';
import { Page } from '@/components/ui/page';
import { UserPicker } from '@/features/users/components/user-picker';

export default function UsersRoute() {
  return (
    <Page title="Choose a user" className="px-4 pt-8 sm:px-8">
      <h1 className="text-3xl font-bold tracking-tight">Who’s watching?</h1>
      <p className="mt-2 max-w-2xl text-zinc-600 dark:text-zinc-400">
        Browse as one of the MovieLens users: see what the model recommends from their ratings. Or{' '}
        <Link
          to="/onboarding"
          className="font-medium text-accent-strong underline-offset-2 hover:underline dark:text-accent"
        >
          start fresh
        </Link>{' '}
        with a few ratings of your own.
      </p>
      <div className="mt-6">
        <UserPicker />
      </div>
    </Page>
  );
}
