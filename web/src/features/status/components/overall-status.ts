/** The one-line verdict shared by the footer badge and the status page. */
import type { Status } from '../api/get-status';

export type Overall = 'checking' | 'ok' | 'degraded' | 'unreachable';

/** The latest answer wins: a failed poll after a good one means the API has gone. */
export function overallStatus(data: Status | undefined, error: unknown): Overall {
  if (error) return 'unreachable';
  return data ? data.status : 'checking';
}

export const OVERALL_TEXT: Record<Overall, string> = {
  checking: 'Checking status…',
  ok: 'All systems normal',
  degraded: 'Degraded',
  unreachable: 'API unreachable',
};

export const OVERALL_DOT: Record<Overall, string> = {
  checking: 'bg-zinc-400',
  ok: 'bg-emerald-500',
  degraded: 'bg-amber-500',
  unreachable: 'bg-red-600',
};
