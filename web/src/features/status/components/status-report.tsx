/**
 * The status page's body: the verdict, then every backend the API uses (database, vector indexes,
 * user encoders, movie metadata) with its role, whether it answers and what it said.
 */
import { ErrorState } from '@/components/ui/status-message';
import { cn } from '@/lib/cn';
import { buttonClass } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { formatCount } from '@/lib/format';
import { useStatus, type Status } from '../api/get-status';
import { OVERALL_DOT, OVERALL_TEXT, overallStatus, type Overall } from './overall-status';

interface Backend {
  name: string;
  role: string;
  reachable: boolean;
  detail: string | null;
  /** Counts worth showing: the database's rows, an index's points. */
  facts: [label: string, value: number | null][];
}

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

function BackendCard({ backend }: { backend: Backend }) {
  const facts = backend.facts.filter((fact): fact is [string, number] => fact[1] !== null);
  return (
    <article className="h-full rounded-lg p-4 ring-1 ring-zinc-200 dark:ring-zinc-800">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="font-semibold">{backend.name}</h3>
        <Reachable reachable={backend.reachable} />
      </div>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{backend.role}</p>
      {facts.length > 0 && (
        <dl className="mt-3 flex flex-wrap gap-x-6 gap-y-1 text-sm">
          {facts.map(([label, value]) => (
            <div key={label} className="flex gap-1.5">
              <dt className="text-zinc-600 dark:text-zinc-400">{label}</dt>
              <dd className="font-medium tabular-nums">{formatCount(value)}</dd>
            </div>
          ))}
        </dl>
      )}
      {backend.detail && (
        <p className="mt-3 break-words rounded bg-zinc-100 px-2 py-1.5 font-mono text-xs text-zinc-700 dark:bg-zinc-900 dark:text-zinc-300">
          {backend.detail}
        </p>
      )}
    </article>
  );
}

/** ✓ or ✗ in the text as well as the colour. */
function Reachable({ reachable }: { reachable: boolean }) {
  return (
    <span
      className={cn(
        'rounded-full px-2 py-0.5 text-xs font-semibold',
        reachable
          ? 'bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300'
          : 'bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300',
      )}
    >
      {reachable ? '✓ Reachable' : '✗ Unreachable'}
    </span>
  );
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
