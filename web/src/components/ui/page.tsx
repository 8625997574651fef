/** A screen's main landmark and document title ("Heat (1995) · Movierec"). */
import { useEffect, type ReactNode } from 'react';
import { cn } from '@/lib/cn';

export function Page({ title, children, className }: { title: string; children: ReactNode; className?: string }) {
  useEffect(() => {
    document.title = title ? `${title} · Movierec` : 'Movierec';
  }, [title]);
  return (
    <main id="main" tabIndex={-1} className={cn('flex-1 pb-12 outline-none', className)}>
      {children}
    </main>
  );
}
