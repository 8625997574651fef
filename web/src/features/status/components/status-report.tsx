/**
 * The status page's body: the verdict, then every backend the API uses (database, vector indexes,
 * user encoders, movie metadata) with its role, whether it answers and what it said.
 */
import { ErrorState } from '@/components/ui/status-message';
import { cn } from '@/lib/cn';
import { buttonClass } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { useStatus, type Status } from '../api/get-status';
import { BackendCard, type Backend } from './backend-card';
import { OVERALL_DOT, OVERALL_TEXT, overallStatus, type Overall } from './overall-status';

const time = new Intl.DateTimeFormat('en', { timeStyle: 'medium' });

const EXPLANATION: Record<Overall, string> = {
  checking: 'Asking the API about its backends…',
  ok: 'Every backend answers.',
  degraded:
    'Something configured does not answer. The app keeps serving through fallbacks, such as popular movies in place of personal picks.',
  unreachable: 'The API does not answer, so nothing can be loaded right now.',
};

function groups(status: Status): { title: string; backends: Backend[] }[] {
  const { database: db } = status;
  const counts = db.counts;
  const plain = (b: Status['encoder'][number]): Backend => ({ ...b, facts: [] });
  return [
    {
      title: 'Database',
      backends: [
        {
          ...db,
          facts: [
            ['Movies', counts?.movies ?? null],
            ['Users', counts?.users ?? null],
            ['Ratings', counts?.ratings ?? null],
          ],
        },
      ],
    },
    { title: 'Vector index', backends: status.vector_index.map((v) => ({ ...v, facts: [['Points', v.points]] })) },
    { title: 'User encoder', backends: status.encoder.map(plain) },
    { title: 'Movie metadata', backends: status.metadata.map(plain) },
  ];
}

export function StatusReport() {
  const { data, error, isFetching, dataUpdatedAt, refetch } = useStatus();
  const overall = overallStatus(data, error);
  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <p className="flex items-center gap-2 text-lg font-semibold">
            <span aria-hidden className={cn('size-3 rounded-full', OVERALL_DOT[overall])} />
            {OVERALL_TEXT[overall]}
          </p>
          <p className="mt-1 max-w-2xl text-sm text-zinc-600 dark:text-zinc-400">{EXPLANATION[overall]}</p>
        </div>
        <div className="flex items-center gap-3">
          {dataUpdatedAt > 0 && (
            <p className="text-xs text-zinc-600 dark:text-zinc-400">Checked at {time.format(dataUpdatedAt)}</p>
          )}
          <button
            type="button"
            onClick={() => void refetch()}
            disabled={isFetching}
            className={buttonClass('secondary', 'sm')}
          >
            {isFetching ? 'Checking…' : 'Refresh'}
          </button>
        </div>
      </div>
      {error ? <ErrorState error={error} className="mt-6" /> : null}
      {data ? <BackendGroups status={data} /> : !error && <ReportSkeleton />}
    </>
  );
}

function BackendGroups({ status }: { status: Status }) {
  return groups(status).map(({ title, backends }) => (
    <section key={title} className="mt-8">
      <h2 className="mb-3 text-sm font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400">{title}</h2>
      {backends.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">None configured.</p>
      ) : (
        <ul className="grid gap-3 md:grid-cols-2">
          {backends.map((backend) => (
            <li key={backend.name}>
              <BackendCard backend={backend} />
            </li>
          ))}
        </ul>
      )}
    </section>
  ));
}

function ReportSkeleton() {
  return (
    <div role="status" aria-label="Loading backends" className="mt-8 grid gap-3 md:grid-cols-2">
      {[0, 1, 2, 3].map((i) => (
        <Skeleton key={i} className="h-28 rounded-lg" />
      ))}
    </div>
  );
}
