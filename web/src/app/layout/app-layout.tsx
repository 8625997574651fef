/** Every screen's frame: skip link, header (home, search, who is browsing, theme), footer (backend status). */
import { Suspense } from 'react';
import { Link, NavLink, Outlet, ScrollRestoration } from 'react-router';
import { SearchBox } from '@/features/movies/components/search-box';
import { StatusBadge } from '@/features/status/components/status-badge';
import { cn } from '@/lib/cn';
import { useSession } from '@/lib/session';
import { SessionMenu } from './session-menu';
import { ThemeToggle } from './theme-toggle';

const navClass = ({ isActive }: { isActive: boolean }) =>
  cn(
    'rounded px-2 py-1 text-sm font-medium',
    isActive
      ? 'text-accent-strong dark:text-accent'
      : 'text-zinc-700 hover:text-zinc-950 dark:text-zinc-300 dark:hover:text-white',
  );

export function AppLayout() {
  const session = useSession();
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="sr-only z-50 rounded bg-accent-strong px-3 py-2 font-medium text-white focus:not-sr-only focus:fixed focus:left-2 focus:top-2"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-40 border-b border-zinc-200 bg-white/90 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/90">
        {/* A phone puts the search on a row of its own; wider, it grows to fill the space between. */}
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2 sm:flex-nowrap sm:px-8">
          <Link to="/" className="shrink-0 text-lg font-bold tracking-tight">
            <span aria-hidden className="text-accent">
              ▶
            </span>{' '}
            Movierec
          </Link>
          {session && (
            // From lg only: beside them the search box would be too narrow. The session menu has the same links.
            <nav aria-label="Main" className="hidden shrink-0 gap-1 lg:flex">
              <NavLink to="/" end className={navClass}>
                Home
              </NavLink>
              <NavLink to="/ratings" className={navClass}>
                My ratings
              </NavLink>
              <NavLink to="/profile" className={navClass}>
                Profile
              </NavLink>
            </nav>
          )}
          <div className="order-last w-full sm:order-none sm:ml-auto sm:w-auto sm:max-w-96 sm:min-w-0 sm:flex-1">
            <SearchBox />
          </div>
          <div className="ml-auto flex shrink-0 items-center gap-2 sm:ml-0">
            <SessionMenu />
            <ThemeToggle />
          </div>
        </div>
      </header>
      <Suspense>
        <Outlet />
      </Suspense>
      <footer className="mt-auto flex flex-wrap items-center justify-between gap-2 border-t border-zinc-200 px-4 py-4 text-xs text-zinc-600 sm:px-8 dark:border-zinc-800 dark:text-zinc-400">
        <p>
          Ratings from MovieLens (GroupLens); metadata and images from TMDB. This product uses the TMDB API but is not
          endorsed or certified by TMDB.
        </p>
        <StatusBadge />
      </footer>
      <ScrollRestoration />
    </div>
  );
}
