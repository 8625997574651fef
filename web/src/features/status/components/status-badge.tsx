/** The footer's health light: polls /api/status/ and links to the full report. */
import { Link } from 'react-router';
import { cn } from '@/lib/cn';
import { useStatus } from '../api/get-status';
import { OVERALL_DOT, OVERALL_TEXT, overallStatus } from './overall-status';

export function StatusBadge() {
  const { data, error } = useStatus();
  const overall = overallStatus(data, error);
  return (
    <Link
      to="/status"
      className="inline-flex items-center gap-2 rounded-full px-2.5 py-1 ring-1 ring-zinc-300 hover:bg-zinc-100 dark:ring-zinc-700 dark:hover:bg-zinc-800"
    >
      <span aria-hidden className={cn('size-2 rounded-full', OVERALL_DOT[overall])} />
      <span>
        <span className="sr-only">Service status: </span>
        {OVERALL_TEXT[overall]}
      </span>
    </Link>
  );
}
