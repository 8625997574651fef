import { useForYou } from '../api/get-for-you';
import { RecommendationRow } from './recommendation-row';

/** The user's personal picks. An empty list shows nothing here: the hero's place explains it. */
export function ForYouRow({ userId }: { userId: number }) {
  const query = useForYou(userId);
  if (query.data?.items.length === 0) return null;
  return <RecommendationRow title="For you" label="For you" query={query} />;
}
