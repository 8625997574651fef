/** Error and empty states: say what happened and offer the way on (retry, or a link). */
import type { ReactNode } from 'react';
import { errorMessage } from '@/lib/api/client';
import { cn } from '@/lib/cn';

export function ErrorState({
  error,
  onRetry,
  className,
}: {
  error: unknown;
  onRetry?: () => void;
  className?: string;
}) {
  return (
    <div
      role="alert"
      className={cn(
        'rounded-md border border-red-300 bg-red-50 p-4 text-sm dark:border-red-900 dark:bg-red-950/40',
        className,
      )}
    >
      <p className="text-red-800 dark:text-red-200">{errorMessage(error)}</p>
      {onRetry && (
        <button
          type="button"
          onClick={onRetry}
          className="mt-2 rounded bg-red-700 px-3 py-1 font-medium text-white hover:bg-red-800"
        >
          Retry
        </button>
      )}
    </div>
  );
}

export function EmptyState({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <div
      className={cn(
        'rounded-md border border-dashed border-zinc-300 p-6 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400',
        className,
      )}
    >
      {children}
    </div>
  );
}

/** A fallback served the list: say so discreetly, not as an error. */
export function DegradedNotice({ notice }: { notice: string | null | undefined }) {
  if (!notice) return null;
  return <p className="text-xs text-amber-700 dark:text-amber-400">{notice}</p>;
}
