import { Link } from 'react-router';
import { Page } from '@/components/ui/page';
import { buttonClass } from '@/components/ui/button';
import { cn } from '@/lib/cn';

export default function NotFoundRoute() {
  return (
    <Page title="Not found" className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="text-2xl font-semibold">Nothing at this address</h1>
      <p className="mt-2 text-zinc-600 dark:text-zinc-400">The page you asked for does not exist.</p>
      <Link to="/" className={cn(buttonClass('primary'), 'mt-6')}>
        Back home
      </Link>
    </Page>
  );
}
