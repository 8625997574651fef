/** Who is browsing, with the way out: a Radix menu (focus, arrows and Escape handled by it). */
import { useQueryClient } from '@tanstack/react-query';
import { DropdownMenu } from 'radix-ui';
import { Link, useNavigate } from 'react-router';
import { signOut, useSession, type Session } from '@/lib/session';
import { buttonClass } from '@/components/ui/button';
import { cn } from '@/lib/cn';

export const sessionName = (s: Session) =>
  s.kind === 'movielens' ? `MovieLens user ${s.movielensId ?? s.userId}` : `Your profile (#${s.userId})`;

const itemClass =
  'block cursor-pointer rounded px-3 py-2 text-sm outline-none data-[highlighted]:bg-zinc-100 dark:data-[highlighted]:bg-zinc-800';

export function SessionMenu() {
  const session = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  if (!session)
    return (
      <Link to="/users" className={buttonClass('secondary', 'sm')}>
        Sign in
      </Link>
    );
  const leave = () => {
    signOut();
    queryClient.removeQueries({ queryKey: ['user'] });
    navigate('/');
  };
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger className={cn(buttonClass('secondary', 'sm'), 'gap-2')}>
        <span className="max-w-40 truncate">{sessionName(session)}</span>
        <span aria-hidden>▾</span>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          sideOffset={6}
          className="z-50 min-w-48 rounded-md bg-white p-1 shadow-lg ring-1 ring-black/10 dark:bg-zinc-900 dark:ring-white/10"
        >
          <DropdownMenu.Item asChild className={itemClass}>
            <Link to="/ratings">My ratings</Link>
          </DropdownMenu.Item>
          <DropdownMenu.Item asChild className={itemClass}>
            <Link to="/profile">Profile</Link>
          </DropdownMenu.Item>
          <DropdownMenu.Item asChild className={itemClass}>
            <Link to="/users">Switch user</Link>
          </DropdownMenu.Item>
          <DropdownMenu.Separator className="my-1 h-px bg-zinc-200 dark:bg-zinc-800" />
          <DropdownMenu.Item className={itemClass} onSelect={leave}>
            Sign out
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
