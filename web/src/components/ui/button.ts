/**
 * The app's button looks, for a <button> and a <Link> alike: `primary` for the one main action of a
 * view (white on the darker accent, which keeps the contrast), `secondary` for the quieter ones.
 */
import { cn } from '@/lib/cn';

const KINDS = {
  primary: 'bg-accent-strong font-semibold text-white hover:brightness-90',
  secondary: 'font-medium ring-1 ring-zinc-300 hover:bg-zinc-100 dark:ring-zinc-700 dark:hover:bg-zinc-800',
};

const SIZES = { sm: 'px-4 py-1.5 text-sm', md: 'px-5 py-2', lg: 'px-6 py-3' };

export function buttonClass(kind: keyof typeof KINDS, size: keyof typeof SIZES = 'md'): string {
  return cn(
    'inline-flex items-center justify-center rounded-full text-center disabled:cursor-not-allowed disabled:opacity-50',
    KINDS[kind],
    SIZES[size],
  );
}
