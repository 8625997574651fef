/**
 * Home. Signed out: what this is, the two ways in, and the lists anyone sees. Signed in: the top pick
 * as a banner, then the user's rows (For You, Because you watched…, By Genre) and Trending.
 */
import { Page } from '@/components/ui/page';
import { BecauseYouWatchedRows } from '@/features/recommendations/components/because-you-watched-rows';
import { ByGenreRow } from '@/features/recommendations/components/by-genre-row';
import { ForYouRow } from '@/features/recommendations/components/for-you-row';
import { HomeHero } from '@/features/recommendations/components/home-hero';
import { PopularRow } from '@/features/recommendations/components/popular-row';
import { Welcome } from '@/features/recommendations/components/welcome';
import { sessionName, useSession } from '@/lib/session';

export default function HomeRoute() {
  const session = useSession();
  if (!session)
    return (
      <Page title="">
        <Welcome />
        <PopularRow list="trending" />
        <PopularRow list="top-rated" />
      </Page>
    );
  return (
    // Keyed by user: switching user starts the rows afresh (the genre chosen, the scroll positions).
    <Page key={session.userId} title="Home">
      <h1 className="sr-only">Recommendations for {sessionName(session)}</h1>
      <HomeHero userId={session.userId} />
      <div className="pt-4">
        <ForYouRow userId={session.userId} />
        <BecauseYouWatchedRows userId={session.userId} />
        <ByGenreRow userId={session.userId} />
        <PopularRow list="trending" />
      </div>
    </Page>
  );
}
