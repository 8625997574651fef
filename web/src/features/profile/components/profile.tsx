/** The signed-in user's statistics: a summary, then the charts (see ProfileCharts). */
import { Link } from 'react-router';
import { SignInNeeded } from '@/components/ui/sign-in-needed';
import { EmptyState, ErrorState } from '@/components/ui/status-message';
import { useSession, type Session } from '@/lib/session';
import { Skeleton } from '@/components/ui/skeleton';
import { formatCount, formatList } from '@/lib/format';
import { useUserStatistics, type UserStatistics } from '../api/get-user-statistics';
import { formatAverage } from './chart-data';
import { ProfileCharts } from './profile-charts';

const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium' });
const formatDate = (iso: string | null) => (iso ? dateFormat.format(new Date(iso)) : '—');

export function Profile() {
  const session = useSession();
  return (
    <div className="mx-auto max-w-6xl px-4 pt-8 sm:px-8">
      {session ? (
        <ProfileStatistics session={session} />
      ) : (
        <SignInNeeded title="Your profile">
          Sign in to see how you rate: your star distribution, favourite genres and activity over time.
        </SignInNeeded>
      )}
    </div>
  );
}

const title = (s: Session) => (s.kind === 'movielens' ? `MovieLens user ${s.movielensId ?? s.userId}` : 'Your profile');

function ProfileStatistics({ session }: { session: Session }) {
  const { data, error, refetch } = useUserStatistics(session.userId);
  return (
    <>
      <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{title(session)}</h1>
      {data && data.user.preferred_genres.length > 0 && (
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Likes {formatList(data.user.preferred_genres)}</p>
      )}
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} className="mt-6" />
      ) : !data ? (
        <ProfileSkeleton />
      ) : data.rating_count === 0 ? (
        <EmptyState className="mt-6">
          No ratings yet. Rate a few movies and your statistics appear here.{' '}
          <Link to="/" className="font-medium text-accent-strong dark:text-accent underline">
            Find movies
          </Link>
        </EmptyState>
      ) : (
        <>
          <Summary statistics={data} />
          <ProfileCharts statistics={data} />
        </>
      )}
    </>
  );
}

function Summary({ statistics: s }: { statistics: UserStatistics }) {
  const items: [string, string][] = [
    ['Ratings', formatCount(s.rating_count)],
    ['Average rating', s.average_rating === null ? '—' : `${formatAverage(s.average_rating)} ★`],
    ['First rated', formatDate(s.first_rated_at)],
    ['Last rated', formatDate(s.last_rated_at)],
  ];
  return (
    <section aria-label="Summary" className="my-6">
      <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
        {items.map(([label, value]) => (
          <div key={label} className="rounded-xl bg-zinc-100 p-4 dark:bg-zinc-900">
            <dt className="text-sm text-zinc-600 dark:text-zinc-400">{label}</dt>
            <dd className="mt-1 text-xl font-semibold tabular-nums sm:text-2xl">{value}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-3 text-sm">
        <Link to="/ratings" className="font-medium text-accent-strong dark:text-accent hover:underline">
          See every rating →
        </Link>
      </p>
    </section>
  );
}

function ProfileSkeleton() {
  return (
    <div role="status" aria-label="Loading statistics">
      <div className="my-6 grid grid-cols-2 gap-3 md:grid-cols-4">
        {[0, 1, 2, 3].map((i) => (
          <Skeleton key={i} className="h-20 rounded-xl" />
        ))}
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        {[0, 1].map((i) => (
          <Skeleton key={i} className="h-80 rounded-xl" />
        ))}
      </div>
    </div>
  );
}
