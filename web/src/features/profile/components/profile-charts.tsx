/** The three statistics charts, each framed with its heading, summary and table; recharts loads lazily. */
import { lazy } from 'react';
import type { UserStatistics } from '../api/get-user-statistics';
import {
  activitySummary,
  distributionSummary,
  fillMonths,
  formatAverage,
  genresSummary,
  monthLabel,
  padMonths,
  starsLabel,
} from './chart-data';
import { ChartSection } from './chart-section';

// One chunk for all three (recharts with it), fetched when the first chart renders.
const charts = () => import('./charts');
const DistributionChart = lazy(() => charts().then((m) => ({ default: m.DistributionChart })));
const GenresChart = lazy(() => charts().then((m) => ({ default: m.GenresChart })));
const ActivityChart = lazy(() => charts().then((m) => ({ default: m.ActivityChart })));

const CHART_HEIGHT = 240;
const MIN_MONTHS = 6;
/** Room for each genre's bar and label. */
const genresHeight = (count: number) => Math.max(120, count * 32 + 32);

export function ProfileCharts({ statistics }: { statistics: UserStatistics }) {
  const { distribution, top_genres: genres, activity } = statistics;
  const months = fillMonths(activity);
  // Side by side on wide screens: both as tall as the genre list needs, so the cards line up.
  const height = Math.max(CHART_HEIGHT, genresHeight(genres.length));
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <ChartSection
        title="Rating distribution"
        description="How many movies got each number of stars."
        summary={distributionSummary(distribution)}
        height={height}
        chart={<DistributionChart data={distribution} height={height} />}
        table={{ columns: ['Stars', 'Ratings'], rows: distribution.map((d) => [starsLabel(d.rating), d.count]) }}
      />
      <ChartSection
        title="Top genres"
        description="The most rated genres, with the average rating given to each."
        summary={genresSummary(genres)}
        height={height}
        chart={<GenresChart data={genres} height={height} />}
        table={{
          columns: ['Genre', 'Ratings', 'Average'],
          rows: genres.map((g) => [g.genre, g.count, `${formatAverage(g.average_rating)} ★`]),
        }}
      />
      <div className="lg:col-span-2">
        <ChartSection
          title="Ratings over time"
          description="Movies rated each month."
          summary={activitySummary(months)}
          height={CHART_HEIGHT}
          chart={<ActivityChart data={padMonths(months, MIN_MONTHS)} height={CHART_HEIGHT} />}
          table={{ columns: ['Month', 'Ratings'], rows: activity.map((m) => [monthLabel(m.month), m.count]) }}
        />
      </div>
    </div>
  );
}
