import { usePopular, type PopularList } from '../api/get-popular';
import { RecommendationRow } from './recommendation-row';

const TITLES: Record<PopularList, string> = { trending: 'Trending now', 'top-rated': 'Top rated' };

/** Trending or Top Rated: the same for everyone. */
export function PopularRow({ list }: { list: PopularList }) {
  const query = usePopular(list);
  return <RecommendationRow title={TITLES[list]} label={TITLES[list]} query={query} />;
}
