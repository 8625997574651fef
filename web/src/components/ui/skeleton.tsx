/**
 * A grey block where content is on its way, shaped by `className` (size, rounding). Decorative: the
 * container says what is loading (role="status" with a label). It pulses only for people who have
 * not asked for less motion.
 */
import { cn } from '@/lib/cn';

export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden className={cn('bg-zinc-200 motion-safe:animate-pulse dark:bg-zinc-800', className)} />;
}
