/** One backend on the status page: its name, role, whether it answers, its counts and what it said. */
import { cn } from '@/lib/cn';
import { formatCount } from '@/lib/format';

export interface Backend {
  name: string;
  role: string;
  reachable: boolean;
  detail: string | null;
  /** Counts worth showing: the database's rows, an index's points. */
  facts: [label: string, value: number | null][];
}

export function BackendCard({ backend }: { backend: Backend }) {
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
