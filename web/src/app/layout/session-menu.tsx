/**
 * Who is browsing, with the way out. The menu (Radix: positioning, focus, dismissal) is not in the
 * first page's JavaScript; until it arrives a button that looks the same stands in, and a click on it
 * opens the menu as soon as it is there.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { buttonClass } from '@/components/ui/button';
import { useIdleImport } from '@/hooks/use-idle-import';
import { cn } from '@/lib/cn';
import { sessionName, useSession } from '@/lib/session';

const loadDropdown = () => import('./session-dropdown');
const triggerClass = cn(buttonClass('secondary', 'sm'), 'gap-2');

export function SessionMenu() {
  const session = useSession();
  const [clicked, setClicked] = useState(false);
  const dropdown = useIdleImport(loadDropdown, clicked);
  if (!session)
    return (
      <Link to="/users" className={buttonClass('secondary', 'sm')}>
        Sign in
      </Link>
    );
  const trigger = (
    <>
      <span className="max-w-40 truncate">{sessionName(session)}</span>
      <span aria-hidden>▾</span>
    </>
  );
  if (!dropdown)
    return (
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={false}
        onClick={() => setClicked(true)}
        className={triggerClass}
      >
        {trigger}
      </button>
    );
  return <dropdown.SessionDropdown trigger={trigger} triggerClass={triggerClass} defaultOpen={clicked} />;
}
