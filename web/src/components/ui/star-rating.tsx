/**
 * Half-star rating, 0.5 to 5. One tab stop (an ARIA slider): arrows move by half a star, Home/End
 * jump to the ends, digits 1–5 pick whole stars. With a pointer, the left or right half of a star
 * picks the half or the whole, previewed on hover. Every change is reported at once.
 */
import { useState, type KeyboardEvent, type MouseEvent } from 'react';
import { cn } from '@/lib/cn';
import { countOf } from '@/lib/format';

const MIN = 0.5;
const MAX = 5;
const STARS = [1, 2, 3, 4, 5];

export interface StarRatingProps {
  value: number | null;
  /** Left out for a rating shown but not changeable (with `disabled`). */
  onChange?: (value: number) => void;
  /** The accessible name ("Your rating of Heat"). */
  label: string;
  disabled?: boolean;
  size?: 'sm' | 'lg';
  className?: string;
}

const clamp = (v: number) => Math.min(MAX, Math.max(MIN, v));
export const describeRating = (v: number | null) => (v === null ? 'Not rated' : `${countOf(v, 'star')} out of 5`);

function keyValue(key: string, current: number | null): number | null {
  const base = current ?? 0;
  if (key === 'ArrowRight' || key === 'ArrowUp') return clamp(base + 0.5);
  if (key === 'ArrowLeft' || key === 'ArrowDown') return clamp(base - 0.5);
  if (key === 'Home') return MIN;
  if (key === 'End') return MAX;
  if (/^[1-5]$/.test(key)) return Number(key);
  return null;
}

/** 0.5 steps from where the pointer is over star `star` (1-based). */
function pointerValue(event: MouseEvent<HTMLElement>, star: number): number {
  const box = event.currentTarget.getBoundingClientRect();
  const leftHalf = box.width > 0 && event.clientX - box.left < box.width / 2;
  return leftHalf ? star - 0.5 : star;
}

export function StarRating({ value, onChange, label, disabled, size = 'sm', className }: StarRatingProps) {
  const [hover, setHover] = useState<number | null>(null);
  const shown = hover ?? value ?? 0;

  // Only a different value is reported: re-picking the current one would save the same rating again.
  const pick = (next: number) => !disabled && next !== value && onChange?.(next);
  const onKeyDown = (event: KeyboardEvent) => {
    if (disabled) return;
    const next = keyValue(event.key, value);
    if (next === null) return;
    event.preventDefault();
    pick(next);
  };

  return (
    <div
      role="slider"
      tabIndex={disabled ? -1 : 0}
      aria-label={label}
      aria-valuemin={MIN}
      aria-valuemax={MAX}
      aria-valuenow={value ?? undefined}
      aria-valuetext={describeRating(value)}
      aria-disabled={disabled || undefined}
      onKeyDown={onKeyDown}
      onPointerLeave={() => setHover(null)}
      className={cn('inline-flex rounded-md', disabled ? 'cursor-not-allowed opacity-60' : 'cursor-pointer', className)}
    >
      {STARS.map((star) => (
        <span
          key={star}
          data-star={star}
          onPointerMove={(e) => !disabled && setHover(pointerValue(e, star))}
          onClick={(e) => pick(pointerValue(e, star))}
          className={cn('relative', size === 'lg' ? 'size-8' : 'size-5')}
        >
          <StarShape fill={Math.min(1, Math.max(0, shown - (star - 1)))} />
        </span>
      ))}
    </div>
  );
}

/** A star filled 0, half or all the way (a clip over a grey star). */
function StarShape({ fill }: { fill: number }) {
  const path = 'M12 2l2.9 6.26 6.86.62-5.2 4.5 1.56 6.72L12 16.6l-6.12 3.5 1.56-6.72-5.2-4.5 6.86-.62z';
  return (
    <svg viewBox="0 0 24 24" aria-hidden className="absolute inset-0 size-full">
      <path d={path} className="fill-zinc-300 dark:fill-zinc-600" />
      <path d={path} className="fill-amber-400" style={{ clipPath: `inset(0 ${100 - fill * 100}% 0 0)` }} />
    </svg>
  );
}
