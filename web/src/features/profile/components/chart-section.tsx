/**
 * A chart's frame, in the profile's first load: heading, the chart (lazy, behind a skeleton of the
 * same height) as an image whose name summarises it, and the numbers as a table for anyone who
 * prefers them (or cannot hover a bar).
 */
import { Suspense, useId, type ReactNode } from 'react';
import { Skeleton } from '@/components/ui/skeleton';

export interface ChartSectionProps {
  title: string;
  description: string;
  /** The chart's text alternative. */
  summary: string;
  height: number;
  chart: ReactNode;
  table: { columns: string[]; rows: (string | number)[][] };
}

export function ChartSection({ title, description, summary, height, chart, table }: ChartSectionProps) {
  const headingId = useId();
  return (
    <section
      aria-labelledby={headingId}
      className="rounded-xl bg-white p-4 ring-1 ring-zinc-200 sm:p-6 dark:bg-zinc-900/60 dark:ring-zinc-800"
    >
      <h2 id={headingId} className="text-lg font-semibold">
        {title}
      </h2>
      <p className="mb-4 text-sm text-zinc-600 dark:text-zinc-400">{description}</p>
      <div role="img" aria-label={summary} style={{ height }}>
        <Suspense fallback={<Skeleton className="h-full rounded-md" />}>{chart}</Suspense>
      </div>
      <DataTable caption={title} {...table} />
    </section>
  );
}

function DataTable({ caption, columns, rows }: ChartSectionProps['table'] & { caption: string }) {
  return (
    <details className="mt-3 text-sm">
      <summary className="cursor-pointer text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-white">
        Show the numbers
      </summary>
      <div className="mt-2 max-h-72 overflow-y-auto">
        <table className="w-full text-left">
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr className="border-b border-zinc-200 dark:border-zinc-800">
              {columns.map((c, i) => (
                <th key={c} scope="col" className={i > 0 ? 'py-1 text-right font-medium' : 'py-1 font-medium'}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(([head, ...cells]) => (
              <tr key={head} className="border-b border-zinc-100 last:border-0 dark:border-zinc-800/60">
                <th scope="row" className="py-1 font-normal">
                  {head}
                </th>
                {cells.map((cell, i) => (
                  <td key={i} className="py-1 text-right tabular-nums">
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
