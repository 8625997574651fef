/** `/ratings`: what the signed-in user has rated, newest first, each re-ratable in place. */
import { Page } from '@/components/ui/page';
import { SignInNeeded } from '@/components/ui/sign-in-needed';
import { RatingsList } from '@/features/ratings/components/ratings-list';
import { useSession } from '@/lib/session';

export default function RatingsRoute() {
  const session = useSession();
  if (!session)
    return (
      <Page title="My ratings">
        <SignInNeeded title="My ratings">
          Sign in to see every movie you have rated, newest first, and change any rating in place.
        </SignInNeeded>
      </Page>
    );
  return (
    <Page title="My ratings" className="mx-auto w-full max-w-3xl space-y-4 px-4 py-6 sm:px-8">
      <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">My ratings</h1>
      <RatingsList key={session.userId} session={session} />
    </Page>
  );
}
