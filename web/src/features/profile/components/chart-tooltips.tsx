/** The charts' tooltips: the hovered row's numbers, in the page's own colours (HTML, so dark: works). */
import type { TooltipContentProps } from 'recharts';
import { countOf } from '@/lib/format';
import {
  formatAverage,
  monthLabel,
  starsLabel,
  type Distribution,
  type MonthCount,
  type TopGenres,
} from './chart-data';

/** A tooltip built from the hovered row. */
function tooltipFor<Row>(describe: (row: Row) => { title: string; lines: string[] }) {
  return function ChartTooltip({ active, payload }: TooltipContentProps) {
    // recharts hands back the data row it was given, untyped.
    const row = payload[0]?.payload as Row | undefined;
    if (!active || !row) return null;
    const { title, lines } = describe(row);
    return (
      <div className="rounded-md bg-white px-3 py-2 text-sm shadow-lg ring-1 ring-black/10 dark:bg-zinc-900 dark:ring-white/15">
        <p className="font-semibold">{title}</p>
        {lines.map((line) => (
          <p key={line} className="text-zinc-600 dark:text-zinc-300">
            {line}
          </p>
        ))}
      </div>
    );
  };
}

const ratings = (count: number) => countOf(count, 'rating');

export const distributionTooltip = tooltipFor<Distribution[number]>((d) => ({
  title: starsLabel(d.rating),
  lines: [ratings(d.count)],
}));
export const genreTooltip = tooltipFor<TopGenres[number]>((g) => ({
  title: g.genre,
  lines: [ratings(g.count), `Average ${formatAverage(g.average_rating)} ★`],
}));
export const activityTooltip = tooltipFor<MonthCount>((m) => ({
  title: monthLabel(m.month),
  lines: [ratings(m.count)],
}));
