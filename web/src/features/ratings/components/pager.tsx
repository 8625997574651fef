/** Previous / Next links over `?page=`, with "Page 2 of 12" when the total is known. */
import { Link } from 'react-router';
import { cn } from '@/lib/cn';
import { buttonClass } from '@/components/ui/button';

const button = cn(buttonClass('secondary', 'sm'), 'disabled:hover:bg-transparent');

export function Pager({ page, pages, hasMore }: { page: number; pages: number | null; hasMore: boolean }) {
  if (page === 1 && !hasMore) return null;
  return (
    <nav aria-label="Pages" className="mt-6 flex items-center justify-between gap-4">
      <PageLink page={page - 1} show={page > 1} rel="prev">
        ‹ Previous
      </PageLink>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Page {page}
        {pages !== null && ` of ${pages}`}
      </p>
      <PageLink page={page + 1} show={hasMore} rel="next">
        Next ›
      </PageLink>
    </nav>
  );
}

function PageLink({ page, show, rel, children }: { page: number; show: boolean; rel: string; children: string }) {
  // A page that does not exist is a disabled button (the bar keeps its layout), not a link to nowhere.
  if (!show)
    return (
      <button type="button" disabled className={button}>
        {children}
      </button>
    );
  return (
    <Link to={`?page=${page}`} rel={rel} className={button}>
      {children}
    </Link>
  );
}
