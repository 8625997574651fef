/** `/ratings`: what the signed-in user has rated, newest first, each re-ratable in place. */
import { Page } from '@/components/ui/page';
import { EmptyState } from '@/components/ui/status-message';
import { RatingsList } from '@/features/ratings/components/ratings-list';
import { SignInPrompt } from '@/features/ratings/components/rating-notices';
import { useSession } from '@/lib/session';

export default function RatingsRoute() {
  const session = useSession();
  return (
    <Page title="My ratings" className="mx-auto w-full max-w-3xl space-y-4 px-4 py-6 sm:px-8">
      <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">My ratings</h1>
      {session ? (
        <RatingsList key={session.userId} session={session} />
      ) : (
        <EmptyState>
          <SignInPrompt purpose="to see your ratings here" />
        </EmptyState>
      )}
    </Page>
  );
}
