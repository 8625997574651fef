/** The signed-out start screen: what this is, and the two ways in. */
import { Link } from 'react-router';

export function Welcome() {
  return (
    <section className="relative isolate overflow-hidden px-4 py-12 sm:px-8 sm:py-20">
      <div
        aria-hidden
        className="absolute inset-0 -z-10 bg-[radial-gradient(ellipse_at_top_left,color-mix(in_oklab,var(--color-accent)_20%,transparent),transparent_60%)]"
      />
      <h1 className="max-w-3xl text-4xl font-bold tracking-tight text-balance sm:text-6xl">
        Find the movie you will love tonight.
      </h1>
      <p className="mt-4 max-w-2xl text-lg text-zinc-600 dark:text-zinc-400">
        Recommendations from a model trained on real MovieLens ratings, each with the reason it was picked. Step into a
        MovieLens user’s shoes, or rate five movies and get picks of your own.
      </p>
      <div className="mt-8 flex flex-col gap-3 sm:flex-row">
        <Link
          to="/users"
          className="rounded-md bg-accent px-5 py-3 text-center font-semibold text-white shadow-sm hover:bg-accent-strong"
        >
          Browse as a MovieLens user
        </Link>
        <Link
          to="/onboarding"
          className="rounded-md px-5 py-3 text-center font-semibold ring-1 ring-zinc-300 hover:bg-zinc-100 dark:ring-zinc-700 dark:hover:bg-zinc-900"
        >
          Start fresh
        </Link>
      </div>
    </section>
  );
}
